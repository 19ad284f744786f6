"""Migration 0007 moves the errors of runs recorded as text into ``ImportRun.problems``;
0013 says how the rows of earlier runs were matched."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from activities.models import ImportRun

pytestmark = pytest.mark.django_db

migration = importlib.import_module("activities.migrations.0007_import_run_problems")


def test_old_summaries_are_split_into_counts_and_problems():
    now = timezone.now()
    failed = ImportRun.objects.create(
        file_name="bad.xlsx",
        outcome="failed",
        started=now,
        rows_read=2,
        errors=2,
        summary="\n".join(
            [
                "Leeds: 2 rows read (header on row 1), 0 new, 0 updated, 0 unchanged, "
                "2 with errors",
                "Total: 2 rows read, 0 new, 0 updated, 0 unchanged",
                "2 errors; nothing was written:",
                "Leeds!2 Sector: Fish — not a known sector (accepted: NHS)",
                "Leeds!3 Sector: Fowl — not a known sector (accepted: NHS)",
            ]
        ),
    )
    unreadable = ImportRun.objects.create(
        file_name="x.xlsx", outcome="failed", started=now, errors=1, summary="The file is empty."
    )
    fine = ImportRun.objects.create(
        file_name="ok.xlsx",
        outcome="applied",
        started=now,
        summary="Total: 0 rows read, 0 new, 0 updated, 0 unchanged",
    )

    migration.split_summaries(apps, None)

    failed = ImportRun.objects.get(pk=failed.pk)
    assert failed.summary.splitlines()[-1].startswith("Total: 2 rows read")
    assert failed.problems == [
        "Leeds!2 Sector: Fish — not a known sector (accepted: NHS)",
        "Leeds!3 Sector: Fowl — not a known sector (accepted: NHS)",
    ]
    unreadable = ImportRun.objects.get(pk=unreadable.pk)
    assert (unreadable.summary, unreadable.problems) == ("", ["The file is empty."])
    fine = ImportRun.objects.get(pk=fine.pk)
    assert fine.problems == []
    assert fine.summary == "Total: 0 rows read, 0 new, 0 updated, 0 unchanged"


def test_rows_matched_before_the_published_id_column_were_matched_by_identity():
    identity = importlib.import_module(
        "activities.migrations.0013_import_row_serves_and_identified_by"
    )
    run = ImportRun.objects.create(file_name="old.xlsx", outcome="applied", started=timezone.now())
    for number, result in enumerate(["new", "updated", "unchanged", "error"], start=2):
        run.rows.create(sheet="Leeds", row=number, result=result)

    identity.earlier_matches_were_by_identity(apps, None)

    assert dict(run.rows.values_list("result", "identified_by")) == {
        "new": "",
        "updated": "identity",
        "unchanged": "identity",
        "error": "",
    }
