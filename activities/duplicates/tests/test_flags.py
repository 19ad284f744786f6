"""An activity that may be one already recorded for another place is flagged, with a link
to it, where activities come in: the admin's save, the import's preview, a submission."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.duplicates.finder import Probe, possible_duplicates, serves_key
from activities.models import Activity, Place, Submission
from activities.records.tests.test_admin import activity_form
from activities.tests.factories import make_activity, make_shared_activity
from activities.tests.workbooks import CANONICAL, row, workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeds_voices():
    return make_activity("Hearing Voices Group", place="leeds", organisation="Leeds Mind")


def preview(client, sheet):
    return client.post(
        reverse("admin:activities_importrun_upload"),
        {"workbook": SimpleUploadedFile("leeds.xlsx", workbook_bytes(sheet))},
        follow=True,
    ).content.decode()


def place(slug):
    return Place.objects.get(slug=slug).pk


def probe(name, organisation, slug):
    return Probe(name, organisation, serves_key("place", place(slug), ""))


def test_a_close_match_in_another_place_is_found_and_the_same_place_is_not(leeds_voices):
    make_activity("Hearing Voices Group", place="wakefield", organisation="Wakefield Mind")
    found = possible_duplicates(
        [
            probe("Hearing Voice Group (Bradford)", "Leeds Mind Ltd", "bradford-craven"),
            probe("Hearing Voices Group", "Leeds Mind", "leeds"),  # its own place: not flagged
            probe("Hearing Voices Group", "Kirklees Mind", "kirklees"),  # another organisation
            probe("Walk and Talk", "Leeds Mind", "bradford-craven"),
        ]
    )
    assert found == {0: [leeds_voices]}


def test_informal_groups_match_informal_groups_only():
    group = make_activity("Knit and Natter", place="calderdale")
    make_activity("Knit & Natter", place="kirklees", organisation="Kirklees Yarns")
    found = possible_duplicates([probe("Knit & Natter", "", "wakefield")])
    assert found == {0: [group]}


def test_a_several_place_activity_is_matched_against_other_places(leeds_voices):
    shared = make_shared_activity(
        "Hearing Voices Group", places=("leeds", "wakefield"), organisation="Leeds Mind"
    )
    found = possible_duplicates([probe("Hearing Voices Group", "Leeds Mind", "leeds")])
    assert found == {0: [shared]}  # not itself's place's record, the shared one


def test_finding_takes_four_queries_however_many_probes(leeds_voices, django_assert_num_queries):
    make_activity("Hearing Voices Group", place="kirklees", organisation="Leeds Mind")
    probes = [probe("Hearing Voices Group", "Leeds Mind", "bradford-craven")] * 30
    with django_assert_num_queries(4):  # organisations, candidates, the matches, their places
        found = possible_duplicates(probes)
    assert len(found) == 30 and all(len(matches) == 2 for matches in found.values())


def test_the_admin_flags_a_saved_activity_with_a_link_to_compare_and_merge(
    client_for, champion, leeds_voices
):
    data = activity_form(
        name="Hearing Voice Group",
        place=place("bradford-craven"),
        organisation=leeds_voices.organisation.pk,
    )
    response = client_for(champion).post("/admin/activities/activity/add/", data, follow=True)
    added = Activity.objects.get(place__slug="bradford-craven")
    page = response.content.decode()
    assert "may already be in the directory for another place" in page
    assert reverse("activities:duplicates_merge", args=[added.pk, leeds_voices.pk]) in page
    assert "“Hearing Voices Group” by Leeds Mind, Leeds" in page


def test_the_admin_says_nothing_when_there_is_no_duplicate(client_for, champion, leeds_voices):
    data = activity_form(name="Seed Swap", place=place("bradford-craven"))
    page = client_for(champion).post("/admin/activities/activity/add/", data, follow=True)
    assert "may already be in the directory" not in page.content.decode()


def test_the_import_preview_flags_a_new_row_with_a_link_to_the_other(client_for, champion):
    other = make_activity("Walk and Talk", place="wakefield", organisation="Leeds Mind")
    sheet = {
        "Leeds": [
            CANONICAL,
            row("Walk & Talk", organisation="Leeds Mind"),
            row("Seed Swap", organisation="Leeds Mind"),
        ]
    }
    page = preview(client_for(champion), sheet)
    assert page.count("Possible duplicate of an activity in another place") == 1
    assert f'href="{reverse("activities:detail", args=[other.pk])}"' in page
    assert "“Walk and Talk” by Leeds Mind, Wakefield" in page


def test_a_submission_shows_its_possible_duplicates_before_the_decision(
    client_for, superuser, leeds_voices
):
    submission = Submission.objects.create(
        name="Hearing Voices Group (Kirklees)",
        organisation="leeds mind",
        place=Place.objects.get(slug="kirklees"),
        description="Meets on Tuesdays.",
    )
    url = reverse("admin:activities_submission_change", args=[submission.pk])
    page = client_for(superuser).get(url).content.decode()
    assert "Possible duplicates" in page
    assert f'href="{reverse("activities:detail", args=[leeds_voices.pk])}"' in page


def test_accepting_a_submission_says_its_activity_may_be_a_duplicate(
    client_for, superuser, leeds_voices
):
    submission = Submission.objects.create(
        name="Hearing Voices Group",
        organisation="Leeds Mind",
        place=Place.objects.get(slug="kirklees"),
        description="Meets on Tuesdays.",
        sector="third_sector",
        delivery_model="support_group",
    )
    response = client_for(superuser).post(
        reverse("admin:activities_submission_changelist"),
        {"action": "accept_submissions", "_selected_action": [submission.pk]},
        follow=True,
    )
    added = Activity.objects.get(place__slug="kirklees")
    page = response.content.decode()
    assert "may already be in the directory for another place" in page
    assert reverse("activities:duplicates_merge", args=[added.pk, leeds_voices.pk]) in page
