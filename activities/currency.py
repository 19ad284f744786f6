"""How current the directory is: activities checked in the last 12 months.

A check is recorded in ``Activity.last_verified`` (by a champion in the review
queue, the admin or the master sheet). Pages that count activities say how many
of them were checked on or after ``verified_since()``.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

RECENT_DAYS = 365
VERIFIED_RECENTLY = "verified_recently"  # the name of the count in grouped queries


def verified_since(today=None):
    """The first day whose check still counts as "in the last 12 months"."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=RECENT_DAYS)


def verified_by_place(activities):
    """{place pk: (activities, checked in the last 12 months)} over ``activities``; one query."""
    grouped = (
        activities.order_by()
        .values("place_id")
        .annotate(n=Count("pk"), recent=Count("pk", filter=Q(last_verified__gte=verified_since())))
    )
    return {g["place_id"]: (g["n"], g["recent"]) for g in grouped}


def directory_currency(places, by_place):
    """The directory's results checked in the last 12 months: {"total", "recent", "places"}.

    ``by_place`` is ``verified_by_place`` of the results (cached with the facet
    counts); ``places`` is [(place, results, checked recently)] for places with results,
    then (None, ...) for those serving several places or the whole region.
    """
    rows = [(p, *by_place[p.pk]) for p in places if p.pk in by_place]
    if None in by_place:  # activities serving several places or the whole region
        rows.append((None, *by_place[None]))
    return {
        "total": sum(n for _, n, _ in rows),
        "recent": sum(r for _, _, r in rows),
        "places": rows,
    }
