"""The admin's preview and confirmation of a sheet whose Organisation ids rename an
organisation or create one: the preview lists them, confirming makes them (by the
champion who confirms), and a confirmation refuses if the organisations changed since."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.master_sheet.tests.organisation_ids import (
    HEADERS,
    UNKNOWN,
    export_renaming,
    organisations_make,
    with_ids,
)
from activities.master_sheet.tests.test_sheet_published_ids import preview_rows
from activities.models import Activity, Organisation
from activities.tests.workbooks import workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def mind():
    """Mind runs two activities in Leeds; Peers one in two places; one is region-wide."""
    return organisations_make()


def test_the_preview_lists_a_rename_and_offers_to_import_it(mind, client_for, champion):
    walk = Activity.objects.get(name="Walk and Talk")
    data = workbook_bytes(
        {
            "Leeds": [
                HEADERS,
                with_ids(mind.uuid, "Walk and Talk", "Leeds Mind", walk.uuid),
                with_ids(UNKNOWN, "Seed swap", "Green Peers"),
            ]
        }
    )

    response = client_for(champion).post(
        reverse("admin:activities_importrun_upload"),
        {"workbook": SimpleUploadedFile("orgs.xlsx", data)},
        follow=True,
    )

    page = response.content.decode()
    assert f"Organisation renamed: “Mind” → “Leeds Mind” (organisation id {mind.uuid})" in page
    assert "New organisations with the sheet&#x27;s organisation ids: “Green Peers”" in page
    assert 'value="Import 1 new and 1 updated activities and rename 1 organisation"' in page
    rows = preview_rows(page)
    assert rows[2][:4] == ["Leeds!3", "Seed swap", "Leeds", "New"]
    assert "Sector: Third Sector" in rows[2][4]  # a new row shows the values read
    # A new row says who runs it (a value read); the renamed organisation is not a change
    # of the rows it runs.
    assert "Organisation: Green Peers" in rows[2][4]
    assert not any("Organisation:" in cell for cells in rows[:2] for cell in cells)
    mind.refresh_from_db()
    assert mind.name == "Mind" and not Organisation.objects.filter(uuid=UNKNOWN).exists()


def test_a_preview_that_only_renames_does_not_say_nothing_would_change(mind, client_for, champion):
    data = export_renaming({str(mind.uuid): "Leeds Mind"})

    page = (
        client_for(champion)
        .post(
            reverse("admin:activities_importrun_upload"),
            {"workbook": SimpleUploadedFile("orgs.xlsx", data)},
            follow=True,
        )
        .content.decode()
    )

    assert "nothing-to-import" not in page
    assert "Organisation renamed: “Mind” → “Leeds Mind”" in page
    assert 'value="Import 0 new and 0 updated activities and rename 1 organisation"' in page
    assert Organisation.objects.get(pk=mind.pk).name == "Mind"


def test_confirming_the_preview_renames_and_creates_the_organisations(mind, client_for, champion):
    client = client_for(champion)
    walk = Activity.objects.get(name="Walk and Talk")
    data = workbook_bytes(
        {
            "Leeds": [
                HEADERS,
                with_ids(mind.uuid, "Walk and Talk", "Leeds Mind", walk.uuid),
                with_ids(UNKNOWN, "Seed swap", "Green Peers"),
            ]
        }
    )
    preview = upload(client, data).context["run"]
    assert not Organisation.objects.filter(uuid=UNKNOWN).exists()  # a preview makes none

    page = client.post(confirm_url(preview), follow=True).content.decode()

    assert "Imported orgs.xlsx: 1 new, 1 updated, 0 unchanged." in page
    mind.refresh_from_db()
    assert mind.name == "Leeds Mind"
    assert mind.history.first().history_user == champion
    green = Organisation.objects.get(uuid=UNKNOWN)
    assert green.name == "Green Peers"
    assert green.history.get().history_user == champion
    assert Activity.objects.get(name="Seed swap").organisation == green


def test_confirm_refuses_when_the_organisation_was_renamed_since_the_preview(
    mind, client_for, champion
):
    client = client_for(champion)
    preview = upload(client, export_renaming({str(mind.uuid): "Leeds Mind"})).context["run"]
    mind.name = "Mind Leeds & District"
    mind.save()

    page = client.post(confirm_url(preview), follow=True).content.decode()

    assert "The directory changed since the preview, so nothing was imported" in page
    assert "the organisations it renames or creates are not the ones it showed" in page
    mind.refresh_from_db()
    assert mind.name == "Mind Leeds & District"


def upload(client, data):
    return client.post(
        reverse("admin:activities_importrun_upload"),
        {"workbook": SimpleUploadedFile("orgs.xlsx", data)},
        follow=True,
    )


def confirm_url(run):
    return reverse("admin:activities_importrun_confirm", args=[run.pk])
