"""How current the directory is: activities checked in the last 12 months.

A check is recorded in ``Activity.last_verified`` (by a champion in the review
queue, the admin or the master sheet). Pages that count activities say how many
of them were checked on or after ``verified_since()``.
"""

import datetime

from django.utils import timezone

RECENT_DAYS = 365
VERIFIED_RECENTLY = "verified_recently"  # the name of the count in grouped queries


def verified_since(today=None):
    """The first day whose check still counts as "in the last 12 months"."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=RECENT_DAYS)


def directory_currency(places, by_place):
    """The directory's results checked in the last 12 months: {"total", "recent", "places"}.

    ``by_place`` is {place pk or None: (results, checked recently)}, as
    ``FacetIndex.verified_by_place`` counts them with the facet counts; ``places`` is [(place, results, checked recently)] for places with results,
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
