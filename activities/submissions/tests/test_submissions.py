"""The public "share your activity" form and the champions' decisions on what it brings."""

import pytest
from django.core.cache import cache

from activities.currency.models import PlaceChampion
from activities.models import Activity, Organisation, Place
from activities.submissions.forms import SUBMISSIONS_PER_HOUR
from activities.submissions.models import Submission
from activities.vocabulary.terms import DeliveryModel, Sector

pytestmark = pytest.mark.django_db
URL = "/activities/share/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides):
    data = {
        "name": "Halifax Hearing Voices",
        "organisation": "Halifax Voices",
        "place": str(Place.objects.get(slug="calderdale").pk),
        "description": "A fortnightly group for people who hear voices.",
        "delivery_model": DeliveryModel.SUPPORT_GROUP,
        "venue": "Halifax library",
        "website": "example.org/voices",
        "contact": "01422 000000 (office)",
    }
    data.update(overrides)
    return data


def test_anyone_may_open_and_send_the_form_without_signing_in(client):
    assert client.get(URL).status_code == 200
    response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == "/activities/share/thanks/"
    submission = Submission.objects.get()
    assert submission.state == Submission.State.PENDING
    assert submission.website == "https://example.org/voices"
    assert client.get("/activities/share/thanks/").status_code == 200


def test_a_submission_is_invisible_until_accepted(client, client_for, analyst, champion):
    client.post(URL, form_data())
    reader = client_for(analyst)
    assert "Halifax Hearing Voices" not in reader.get("/activities/?q=voices").content.decode()
    assert "Halifax Hearing Voices" not in reader.get("/activities/").content.decode()
    assert reader.get("/reports/calderdale/").context["report"].total == 0
    assert not Activity.objects.exists()
    submission = Submission.objects.get()
    submission.sector = Sector.THIRD_SECTOR
    submission.save()
    response = client_for(champion).post(
        "/admin/activities/submission/",
        {"action": "accept_submissions", "_selected_action": [submission.pk]},
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.name, activity.place.slug, activity.organisation.name) == (
        "Halifax Hearing Voices",
        "calderdale",
        "Halifax Voices",
    )
    assert activity.scoped_by == champion
    submission.refresh_from_db()
    assert (submission.state, submission.activity, submission.decided_by) == (
        Submission.State.ACCEPTED,
        activity,
        champion,
    )
    assert "Halifax Hearing Voices" in reader.get("/activities/").content.decode()
    assert reader.get("/reports/calderdale/").context["report"].total == 1


def test_accepting_needs_the_sector_and_says_so(client, client_for, champion):
    client.post(URL, form_data())
    submission = Submission.objects.get()
    response = client_for(champion).post(
        "/admin/activities/submission/",
        {"action": "accept_submissions", "_selected_action": [submission.pk]},
        follow=True,
    )
    assert "choose its sector before accepting it" in response.content.decode()
    assert not Activity.objects.exists()
    assert Submission.objects.get().state == Submission.State.PENDING


def test_a_rejected_submission_never_appears(client, client_for, champion):
    client.post(URL, form_data())
    submission = Submission.objects.get()
    client_for(champion).post(
        "/admin/activities/submission/",
        {"action": "reject_submissions", "_selected_action": [submission.pk]},
    )
    submission.refresh_from_db()
    assert submission.state == Submission.State.REJECTED and submission.decided_by == champion
    assert not Activity.objects.exists()


def test_the_admin_speaks_of_a_decision_not_a_review(client, client_for, champion):
    """A submission is decided (accepted or rejected); "review" is the review queue's word."""
    client.post(URL, form_data())
    submission = Submission.objects.get()
    admin = client_for(champion)
    listing = admin.get("/admin/activities/submission/?state__exact=pending").content.decode()
    assert "Waiting for a decision" in listing
    page = admin.get(f"/admin/activities/submission/{submission.pk}/change/").content.decode()
    assert ">Decision<" in page and "Decision note" in page and "Decided by" in page
    for old in ("Waiting for review", ">Review<", "Review note", "Reviewed by", "Reviewed at"):
        assert old not in listing and old not in page
    admin.post(
        "/admin/activities/submission/",
        {"action": "reject_submissions", "_selected_action": [submission.pk]},
    )
    again = admin.post(
        "/admin/activities/submission/",
        {"action": "reject_submissions", "_selected_action": [submission.pk]},
        follow=True,
    )
    assert f"Submission {submission.pk} has been decided already." in again.content.decode()


def test_champions_see_only_their_places_submissions(client, client_for, champion, make_user):
    client.post(URL, form_data())
    client.post(URL, form_data(name="Leeds Walk", place=str(Place.objects.get(slug="leeds").pk)))
    PlaceChampion.objects.create(user=champion, place=Place.objects.get(slug="leeds"))
    html = client_for(champion).get("/admin/activities/submission/").content.decode()
    assert "Leeds Walk" in html and "Halifax Hearing Voices" not in html
    halifax = Submission.objects.get(name="Halifax Hearing Voices")
    response = client_for(champion).get(f"/admin/activities/submission/{halifax.pk}/change/")
    assert response.status_code == 302  # the admin's "no such object" redirect
    other = make_user("champion2", "Champions")
    html = client_for(other).get("/admin/activities/submission/").content.decode()
    assert "Leeds Walk" in html and "Halifax Hearing Voices" in html  # no place: sees all


