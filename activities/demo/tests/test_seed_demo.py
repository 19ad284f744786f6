"""``manage.py seed_demo`` makes plausible activities in bulk, with history."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from activities.demo.seeding import counts_by_place
from activities.models import Activity
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_it_creates_the_number_asked_for_spread_over_the_places(capsys):
    call_command("seed_demo", activities=300)
    assert "Created 300 made-up activities." in capsys.readouterr().out
    assert Activity.objects.count() == 300
    by_place = dict(Activity.objects.values_list("place__slug").annotate(n=Count("pk")))
    assert set(by_place) == {
        "leeds",
        "bradford-craven",
        "wakefield",
        "kirklees",
        "calderdale",
        "harrogate-rural-district",
    }
    assert by_place["bradford-craven"] == 100  # 50 of every 150, as in the demo data


def test_seeded_activities_are_complete_and_have_history():
    call_command("seed_demo", activities=50)
    activity = Activity.objects.select_related("place").order_by("pk").first()
    assert activity.name and activity.name_key and activity.date_scoped
    assert activity.shared_experiences.exists()
    assert activity.history.get().history_type == "+"
    assert Activity.history.count() == 50
    without_experience = Activity.objects.filter(shared_experiences__isnull=True)
    assert not without_experience.exists()
    activity.full_clean()


def test_it_can_be_run_again_and_on_top_of_existing_activities():
    make_activity("Headingley Walk and Talk", place="leeds", organisation="Headingley Mind")
    call_command("seed_demo", activities=200, seed=1)
    call_command("seed_demo", activities=200, seed=1)
    assert Activity.objects.count() == 401
    identities = Activity.objects.values_list("place_id", "organisation_id", "name_key")
    assert len(set(identities)) == 401


def test_it_refuses_a_count_below_one():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_demo", activities=0)


def test_counts_are_split_in_proportion_and_add_up():
    assert counts_by_place(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert sum(counts_by_place(100_000, {"a": 50, "b": 25, "c": 17}).values()) == 100_000
