import datetime

import pytest

from activities.models import Activity, Alias, Organisation, Place, SharedExperience
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db


def activity_form(**overrides):
    data = {
        "name": "Beeston Walk and Talk",
        "organisation": "",
        "place": Place.objects.get(slug="leeds").pk,
        "sector": "third_sector",
        "main_focus": "mental_health",
        "shared_experiences": [SharedExperience.objects.get(slug="anxiety").pk],
        "delivery_model": "activity_group",
        "funding_type": "unknown",
        "online": "unknown",
        "self_described_peer_support": "true",
        "status": "active",
        "date_scoped": "12/03/2020",
        "website": "example.org/beeston",
        "venue": "Beeston library",
        "contact": "",
        "scoped_by_name": "AB",
        "notes": "",
        "last_verified": "",
    }
    data.update(overrides)
    return data


def test_it_lets_a_champion_add_an_activity(client_for, champion):
    client = client_for(champion)
    response = client.post("/admin/activities/activity/add/", activity_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert activity.name == "Beeston Walk and Talk"
    assert activity.scoped_by == champion
    assert activity.date_scoped == datetime.date(2020, 3, 12)
    assert activity.website == "https://example.org/beeston"
    assert list(activity.shared_experiences.values_list("slug", flat=True)) == ["anxiety"]


def test_it_refuses_an_analyst_adding_an_activity(client_for, staff_analyst):
    client = client_for(staff_analyst)
    assert client.get("/admin/activities/activity/add/").status_code == 403
    assert client.post("/admin/activities/activity/add/", activity_form()).status_code == 403
    assert Activity.objects.count() == 0


def test_an_analyst_may_browse_but_not_change(client_for, staff_analyst):
    activity = make_activity()
    client = client_for(staff_analyst)
    assert client.get("/admin/activities/activity/").status_code == 200
    response = client.post(
        f"/admin/activities/activity/{activity.pk}/change/", activity_form(name="Renamed")
    )
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.name == "Walk and Talk"


def test_the_add_form_starts_with_field_defaults(client_for, champion):
    response = client_for(champion).get("/admin/activities/activity/add/")
    form = response.context["adminform"].form
    assert form.initial["status"] == "active"
    assert form.initial["date_scoped"] == datetime.date.today()
    assert form.initial["scoped_by_name"] == "champion"
    assert 'type="checkbox" name="shared_experiences"' in response.content.decode()


def test_it_says_what_to_fix_when_fields_are_missing(client_for, champion):
    response = client_for(champion).post(
        "/admin/activities/activity/add/",
        activity_form(shared_experiences=[], place="", delivery_model=""),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tick at least one shared experience." in page
    assert "Choose the place where the activity happens." in page
    assert "Choose how the support is mainly given." in page
    assert Activity.objects.count() == 0


def test_it_names_the_existing_activity_for_a_duplicate(client_for, champion):
    existing = make_activity("Beeston Walk and Talk", organisation="Beeston Mind")
    response = client_for(champion).post(
        "/admin/activities/activity/add/",
        activity_form(name="beeston walk & talk", organisation=existing.organisation.pk),
    )
    assert response.status_code == 200
    assert "“Beeston Walk and Talk” by Beeston Mind in Leeds is already in the directory" in (
        response.content.decode()
    )
    assert Activity.objects.count() == 1


def test_editing_an_activity_is_not_a_duplicate_of_itself(client_for, champion):
    activity = make_activity("Beeston Walk and Talk")
    response = client_for(champion).post(
        f"/admin/activities/activity/{activity.pk}/change/",
        activity_form(notes="Meets on Tuesdays"),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.notes == "Meets on Tuesdays"
    assert activity.scoped_by is None  # only set when the activity is first entered


def test_the_list_runs_a_fixed_number_of_queries(client_for, champion, django_assert_num_queries):
    client = client_for(champion)
    for i in range(3):
        make_activity(f"Group {i}", organisation=f"Org {i}")
    client.get("/admin/activities/activity/")  # warm the session and content types
    # The places of several-place activities come in one prefetch, whatever the page size.
    with django_assert_num_queries(10):
        client.get("/admin/activities/activity/")
    for i in range(3, 40):
        make_activity(f"Group {i}", organisation=f"Org {i}")
    with django_assert_num_queries(10):
        response = client.get("/admin/activities/activity/")
    assert "Group 39" in response.content.decode()


def test_organisation_autocomplete_finds_by_name(client_for, champion):
    Organisation.objects.create(name="Keighley Pride")
    response = client_for(champion).get(
        "/admin/autocomplete/",
        {
            "term": "keigh",
            "app_label": "activities",
            "model_name": "activity",
            "field_name": "organisation",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Keighley Pride"]


def test_a_duplicate_organisation_name_is_explained(client_for, champion):
    Organisation.objects.create(name="Keighley Pride")
    response = client_for(champion).post(
        "/admin/activities/organisation/add/",
        {"name": "KEIGHLEY  pride", "website": "", "notes": ""},
    )
    assert "“Keighley Pride” is already recorded" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_an_administrator_adds_an_alias_with_one_choice(client_for, superuser):
    response = client_for(superuser).post(
        "/admin/activities/alias/add/",
        {"spelling": "Social enterprise", "means": "sector:third_sector"},
    )
    assert response.status_code == 302
    alias = Alias.objects.get(spelling="Social enterprise")
    assert (alias.vocabulary, alias.canonical, alias.spelling_key) == (
        "sector",
        "third_sector",
        "socialenterprise",
    )


def test_an_alias_that_clashes_is_explained(client_for, superuser):
    response = client_for(superuser).post(
        "/admin/activities/alias/add/", {"spelling": "3RD SECTOR", "means": "sector:community"}
    )
    assert "already means Third Sector" in response.content.decode()


def test_the_alias_list_shows_what_each_spelling_means(
    client_for, superuser, django_assert_max_num_queries
):
    client = client_for(superuser)
    with django_assert_max_num_queries(10):
        page = client.get("/admin/activities/alias/?vocabulary=place").content.decode()
    assert "Airedale and Wharfedale" in page
    assert "<strong>Bradford &amp; Craven</strong>" in page


def test_an_admin_edit_is_kept_in_history_with_who_made_it(client_for, champion):
    activity = make_activity("Beeston Walk and Talk")
    before = activity.history.count()
    client = client_for(champion)
    client.post(
        f"/admin/activities/activity/{activity.pk}/change/", activity_form(notes="Tuesdays")
    )
    latest = activity.history.latest()
    assert latest.history_user == champion
    assert latest.notes == "Tuesdays"
    assert activity.history.count() > before
    activity.refresh_from_db()
    assert activity.version == 2
    page = client.get(f"/admin/activities/activity/{activity.pk}/history/").content.decode()
    assert "champion" in page


@pytest.mark.parametrize(
    "field, value",
    [
        ("shared_experiences", ["99999999999999999999999"]),
        ("shared_experiences", ["-9223372036854775809"]),
        ("shared_experiences", [" 9223372036854775808 "]),
        ("place", "99999999999999999999999"),
        ("place", "-9223372036854775809"),
        ("organisation", "9223372036854775808"),
    ],
)
def test_an_id_too_large_for_the_database_is_a_form_error(client_for, champion, field, value):
    response = client_for(champion).post(
        "/admin/activities/activity/add/", activity_form(**{field: value})
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Activity.objects.count() == 0
