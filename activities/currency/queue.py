"""The champions' review queue: their places' activities whose last check is oldest or missing.

A champion records a check: "checked today, still running" in one click, or "closed"
with a reason. Either sets ``last_verified`` to today and ``last_verified_by`` to them,
and the history keeps who, when and (for a closing) why. A closing can be undone by the
champion who recorded it for ``UNDO_WINDOW`` (ten minutes): the activity goes back to the
status and last check its previous history record holds.
"""

import datetime

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from activities.currency.models import PlaceChampion
from activities.models import Activity
from activities.reference.coverage import serving_condition
from activities.vocabulary.terms import Status

CHECKED, CLOSED = "checked", "closed"
ACTIONS = {CHECKED: "checked today, still running", CLOSED: "closed"}
UNDO_WINDOW = datetime.timedelta(minutes=10)
CLOSING_REASON_PREFIX = "Review queue: closed"
CLOSING_UNDONE = "Review queue: closing undone"


class ClosedBecause(models.TextChoices):
    """Why a champion records an activity as closed (kept in its history)."""

    STOPPED = "stopped", "It has stopped running"
    JOINED = "joined", "It has joined another activity"
    NOT_PEER_SUPPORT = "not_peer_support", "It is not peer support after all"
    OTHER = "other", "Another reason"


class CloseNotUndoable(ValueError):
    """The closing cannot be undone (any more); the message says why."""


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


def closing_reason(reason, detail=""):
    """The history's change reason for a closing (at most 100 characters, the column's size)."""
    why = detail.strip() if reason == ClosedBecause.OTHER and detail.strip() else None
    why = why or ClosedBecause(reason).label
    return f"{CLOSING_REASON_PREFIX} ({why})"[:100]


@transaction.atomic
def activity_check_record(*, activity_id, action, by, reason="", detail=""):
    """Record ``action`` (CHECKED or CLOSED) on one of ``by``'s activities; return it.

    A closing needs its ``reason`` (a ``ClosedBecause``; ``detail`` for "Another reason").
    Raises Activity.DoesNotExist for an activity outside their places.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    if action == CLOSED and reason not in ClosedBecause.values:
        raise ValueError("A closing needs its reason.")
    activity = reviewable(by).select_for_update().get(pk=activity_id)
    activity.status = Status.ACTIVE if action == CHECKED else Status.CLOSED
    activity.last_verified = timezone.localdate()
    activity.last_verified_by = by
    activity._history_user = by
    if action == CLOSED:
        activity._change_reason = closing_reason(reason, detail)
    else:
        activity._change_reason = f"Review queue: {ACTIONS[action]}"
    activity.save()
    return activity


def undoable_closing(activity, by):
    """(the closing's history record, the time its undo runs out), or None.

    Only the latest change, a closing recorded in the queue by ``by``, within ``UNDO_WINDOW``.
    """
    records = list(activity.history.order_by("-history_date", "-history_id")[:2])
    if len(records) < 2 or activity.status != Status.CLOSED:
        return None
    closing = records[0]
    until = closing.history_date + UNDO_WINDOW
    if (
        not (closing.history_change_reason or "").startswith(CLOSING_REASON_PREFIX)
        or closing.history_user_id != by.pk
        or timezone.now() >= until
    ):
        return None
    return closing, until


@transaction.atomic
def activity_closing_undo(*, activity_id, by):
    """Put back the status and last check an activity had before ``by`` closed it.

    Raises Activity.DoesNotExist outside their places, ``CloseNotUndoable`` when the
    closing is not theirs, not the latest change, or older than ``UNDO_WINDOW``.
    """
    activity = reviewable(by).select_for_update().get(pk=activity_id)
    if undoable_closing(activity, by) is None:
        raise CloseNotUndoable(
            f"“{activity.name}” can no longer be reopened here: a closing can be undone for "
            f"{UNDO_WINDOW.seconds // 60} minutes, by the champion who recorded it, before "
            "anything else changes it. Edit the activity in Data entry instead."
        )
    before = activity.history.order_by("-history_date", "-history_id")[1]
    activity.status = before.status
    activity.last_verified = before.last_verified
    activity.last_verified_by_id = before.last_verified_by_id
    activity._history_user = by
    activity._change_reason = CLOSING_UNDONE
    activity.save()
    return activity
