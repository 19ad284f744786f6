from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from activities.models import Place
from reports.models import Highlight
from reports.study.services import study_highlights_load
from scoping.accounts.roles import ANALYSTS, CHAMPIONS, COMMISSIONERS, INTERVIEW_TEAM

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label="reports")
        .values_list("codename", flat=True)
    )


def test_every_role_may_view_and_the_interview_team_may_edit_highlights():
    editing = {"add_highlight", "change_highlight", "delete_highlight"}
    reading = {"view_report", "view_highlight", "view_snapshot", "view_snapshotarea"}
    # The interview team also reads and makes the interview figures' releases (audit, release).
    releasing = {"view_interviewrelease", "add_interviewrelease"}
    assert codenames(INTERVIEW_TEAM) == reading | editing | releasing
    for role in (ANALYSTS, COMMISSIONERS):
        assert codenames(role) == reading
    # Champions also record progress on the recommendations (test_recommendations.py).
    assert reading <= codenames(CHAMPIONS)
    assert not {name for name in codenames(CHAMPIONS) if name.endswith("_highlight")} - {
        "view_highlight"
    }


def test_the_interview_team_adds_a_highlight_in_the_admin(client_for, interviewer):
    client = client_for(interviewer)
    leeds = Place.objects.get(slug="leeds")
    response = client.post(
        "/admin/reports/highlight/add/",
        {"place": leeds.pk, "order": "3", "text": "Growing NHS provision."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    highlight = Highlight.objects.get()
    assert (highlight.place, highlight.order, highlight.text) == (
        leeds,
        3,
        "Growing NHS provision.",
    )
    assert highlight.history.get().history_user == interviewer
    listing = client.get("/admin/reports/highlight/").content.decode()
    assert "Growing NHS provision." in listing and "Leeds" in listing


def test_a_highlight_with_no_place_is_the_regions(client_for, interviewer):
    client = client_for(interviewer)
    response = client.post("/admin/reports/highlight/add/", {"order": "1", "text": "Region."})
    assert response.status_code == 302
    assert str(Highlight.objects.get()) == "Region highlight 1"


def test_the_admin_says_what_is_missing(client_for, interviewer):
    response = client_for(interviewer).post("/admin/reports/highlight/add/", {"order": "1"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Highlight.objects.exists()


def test_an_analyst_may_not_change_highlights(client_for, staff_analyst):
    client = client_for(staff_analyst)
    highlight = Highlight.objects.create(text="Kept.")
    assert client.get("/admin/reports/highlight/add/").status_code == 403
    response = client.post(
        f"/admin/reports/highlight/{highlight.pk}/change/", {"order": "1", "text": "Changed."}
    )
    assert response.status_code == 403
    highlight.refresh_from_db()
    assert highlight.text == "Kept."


def test_the_studys_highlights_load_once_for_the_region_and_every_place():
    assert study_highlights_load() == {"added": 62, "restored": 0}
    assert study_highlights_load() == {"added": 0, "restored": 0}
    assert Highlight.objects.count() == 62
    assert Highlight.objects.filter(place=None).count() == 9
    assert set(Highlight.objects.exclude(place=None).values_list("place__slug", flat=True)) == set(
        Place.objects.values_list("slug", flat=True)
    )


@pytest.mark.ci_sqlite_only  # setup_local is make run's, on SQLite
def test_setup_local_loads_the_studys_highlights():
    out = StringIO()
    call_command("setup_local", stdout=out)
    assert "Study highlights: 62 added, 0 set back to the study's words." in out.getvalue()
    call_command("setup_local", stdout=out)
    assert Highlight.objects.count() == 62
