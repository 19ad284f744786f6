"""The admin's upload → preview → confirm flow, export, and the run log."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Activity, ImportRun
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, read_sheets, row, workbook_bytes

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:activities_importrun_upload")


def upload(client, data, name="master.xlsx"):
    return client.post(UPLOAD, {"workbook": SimpleUploadedFile(name, data)}, follow=True)


def sheet(*rows):
    return workbook_bytes({"Leeds": [CANONICAL, *rows]})


def confirm_url(run):
    return reverse("admin:activities_importrun_confirm", args=[run.pk])


def test_a_champion_previews_then_confirms(client_for, champion):
    make_activity(name="Walk and Talk", organisation="Mind", status="active")
    client = client_for(champion)

    response = upload(client, sheet(row("Walk and Talk", status="Closed"), row("Book club")))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Leeds: 2 rows read (header on row 1), 1 new, 1 updated, 0 unchanged" in page
    assert '<div class="psd-changed"><strong>Status</strong>: <del>Active</del>' in page
    assert "<ins>Closed</ins>" in page
    assert "Book club" in page
    assert "Import 1 new and 1 updated activities" in page
    assert Activity.objects.count() == 1  # the preview wrote nothing
    preview = ImportRun.objects.get()
    assert (preview.outcome, preview.source, preview.imported_by) == ("dry_run", "admin", champion)

    response = client.post(confirm_url(preview), follow=True)

    assert "Imported master.xlsx: 1 new, 1 updated, 0 unchanged." in response.content.decode()
    assert Activity.objects.count() == 2
    assert Activity.objects.get(name="Walk and Talk").status == "closed"
    applied = ImportRun.objects.get(outcome="applied")
    assert applied.imported_by == champion
    assert Activity.history.filter(history_user=champion).count() == 2

    again = client.post(confirm_url(preview), follow=True)

    assert "already imported or has expired" in again.content.decode()
    assert Activity.objects.count() == 2


def test_a_preview_that_would_change_nothing_says_so(client_for, champion):
    client = client_for(champion)
    data = sheet(row("Walk and Talk"), row("Book club"))
    first = ImportRun.objects.get(pk=upload(client, data).context["run"].pk)
    assert 'id="nothing-to-import"' not in upload(client, data).content.decode()
    client.post(confirm_url(first), follow=True)
    page = upload(client, data).content.decode()
    assert "0 new, 0 updated, 2 unchanged" in page
    assert "importing this sheet would add or change nothing" in page


def test_a_preview_with_errors_cannot_be_confirmed(client_for, champion):
    client = client_for(champion)

    response = upload(client, sheet(row("Walk"), row("Bad", sector="Charityy")))

    page = response.content.decode()
    assert "1 error: nothing can be imported" in page
    assert "Leeds!3 Sector: Charityy — not a known sector (accepted: Arts, Community," in page
    assert "Import 1 new" not in page
    run = ImportRun.objects.get()
    client.post(confirm_url(run))
    assert Activity.objects.count() == 0


def test_confirm_refuses_when_an_activity_changed_since_the_preview(client_for, champion):
    walk = make_activity(name="Walk and Talk", organisation="Mind", notes="old")
    client = client_for(champion)
    upload(client, sheet(row("Walk and Talk", notes="from the sheet"), row("Book club")))
    preview = ImportRun.objects.get()
    walk.notes = "edited in the admin meanwhile"
    walk.save()

    response = client.post(confirm_url(preview), follow=True)

    page = response.content.decode()
    assert "The directory changed since the preview, so nothing was imported" in page
    assert "Leeds!2 “Walk and Talk” was edited by someone else" in page
    walk.refresh_from_db()
    assert walk.notes == "edited in the admin meanwhile"
    assert not Activity.objects.filter(name="Book club").exists()


def test_confirm_refuses_when_a_new_row_now_clashes(client_for, champion):
    client = client_for(champion)
    upload(client, sheet(row("Book club", organisation="")))
    preview = ImportRun.objects.get()
    make_activity(name="Book Club")

    response = client.post(confirm_url(preview), follow=True)

    assert "Leeds!2 “Book club” was added to the directory by someone else" in (
        response.content.decode()
    )
    assert Activity.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"name,place\n", "This is not a spreadsheet the import can read"),
        (workbook_bytes({"Notes": [["just notes"]]}), "no worksheet has the master sheet"),
    ],
)
def test_unusable_files_get_a_clear_message(client_for, champion, data, message):
    response = upload(client_for(champion), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Activity.objects.count() == 0


def test_an_oversized_upload_is_refused(client_for, champion, settings):
    settings.MASTER_SHEET_MAX_UPLOAD_BYTES = 100

    response = upload(client_for(champion), sheet(row("Walk")))

    assert "KB; the limit is 100 bytes." in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_analysts_cannot_import(client_for, staff_analyst):
    assert client_for(staff_analyst).get(UPLOAD).status_code == 403


def test_non_staff_are_sent_to_the_admin_login(client_for, commissioner):
    response = client_for(commissioner).get(UPLOAD)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_another_champions_preview_is_not_theirs_to_confirm(client_for, champion, superuser):
    client = client_for(superuser)
    upload(client, sheet(row("Walk")))
    preview = ImportRun.objects.get()
    client.force_login(champion)

    assert client.post(confirm_url(preview)).status_code == 403
    assert Activity.objects.count() == 0


def test_champions_can_read_the_run_log_but_not_edit_it(client_for, champion):
    client = client_for(champion)
    upload(client, sheet(row("Walk"), row("Bad", model="Zumba")))
    run = ImportRun.objects.get()

    listing = client.get(reverse("admin:activities_importrun_changelist"))
    detail = client.get(reverse("admin:activities_importrun_change", args=[run.pk]))
    rows = client.get(
        reverse("admin:activities_importrowresult_changelist") + f"?run__id__exact={run.pk}"
    )

    assert listing.status_code == 200
    assert "Import a master sheet" in listing.content.decode()
    assert detail.status_code == 200
    assert "Leeds!3 Primary model of delivery: Zumba" in detail.content.decode()
    assert rows.status_code == 200
    assert "Zumba" in rows.content.decode()
    assert client.post(reverse("admin:activities_importrun_delete", args=[run.pk])).status_code in (
        403,
        302,
    )
    assert ImportRun.objects.filter(pk=run.pk).exists()


def test_analysts_export_the_master_sheet(client_for, staff_analyst):
    make_activity(name="Walk", notes="+44 not a formula")

    response = client_for(staff_analyst).get(reverse("admin:activities_importrun_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="master-sheet-')
    sheets = read_sheets(response.content)
    assert list(sheets) == ["Leeds"]
    notes = sheets["Leeds"][0].index("Notes")
    assert sheets["Leeds"][1][notes] == "'+44 not a formula"


def test_the_export_action_writes_the_selected_activities(client_for, champion):
    walk = make_activity(name="Walk")
    make_activity(name="Other")

    response = client_for(champion).post(
        reverse("admin:activities_activity_changelist"),
        {"action": "export_selected_as_master_sheet", "_selected_action": [walk.pk]},
    )

    sheets = read_sheets(response.content)
    assert [r[0] for r in sheets["Leeds"]] == ["Project name / support type", "Walk"]


def test_export_needs_view_permission(client_for, make_user):
    staff = make_user("staff", is_staff=True)  # staff status, but no role

    response = client_for(staff).get(reverse("admin:activities_importrun_export"))

    assert response.status_code == 403


def test_export_reads_a_fixed_number_of_queries(
    client_for, staff_analyst, django_assert_num_queries
):
    for n in range(5):
        make_activity(name=f"Walk {n}", organisation=f"Org {n}", experiences=("anxiety", "carers"))
    client = client_for(staff_analyst)

    with django_assert_num_queries(6):  # session, user, permissions, links, place links, rows
        response = client.get(reverse("admin:activities_importrun_export"))

    assert len(read_sheets(response.content)["Leeds"]) == 6


def test_the_run_log_lists_read_a_fixed_number_of_queries(
    client_for, champion, django_assert_num_queries
):
    client = client_for(champion)
    for n in range(3):
        upload(client, sheet(row(f"Walk {n}"), row(f"Other {n}")))
    runs = reverse("admin:activities_importrun_changelist")
    rows = reverse("admin:activities_importrowresult_changelist")

    # 7: the source filter lists ImportRun.Source's choices instead of querying its values.
    with django_assert_num_queries(7):
        assert client.get(runs).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(rows).status_code == 200


def test_the_activity_list_links_to_import_and_export(client_for, champion, staff_analyst):
    url = reverse("admin:activities_activity_changelist")

    champion_page = client_for(champion).get(url).content.decode()
    analyst_page = client_for(staff_analyst).get(url).content.decode()

    assert UPLOAD in champion_page
    assert reverse("admin:activities_importrun_export") in champion_page
    assert UPLOAD not in analyst_page
    assert reverse("admin:activities_importrun_export") in analyst_page
