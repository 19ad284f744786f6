"""The directory's filtered export is a master sheet: re-importing it changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command

from activities.models import Activity
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_a_filtered_export_reimports_as_unchanged(client_for, analyst, tmp_path):
    make_activity(
        "Walk and Talk",
        organisation="Leeds Mind",
        experiences=("anxiety", "carers"),
        notes="=SUM(A1)",
        venue="@library",
        online=True,
        date_scoped=datetime.date(2020, 2, 1),
    )
    make_activity("Knit and Natter", experiences=("loneliness-and-isolation",))
    make_activity("Book club", place="kirklees")  # filtered out below
    response = client_for(analyst).get("/activities/export.xlsx", {"place": "leeds"})
    assert response.status_code == 200
    path = tmp_path / "leeds.xlsx"
    path.write_bytes(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    before = sorted(Activity.objects.values_list("pk", "version", "notes", "venue"))

    out = io.StringIO()
    call_command("import_master_sheet", str(path), stdout=out)

    assert "Total: 2 rows read, 0 new, 0 updated, 2 unchanged" in out.getvalue()
    assert sorted(Activity.objects.values_list("pk", "version", "notes", "venue")) == before
