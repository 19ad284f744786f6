"""Issue 29, finding 8: ``purge_expired --dry-run`` names exactly what the real run deletes,
backup files included."""

import datetime

import pytest
import time_machine

from interviews.erasure.tests.test_erasure import END, at, backup_file, purge
from interviews.tests.factories import make_participant, round_dates

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("with_data", [True, False], ids=["data to purge", "nothing to purge"])
def test_the_dry_run_counts_the_backups_the_purge_deletes(settings, interviewer, with_data):
    round_dates(project_end=END)  # purge date: 30 September 2021
    if with_data:
        make_participant()
    files = [
        backup_file(settings, "before-the-purge-date", at((9, 1))),
        backup_file(settings, "after-the-purge-date", at((10, 2))),
    ]

    with time_machine.travel(at((10, 5)), tick=False):
        dry = purge("--dry-run")
        assert all(f.exists() for f in files)
        real = purge()

    deleted = [f for f in files if not f.exists()]
    assert f"Would delete {len(deleted)} backup files." in dry
    assert f"Deleted {len(deleted)} backup files." in real
    assert len(deleted) == (2 if with_data else 1)


def test_the_dry_run_counts_every_row_the_purge_deletes(settings, interviewer):
    round_dates(project_end=END)
    make_participant()
    make_participant()
    with time_machine.travel(datetime.datetime(2021, 10, 5, 9, tzinfo=datetime.UTC)):
        dry = purge("--dry-run").replace("Would delete", "")
        real = purge().replace("Deleted", "").replace("Interview data purged.\n", "")
    assert dry == real
    assert " 2 participants." in real
