"""Merging two records of one activity into one that serves every place either served.

The survivor keeps its id, its published id and its history; a history row says what
was merged into it. The other is deleted (its history stays, ending with the merge) and
its ids are kept in ``MergedActivity``, so its directory link and the API's service id
lead to the survivor. Either everything happens or nothing does: any failure rolls the
whole merge back. The directory's counts are recounted once it commits (the data
version's recount job, asked for by the writes' signals).
"""

from django.db import IntegrityError, transaction

from activities.currency.queue import reviewable
from activities.duplicates.models import MergedActivity
from activities.records.models import Activity
from activities.reference.coverage import Coverage
from activities.reference.models import Place

# Filled on the survivor from the other where the survivor has nothing.
BLANK_TEXT = ("website", "contact", "venue", "access_details", "found_through_network")
NOT_KNOWN = {
    "funding_type": "unknown",
    "delivered_by": "unknown",
    "access": "unknown",
    "how_found": "unknown",
    "status": "unknown",
    "online": None,
    "self_described_peer_support": None,
}


class MergeRefused(ValueError):
    """A merge that cannot be done; the message says why and what to do."""


def merge_allowed(user, first, second):
    """Whether ``user`` may merge these two: a champion (who may change activities; no
    delete permission is needed, as the merged-away record lives on in the survivor) of a
    place either serves."""
    if not user.has_perm("activities.change_activity"):
        return False
    return reviewable(user).filter(pk__in=[first.pk, second.pk]).exists()


def merged_coverage(first, second):
    """(coverage, places) serving every place either of them serves."""
    if Coverage.REGION in (first.coverage, second.coverage):
        return Coverage.REGION, []
    places = {place.pk for place in first.places_served()}
    places |= {place.pk for place in second.places_served()}
    if len(places) == 1:
        return Coverage.PLACE, sorted(places)
    if len(places) >= Place.objects.count():
        return Coverage.REGION, []
    return Coverage.PLACES, sorted(places)


def merge_reason(other):
    """The survivor's history row's change reason (at most 100 characters)."""
    return f"Merged in “{other.name}” ({other.serves_text()}; published id {other.uuid})"[:100]


def activities_merge(*, survivor_id, other_id, by, versions=None):
    """Merge the activity ``other_id`` into ``survivor_id``; return the survivor.

    ``versions`` ({pk: version} as the confirm page showed them) refuses a merge of
    records changed since. Raises MergeRefused, with nothing written.
    """
    if survivor_id == other_id:
        raise MergeRefused("Choose two different activities to merge.")
    try:
        with transaction.atomic():
            return _merge(survivor_id, other_id, by, versions or {})
    except IntegrityError as error:
        raise MergeRefused(
            "The merged activity would have the same organisation, name and places as another "
            "activity already in the directory: merge that one too, or rename one first. "
            "Nothing was changed."
        ) from error


def _merge(survivor_id, other_id, by, versions):
    locked = Activity.objects.select_for_update().filter(pk__in=[survivor_id, other_id])
    found = {activity.pk: activity for activity in locked.order_by("pk")}
    if len(found) != 2:
        raise MergeRefused("One of the two activities is no longer in the directory.")
    survivor, other = found[survivor_id], found[other_id]
    if not merge_allowed(by, survivor, other):
        raise MergeRefused("You can merge only activities serving a place you look after.")
    for activity in (survivor, other):
        seen = versions.get(activity.pk)
        if seen is not None and seen != activity.version:
            raise MergeRefused(
                f"“{activity.name}” was changed by someone else since you opened this page. "
                "Look at the two again, then merge."
            )
    coverage, places = merged_coverage(survivor, other)
    reason = merge_reason(other)
    _fill_blanks(survivor, other)
    experiences = {*survivor.shared_experiences.all(), *other.shared_experiences.all()}
    _redirect(other, survivor, by)
    _repoint(other, survivor)
    other._history_user = by
    other._change_reason = f"Merged into “{survivor.name}” (id {survivor.pk})"[:100]
    other.delete()
    # The links first, with no history row of their own: the row's save below writes one
    # history row, holding the merged places and shared experiences.
    survivor.skip_history_when_saving = True
    survivor.places.set(places if coverage == Coverage.PLACES else [])
    survivor.shared_experiences.set(experiences)
    del survivor.skip_history_when_saving
    survivor.set_coverage(coverage, places)
    survivor._history_user = by
    survivor._change_reason = reason
    survivor.save()
    return survivor


def _fill_blanks(survivor, other):
    for name in BLANK_TEXT:
        if not getattr(survivor, name) and getattr(other, name):
            setattr(survivor, name, getattr(other, name))
    for name, unknown in NOT_KNOWN.items():
        if getattr(survivor, name) == unknown and getattr(other, name) != unknown:
            setattr(survivor, name, getattr(other, name))
    if other.notes and other.notes not in survivor.notes:
        survivor.notes = "\n\n".join(note for note in (survivor.notes, other.notes) if note)
    if other.last_verified and (
        not survivor.last_verified or other.last_verified > survivor.last_verified
    ):
        survivor.last_verified, survivor.last_verified_by = (
            other.last_verified,
            other.last_verified_by,
        )
    if other.date_scoped and (not survivor.date_scoped or other.date_scoped < survivor.date_scoped):
        survivor.date_scoped = other.date_scoped


def _redirect(other, survivor, by):
    """The other's ids lead to the survivor, and so do the ids merged into the other."""
    MergedActivity.objects.filter(survivor=other).update(survivor=survivor)
    MergedActivity.objects.create(
        activity_pk=other.pk,
        uuid=other.uuid,
        name=other.name[:300],
        survivor=survivor,
        merged_by=by,
    )


def _repoint(other, survivor):
    """Records that point at the other (a submission that created it, an import's row
    results) point at the survivor instead."""
    for relation in Activity._meta.get_fields(include_hidden=True):
        if not relation.one_to_many or relation.related_model is MergedActivity:
            continue
        if relation.related_model.__name__.startswith("Historical"):
            continue  # what the history says stays as it was
        if relation.related_model._meta.auto_created:
            continue  # the places and shared experiences: set on the survivor by the merge
        relation.related_model._base_manager.filter(**{relation.field.name: other}).update(
            **{relation.field.name: survivor}
        )
