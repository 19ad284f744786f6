"""Closing an activity from the review queue: a reason first, an undo for 10 minutes, and
every step in place with htmx or as plain pages without JavaScript."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from activities.currency.tests.test_review_queue import TODAY, assign
from activities.models import Activity
from activities.tests.factories import make_activity
from activities.vocabulary.terms import Status

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
LONG_AGO = TODAY - datetime.timedelta(days=500)


@pytest.fixture
def walk(champion):
    assign(champion, "leeds")
    return make_activity("Armley Walk", status=Status.ACTIVE, last_verified=LONG_AGO)


@pytest.fixture
def client(client_for, champion):
    return client_for(champion)


def state(activity):
    activity.refresh_from_db()
    return activity.status, activity.last_verified, activity.last_verified_by


def test_closed_without_a_reason_asks_for_one_and_changes_nothing(client, walk):
    response = client.post(f"/activities/review/{walk.pk}/", {"action": "closed"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Choose why it has closed." in html
    assert state(walk) == (Status.ACTIVE, LONG_AGO, None)


def test_another_reason_needs_saying(client, walk):
    response = client.post(
        f"/activities/review/{walk.pk}/", {"action": "closed", "reason": "other", "detail": " "}
    )
    assert response.status_code == 400
    assert "Say why it has closed." in response.content.decode()
    assert state(walk)[0] == Status.ACTIVE


def test_without_javascript_closing_asks_why_then_offers_an_undo(client, champion, walk):
    page = client.get(f"/activities/review/{walk.pk}/close/?page=1")
    assert page.status_code == 200
    assert "Why has it closed?" in page.content.decode()
    response = client.post(
        f"/activities/review/{walk.pk}/",
        {"action": "closed", "reason": "other", "detail": "Venue closed for good", "page": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/activities/review/?page=1&closed={walk.pk}"
    assert state(walk) == (Status.CLOSED, TODAY, champion)
    assert walk.history.first().history_change_reason == (
        "Review queue: closed (Venue closed for good)"
    )
    html = client.get(response["Location"]).content.decode()
    banner = html.split('id="just-closed"', 1)[1].split("</form>", 1)[0]
    assert "“Armley Walk” is recorded as closed (Venue closed for good)." in banner
    assert f'action="/activities/review/{walk.pk}/undo/"' in banner and "Undo" in banner

    undone = client.post(f"/activities/review/{walk.pk}/undo/", {"page": "1"})
    assert undone.status_code == 302 and undone["Location"] == "/activities/review/?page=1"
    assert state(walk) == (Status.ACTIVE, LONG_AGO, None)
    assert walk.history.first().history_change_reason == "Review queue: closing undone"
    queue = client.get("/activities/review/")
    assert "Armley Walk" in [a.name for a in queue.context["page"].object_list]
    assert "closing undone; it is back in the queue" in queue.content.decode()


def test_the_undo_runs_out_after_10_minutes(client, walk):
    client.post(f"/activities/review/{walk.pk}/", {"action": "closed", "reason": "stopped"})
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=9, seconds=50)):
        html = client.get(f"/activities/review/?closed={walk.pk}").content.decode()
        assert 'id="just-closed"' in html
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10, seconds=1)):
        html = client.get(f"/activities/review/?closed={walk.pk}").content.decode()
        assert 'id="just-closed"' not in html
        response = client.post(f"/activities/review/{walk.pk}/undo/", follow=True)
    assert "can no longer be reopened here" in response.content.decode()
    assert state(walk)[0] == Status.CLOSED


def test_only_the_champion_who_closed_it_can_undo_and_only_before_another_change(
    client, client_for, make_user, walk
):
    client.post(f"/activities/review/{walk.pk}/", {"action": "closed", "reason": "joined"})
    other = make_user("other-champion", "Champions")
    assign(other, "leeds")
    client_for(other).post(f"/activities/review/{walk.pk}/undo/")
    assert state(walk)[0] == Status.CLOSED

    Activity.objects.get(pk=walk.pk).save()  # an edit after the closing
    client.post(f"/activities/review/{walk.pk}/undo/")
    assert state(walk)[0] == Status.CLOSED


def test_with_htmx_a_check_updates_its_row_in_place(client, champion, walk):
    response = client.post(f"/activities/review/{walk.pk}/", {"action": "checked"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and "<html" not in html
    assert f'id="review-{walk.pk}"' in html
    assert "Recorded: checked today, still running." in html
    assert f"{TODAY:%-d %B %Y} by champion" in html
    assert state(walk) == (Status.ACTIVE, TODAY, champion)


def test_with_htmx_closed_asks_why_in_the_row_then_offers_an_undo_in_the_row(client, walk):
    form = client.get(f"/activities/review/{walk.pk}/close/", **HTMX).content.decode()
    assert form.lstrip().startswith("<tr") and "Why has it closed?" in form
    missing = client.post(f"/activities/review/{walk.pk}/", {"action": "closed"}, **HTMX)
    assert missing.status_code == 200  # htmx swaps only a success; the row shows the error
    assert "Choose why it has closed." in missing.content.decode()

    closed = client.post(
        f"/activities/review/{walk.pk}/", {"action": "closed", "reason": "stopped"}, **HTMX
    ).content.decode()
    assert "“Armley Walk” is recorded as closed." in closed
    assert f'hx-post="/activities/review/{walk.pk}/undo/"' in closed
    assert state(walk)[0] == Status.CLOSED

    reopened = client.post(f"/activities/review/{walk.pk}/undo/", **HTMX).content.decode()
    assert "Closing undone: it is back in the queue." in reopened
    assert state(walk) == (Status.ACTIVE, LONG_AGO, None)


def test_closing_outside_a_champions_places_is_not_found(client, walk):
    wakefield = make_activity("Wakefield Walk", place="wakefield")
    assert client.get(f"/activities/review/{wakefield.pk}/close/").status_code == 404
    assert client.post(f"/activities/review/{wakefield.pk}/undo/").status_code == 404
