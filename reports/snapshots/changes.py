"""What changed in a place's activities since a moment (a snapshot's "as at").

Read from the history every activity keeps (django-simple-history): two
queries, whatever the number of activities or edits.
"""

from dataclasses import dataclass, field

from django.db.models import Q, Subquery

from activities.models import Activity
from activities.reference.coverage import Coverage
from activities.vocabulary.terms import Status

# The fields whose change a reader of the directory would notice, and their names.
WATCHED = {
    "name": "name",
    "organisation_id": "organisation",
    "sector": "sector",
    "main_focus": "main focus",
    "delivery_model": "delivery model",
    "funding_type": "funding",
    "status": "status",
    "venue": "venue",
    "website": "website",
    "contact": "contact",
    "online": "online",
    "last_verified": "last checked",
}
FIELDS = [
    "id",
    "history_id",
    "history_type",
    "history_date",
    "place_id",
    *WATCHED,
]


@dataclass
class ChangedActivity:
    pk: int
    name: str
    when: object  # the last change's date and time
    fields: list = field(default_factory=list)
    exists: bool = True


@dataclass
class PlaceChanges:
    added: list
    closed: list
    changed: list
    removed: list

    @property
    def count(self):
        return len(self.added) + len(self.closed) + len(self.changed) + len(self.removed)


def place_changes(place, since, *, include_shared=False):
    """The activities serving ``place`` alone (as its page counts them by default) added,
    closed, otherwise changed or removed after ``since``; with ``include_shared``, those it
    shares with other places and the region-wide ones too."""
    History = Activity.history.model
    # Served then: its own place or, with ``include_shared``, the whole region or one of
    # its several places (the history keeps each version's places too).
    serving = Q(place_id=place.pk, coverage=Coverage.PLACE)
    if include_shared:
        PlacesHistory = History._meta.get_field("historicalactivity_places").related_model
        shared = PlacesHistory.objects.filter(place_id=place.pk).values("history_id")
        serving |= Q(coverage=Coverage.REGION) | Q(
            coverage=Coverage.PLACES, history_id__in=Subquery(shared)
        )
    # Every version since of an activity that served the place in any of them (a
    # several-place activity's first version is saved before its places are linked).
    served = History.objects.filter(serving, history_date__gt=since).values("id")
    after = History.objects.filter(id__in=Subquery(served), history_date__gt=since)
    records = list(after.order_by("id", "history_date", "history_id").values(*FIELDS))
    before = {}
    earlier = History.objects.filter(
        id__in=Subquery(after.values("id")), history_date__lte=since
    ).order_by("id", "history_date", "history_id")
    for record in earlier.values(*FIELDS):
        before[record["id"]] = record  # the last one before ``since`` wins
    by_activity = {}
    for record in records:
        by_activity.setdefault(record["id"], []).append(record)
    changes = PlaceChanges([], [], [], [])
    for pk, rows in by_activity.items():
        first, last = rows[0], rows[-1]
        earlier_state = before.get(pk)
        item = ChangedActivity(pk, last["name"], last["history_date"])
        if last["history_type"] == "-":
            item.exists = False
            if earlier_state is not None or first["history_type"] != "+":
                changes.removed.append(item)
            continue
        if earlier_state is None and first["history_type"] == "+":
            changes.added.append(item)
            continue
        start = earlier_state or first
        item.fields = [label for name, label in WATCHED.items() if start[name] != last[name]]
        if last["status"] == Status.CLOSED and start["status"] != Status.CLOSED:
            changes.closed.append(item)
        elif item.fields:
            changes.changed.append(item)
    for group in (changes.added, changes.closed, changes.changed, changes.removed):
        group.sort(key=lambda c: (c.name.lower(), c.pk))
    return changes