def test_the_honeypot_is_thanked_and_dropped(client):
    response = client.post(URL, form_data(fax_number="0800 spam"))
    assert response.status_code == 302
    assert not Submission.objects.exists()


def test_one_address_may_send_only_so_many_an_hour(client):
    for n in range(SUBMISSIONS_PER_HOUR):
        assert client.post(URL, form_data(name=f"Group {n}")).status_code == 302
    response = client.post(URL, form_data(name="One too many"))
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert Submission.objects.count() == SUBMISSIONS_PER_HOUR
    other = client.post(URL, form_data(name="Someone else"), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_the_limit_counts_the_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(SUBMISSIONS_PER_HOUR):
        client.post(URL, form_data(name=f"Group {n}"), HTTP_X_FORWARDED_FOR="198.51.100.1")
    blocked = client.post(URL, form_data(name="x"), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert blocked.status_code == 429
    other = client.post(URL, form_data(name="y"), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_a_request_that_is_too_large_is_refused(client):
    response = client.post(URL, form_data(description="x" * 20_000))
    assert response.status_code == 413
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 201, "The name must be 200 characters or fewer."),
        ("description", "x" * 2001, "The description must be 2,000 characters or fewer."),
        ("name", "", "Enter the name of the activity."),
        ("place", "", "Choose the place where the activity happens."),
        ("description", "", "Say what happens at the activity."),
        ("place", "999999999999999999999999", "Choose one of the six places"),
        ("website", "javascript:alert(1)", "Enter a web address, like example.org/our-group."),
        ("delivered_by", "robots", "Choose one of the answers listed, or “Not sure”."),
    ],
)
def test_bad_answers_are_named(client, field, value, message):
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    assert message in summary  # in the summary, linked to the field
    field_group = html.split(f'id="group-{field}"', 1)[1].split('id="group-', 1)[0]
    assert "govuk-form-group--error" in html and message in field_group
    assert "This field is required" not in html
    assert "<title>Error: " in html
    assert not Submission.objects.exists()


def test_leaving_every_required_answer_out_names_each_one(client):
    response = client.post(URL, {"delivered_by": "unknown"})
    html = response.content.decode()
    for message in (
        "Enter the name of the activity.",
        "Choose the place where the activity happens.",
        "Say what happens at the activity.",
    ):
        assert html.count(message) == 2  # in the summary and beside the field


def test_the_form_is_in_the_govuk_style_and_says_optional_once(client):
    html = client.get(URL).content.decode()
    assert "(optional) (optional)" not in html
    assert "What do the people who come have in common? (optional)</legend>" in html
    assert 'class="govuk-checkboxes__input"' in html and 'class="govuk-radios__input"' in html
    assert 'class="govuk-select' in html and 'class="govuk-textarea' in html
    assert "Who gives the support? (optional)</legend>" in html
    assert '<input type="checkbox"' not in html  # no unstyled browser checkboxes


def test_who_gives_the_support_is_kept_and_goes_into_the_accepted_activity(
    client, client_for, champion
):
    client.post(URL, form_data(delivered_by="volunteers"))
    submission = Submission.objects.get()
    assert submission.delivered_by == "volunteers"
    submission.sector = Sector.COMMUNITY
    submission.save()
    client_for(champion).post(
        "/admin/activities/submission/",
        {"action": "accept_submissions", "_selected_action": [submission.pk]},
    )
    assert Activity.objects.get(name="Halifax Hearing Voices").delivered_by == "volunteers"


def test_not_sure_who_gives_it_is_not_known(client):
    client.post(URL, form_data())
    assert Submission.objects.get().delivered_by == "unknown"


def test_organisation_names_are_suggested_only_where_the_directory_is_public(client, settings):
    Organisation.objects.create(name="Calderdale Mind")
    settings.API_PUBLIC = False
    html = client.get(URL).content.decode()
    assert "Calderdale Mind" not in html and "<datalist" not in html
    settings.API_PUBLIC = True
    html = client.get(URL).content.decode()
    assert 'list="organisation-names"' in html
    assert '<datalist id="organisation-names"><option value="Calderdale Mind">' in html


def test_no_html_is_rendered(client, client_for, champion):
    client.post(URL, form_data(name="<b>Bold</b> <script>alert(1)</script>"))
    submission = Submission.objects.get()
    html = client_for(champion).get("/admin/activities/submission/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    html = client_for(champion).get(f"/admin/activities/submission/{submission.pk}/change/")
    assert "<script>alert(1)</script>" not in html.content.decode()


def test_the_form_opens_nothing_else(client):
    client.post(URL, form_data())
    for url in ["/activities/", "/reports/", "/admin/activities/submission/"]:
        assert client.get(url).status_code == 302  # to sign in
