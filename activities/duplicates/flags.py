"""The possible-duplicate flags where activities come in: the admin's save, the
master-sheet import's preview and a champion's decision on a public submission.

Each flag names the other activity (its organisation and what it serves) with a link:
to compare and merge a saved one, to its directory page for one not yet in the
directory. Each call is a fixed number of queries (``finder.possible_duplicates``).
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from activities.duplicates.finder import Probe, possible_duplicates, probe_of, serves_key
from activities.reference.coverage import PLACES_SEPARATOR, REGION, REGION_LABEL, Coverage
from activities.reference.models import Place

ORGANISATION_HEADER = "Organisation"


def activity_duplicates(activity):
    """The activities in another place that ``activity`` (saved) may duplicate."""
    return possible_duplicates([probe_of(activity)]).get(0, [])


def described(activity):
    """ "Walk and Talk" by Leeds Mind, Bradford & Craven: what tells two apart."""
    by = f" by {activity.organisation.name}" if activity.organisation_id else ""
    return f"“{activity.name}”{by}, {activity.serves_text()}"


def activity_flag(activity, matches):
    """The admin's message after a save: each possible duplicate with a link to compare
    them and merge them (the link is the merge's confirm page; nothing happens there
    without a second click)."""
    links = format_html_join(
        "; ",
        '<a href="{}">{}</a>',
        (
            (reverse("activities:duplicates_merge", args=[activity.pk, match.pk]), described(match))
            for match in matches
        ),
    )
    return format_html(
        "This activity may already be in the directory for another place: {}. Follow the "
        "link to compare the two and, if they are one activity, merge them.",
        links,
    )


def links_to(matches):
    """Each possible duplicate as a link to its directory page."""
    return format_html_join(
        "; ",
        '<a href="{}">{}</a>',
        ((reverse("activities:detail", args=[match.pk]), described(match)) for match in matches),
    )


def _serves_from_text(text, place_ids):
    """The ``serves_key`` of a Place cell as the preview shows it ("Leeds; Wakefield")."""
    if text == REGION_LABEL:
        return REGION
    ids = sorted(place_ids[name] for name in text.split(PLACES_SEPARATOR) if name in place_ids)
    if len(ids) == 1:
        return serves_key(Coverage.PLACE, ids[0], "")
    return ",".join(str(pk) for pk in ids)


def import_rows_duplicates(rows):
    """{row result's pk: [Activity]} for the preview's new rows that may duplicate an
    activity in another place. Five queries, however many rows."""
    rows = [row for row in rows if row.result == "new"]
    if not rows:
        return {}
    place_ids = dict(Place.objects.values_list("name", "pk"))
    probes = [
        Probe(
            name=row.name,
            organisation=(row.changes.get(ORGANISATION_HEADER) or ["", ""])[1],
            serves=_serves_from_text(row.serves, place_ids),
        )
        for row in rows
    ]
    found = possible_duplicates(probes)
    return {rows[index].pk: matches for index, matches in found.items()}


def submission_duplicates(submission):
    """The activities in another place a public submission may duplicate."""
    probe = Probe(
        name=submission.name,
        organisation=submission.organisation,
        serves=serves_key(Coverage.PLACE, submission.place_id, ""),
    )
    return possible_duplicates([probe]).get(0, [])
