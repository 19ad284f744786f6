"""Merging two records of one activity: one several-place activity that keeps its history,
the other's links leading to it, all or nothing."""

import pytest
from django.urls import reverse

from activities.api.identifiers import paired_id
from activities.currency.models import PlaceChampion
from activities.duplicates.merge import MergeRefused, activities_merge
from activities.models import Activity, MergedActivity, Place, Submission
from activities.records.data_version import RECOUNT_KIND
from activities.tests.factories import make_activity, make_shared_activity
from scoping.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # their own recount, done with
        made = _made_pair()
    Job.objects.all().delete()
    return made


def _made_pair():
    leeds = make_activity(
        "Hearing Voices Group", place="leeds", organisation="Leeds Mind", experiences=("anxiety",)
    )
    leeds.website = "https://leedsmind.org.uk/voices"
    leeds.save()
    wakefield = make_activity(
        "Hearing Voice Group (Wakefield)",
        place="wakefield",
        organisation="Leeds Mind",
        experiences=("depression",),
        venue="Wakefield library",
        funding_type="non_statutory",
    )
    return leeds, wakefield


def merge_url(keep, other):
    return reverse("activities:duplicates_merge", args=[keep.pk, other.pk])


def test_a_merge_makes_one_several_place_activity_keeping_its_history(
    client_for, champion, pair, django_capture_on_commit_callbacks
):
    leeds, wakefield = pair
    history_before = leeds.history.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(champion).post(
            merge_url(leeds, wakefield),
            {"keep_version": leeds.version, "other_version": wakefield.version},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:detail", args=[leeds.pk])

    survivor = Activity.objects.get()
    assert survivor.pk == leeds.pk and survivor.uuid == leeds.uuid
    assert survivor.coverage == Activity.Coverage.PLACES
    assert survivor.serves_text() == "Leeds; Wakefield"
    assert survivor.website == "https://leedsmind.org.uk/voices"  # the survivor's own value
    assert survivor.venue == "Wakefield library"  # its blank filled from the other
    assert survivor.funding_type == "non_statutory"  # its "Unknown" filled from the other
    assert set(survivor.shared_experiences.values_list("slug", flat=True)) == {
        "anxiety",
        "depression",
    }
    # History: the survivor's earlier rows and one saying what was merged in, by whom.
    history = list(survivor.history.order_by("history_date", "history_id"))
    assert len(history) == history_before + 1
    assert history[-1].history_change_reason.startswith("Merged in “Hearing Voice Group")
    assert str(wakefield.uuid)[:8] in history[-1].history_change_reason
    assert history[-1].history_user == champion
    # The other's history is kept, ending with the merge.
    gone = Activity.history.filter(id=wakefield.pk).order_by("history_date", "history_id")
    assert gone.last().history_type == "-"
    assert gone.last().history_change_reason.startswith("Merged into “Hearing Voices Group”")
    # The directory's counts are recounted once the merge has committed.
    assert Job.objects.filter(kind=RECOUNT_KIND).exists()


def test_the_other_s_links_lead_to_the_survivor(client_for, analyst, champion, pair, api):
    leeds, wakefield = pair
    wakefield_with_venue_id = paired_id(wakefield.uuid, "service_at_location")
    activities_merge(survivor_id=leeds.pk, other_id=wakefield.pk, by=champion)

    detail = client_for(analyst).get(reverse("activities:detail", args=[wakefield.pk]))
    assert detail.status_code == 301
    assert detail["Location"] == reverse("activities:detail", args=[leeds.pk])

    service = api.get(reverse("api:service", args=[wakefield.uuid]))
    assert service.status_code == 301
    assert service["Location"] == reverse("api:service", args=[leeds.uuid])
    assert api.get(service["Location"]).json()["name"] == "Hearing Voices Group"

    at_venue = api.get(reverse("api:service_at_location", args=[wakefield_with_venue_id]))
    assert at_venue.status_code == 301
    assert at_venue["Location"] == reverse(
        "api:service_at_location", args=[paired_id(leeds.uuid, "service_at_location")]
    )
    # An id that was never an activity's is still not found.
    assert client_for(analyst).get(reverse("activities:detail", args=[987654])).status_code == 404


def test_merging_the_survivor_later_carries_the_old_links_along(champion, pair):
    leeds, wakefield = pair
    kirklees = make_activity("Hearing Voices Group", place="kirklees", organisation="Leeds Mind")
    activities_merge(survivor_id=leeds.pk, other_id=wakefield.pk, by=champion)
    activities_merge(survivor_id=kirklees.pk, other_id=leeds.pk, by=champion)
    assert set(MergedActivity.objects.values_list("activity_pk", "survivor_id")) == {
        (wakefield.pk, kirklees.pk),
        (leeds.pk, kirklees.pk),
    }
    assert Activity.objects.get().serves_text() == "Kirklees; Leeds; Wakefield"


def test_what_pointed_at_the_other_points_at_the_survivor(champion, pair):
    leeds, wakefield = pair
    submission = Submission.objects.create(
        name="Hearing Voice Group",
        place=Place.objects.get(slug="wakefield"),
        description="x",
        state=Submission.State.ACCEPTED,
        activity=wakefield,
    )
    activities_merge(survivor_id=leeds.pk, other_id=wakefield.pk, by=champion)
    submission.refresh_from_db()
    assert submission.activity_id == leeds.pk


def test_serving_every_place_makes_it_region_wide(champion):
    places = [p.slug for p in Place.objects.order_by("pk")]
    shared = make_shared_activity("Peer Line", places=places[:-1], organisation="Mind")
    last = make_activity("Peer Line", place=places[-1], organisation="Mind")
    activities_merge(survivor_id=shared.pk, other_id=last.pk, by=champion)
    assert Activity.objects.get().coverage == Activity.Coverage.REGION


def _unchanged(pair, histories):
    assert Activity.objects.count() == 2
    assert not MergedActivity.objects.exists()
    for activity in pair:
        fresh = Activity.objects.get(pk=activity.pk)
        assert (fresh.coverage, fresh.place_id, fresh.version) == (
            activity.coverage,
            activity.place_id,
            activity.version,
        )
    assert [a.history.count() for a in pair] == histories


def test_a_merge_that_fails_at_its_last_step_changes_nothing(champion, pair, monkeypatch):
    histories = [a.history.count() for a in pair]

    def refuse(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Activity, "save", refuse)  # after the redirect, repointing and delete
    with pytest.raises(RuntimeError):
        activities_merge(survivor_id=pair[0].pk, other_id=pair[1].pk, by=champion)
    monkeypatch.undo()
    _unchanged(pair, histories)


def test_a_merge_that_would_clash_with_a_third_activity_is_refused_whole(
    client_for, champion, pair
):
    make_shared_activity(
        "Hearing Voices Group", places=("leeds", "wakefield"), organisation="Leeds Mind"
    )
    histories = [a.history.count() for a in pair]
    response = client_for(champion).post(merge_url(*pair), {})
    assert response.status_code == 409
    assert "Nothing was changed" in response.content.decode()
    assert Activity.objects.count() == 3
    assert not MergedActivity.objects.exists()
    assert [a.history.count() for a in pair] == histories


def test_a_merge_of_records_changed_since_the_page_was_opened_is_refused(
    client_for, champion, pair
):
    leeds, wakefield = pair
    histories = [a.history.count() for a in pair]
    seen = {"keep_version": leeds.version, "other_version": wakefield.version}
    wakefield.notes = "Changed meanwhile."
    wakefield.save()
    response = client_for(champion).post(merge_url(leeds, wakefield), seen)
    assert response.status_code == 409
    assert "was changed by someone else" in response.content.decode()
    assert Activity.objects.count() == 2 and not MergedActivity.objects.exists()
    assert leeds.history.count() == histories[0]


def test_a_champion_merges_only_where_they_look_after_a_place(client_for, champion, pair):
    PlaceChampion.objects.create(user=champion, place=Place.objects.get(slug="calderdale"))
    client = client_for(champion)
    assert client.get(merge_url(*pair)).status_code == 404
    assert client.post(merge_url(*pair), {}).status_code == 404
    with pytest.raises(MergeRefused):
        activities_merge(survivor_id=pair[0].pk, other_id=pair[1].pk, by=champion)
    assert Activity.objects.count() == 2


def test_the_confirm_page_says_what_the_merge_will_do_and_changes_nothing(
    client_for, champion, pair
):
    leeds, wakefield = pair
    page = client_for(champion).get(merge_url(leeds, wakefield)).content.decode()
    assert "Merge “Hearing Voice Group (Wakefield)” into “Hearing Voices Group”?" in page
    assert '<strong id="merged-serves">Leeds; Wakefield</strong>' in page
    assert f'href="{merge_url(wakefield, leeds)}"' in page  # keep the other instead
    assert "Wakefield library" in page and "Not recorded" in page
    assert Activity.objects.count() == 2
