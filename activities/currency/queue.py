"""The champions' review queue: their places' activities whose last check is oldest or missing.

A champion records a check in one click: "checked today, still running" or
"closed". Either sets ``last_verified`` to today and ``last_verified_by`` to
them, and the history keeps who and when.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from activities.currency.models import PlaceChampion
from activities.models import Activity
from activities.reference.coverage import serving_condition
from activities.vocabulary.terms import Status

CHECKED, CLOSED = "checked", "closed"
ACTIONS = {CHECKED: "checked today, still running", CLOSED: "closed"}


def queue_for(user):
    """The activities ``user`` reviews: not closed, in their places, oldest or missing check first."""
    activities = Activity.objects.exclude(status=Status.CLOSED)
    place_ids = PlaceChampion.objects.place_ids_for(user)
    if place_ids is not None:
        # Their places' own activities, those shared with other places, and the region-wide.
        activities = activities.filter(serving_condition(place_ids))
    return (
        activities.select_related("place", "organisation", "last_verified_by")
        .prefetch_related("places")
        .order_by(
            F("last_verified").asc(nulls_first=True),
            F("place__name").asc(nulls_last=True),
            "name",
            "pk",
        )
    )


def reviewable(user):
    """Every activity ``user`` may record a check for (closed ones too: a check may reopen)."""
    place_ids = PlaceChampion.objects.place_ids_for(user)
    if place_ids is None:
        return Activity.objects.all()
    return Activity.objects.filter(serving_condition(place_ids))


@transaction.atomic
def activity_check_record(*, activity_id, action, by):
    """Record ``action`` (CHECKED or CLOSED) on one of ``by``'s activities; return it.

    Raises Activity.DoesNotExist for an activity outside their places.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    activity = reviewable(by).select_for_update().get(pk=activity_id)
    activity.status = Status.ACTIVE if action == CHECKED else Status.CLOSED
    activity.last_verified = timezone.localdate()
    activity.last_verified_by = by
    activity._history_user = by
    activity._change_reason = f"Review queue: {ACTIONS[action]}"
    activity.save()
    return activity
