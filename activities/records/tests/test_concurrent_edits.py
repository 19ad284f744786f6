"""Two champions editing one activity: the second save is refused, not lost."""

import pytest
from django.test import Client

from activities.models import Activity
from activities.records.tests.test_admin import activity_form
from activities.tests.factories import make_activity
from scoping.accounts.roles import CHAMPIONS

pytestmark = pytest.mark.django_db


def test_the_second_save_is_refused_and_shows_the_other_change(champion, make_user):
    other = make_user("alice", CHAMPIONS)
    activity = make_activity("Beeston Walk and Talk", status="active")
    url = f"/admin/activities/activity/{activity.pk}/change/"
    first, second = Client(), Client()
    first.force_login(other)
    second.force_login(champion)
    seen = activity.version
    first.get(url)
    second.get(url)

    response = first.post(url, activity_form(status="closed", version_seen=seen))
    assert response.status_code == 302

    response = second.post(
        url, activity_form(status="active", notes="Still meets", version_seen=seen)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed by someone else since you opened it" in page
    assert "alice" in page
    assert "status: Active → Closed" in page
    activity.refresh_from_db()
    assert activity.status == "closed"
    assert activity.notes == ""

    # Having read the message, saving again keeps the second person's version.
    form = response.context["adminform"].form
    assert form["version_seen"].value() == activity.version
    response = second.post(
        url,
        activity_form(status="active", notes="Still meets", version_seen=activity.version),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.notes) == ("active", "Still meets")


def test_an_unchanged_activity_saves_normally(client_for, champion):
    activity = make_activity("Beeston Walk and Talk")
    response = client_for(champion).post(
        f"/admin/activities/activity/{activity.pk}/change/",
        activity_form(notes="x", version_seen=activity.version),
    )
    assert response.status_code == 302
    assert Activity.objects.get().version == activity.version + 1
