"""The report counts in SQL: what ``reports.figures.index_counts`` counts from the facet index,
as the report pages counted it before (two grouped passes over the activities and
their links). Tests hold the index's figures to these."""

from django.db.models import Count, Q

from activities.currency.measure import VERIFIED_RECENTLY
from activities.models import Activity
from activities.reference.coverage import Coverage, serving_condition
from reports.figures.index_counts import SHARED_BY_PLACE, VOCABULARY_BREAKDOWNS
from reports.figures.tables import REGION, count_alias


def _count_annotations(prefix="", since=None):
    annotations = {"activity_count": Count("pk")}
    if since is not None:
        annotations[VERIFIED_RECENTLY] = Count(
            "pk", filter=Q(**{f"{prefix}last_verified__gte": since})
        )
    for enumeration in VOCABULARY_BREAKDOWNS:
        key = enumeration.key
        for value in enumeration.choices.values:
            annotations[count_alias(key, value)] = Count(
                "pk", filter=Q(**{f"{prefix}{key}": value})
            )
    return annotations


def activity_counts(options, since=None):
    """Every vocabulary count, in one pass over the activities and one over the shared ones' links.

    Returns {key: {alias: count}} where the key is a place's pk (the activities
    serving that place alone), ``Coverage.PLACES`` (every several-place
    activity, once) or ``Coverage.REGION`` (every region-wide one), and under
    ``SHARED_BY_PLACE`` {place pk: {alias: count}} for the several-place
    activities serving each place. Grouped on the activity table itself:
    joining the places in would cost a second pass at 100,000 activities;
    places with no activities are simply absent. With ``since``, each also
    counts the activities checked on or after that day (``activities.currency.measure``).
    """
    activities = Activity.objects.order_by()
    links = Activity.places.through.objects.order_by().filter(activity__coverage=Coverage.PLACES)
    condition = options.activity_filter()
    if condition is not None:
        activities = activities.filter(condition)
        links = links.filter(options.activity_filter("activity__"))
    counts = {}
    for g in activities.values("place_id", "coverage").annotate(**_count_annotations(since=since)):
        place_id, coverage = g.pop("place_id"), g.pop("coverage")
        counts[place_id if coverage == Coverage.PLACE else coverage] = g
    shared = links.values("place_id").annotate(**_count_annotations("activity__", since))
    counts[SHARED_BY_PLACE] = {g.pop("place_id"): g for g in shared}
    return counts


def experience_counts_by_place(options, places, *, alone=False):
    """{experience pk: {REGION: activities with it, place pk: activities serving the place
    with it}}: one grouped query.

    The region's count is each activity once; with ``alone``, a place's count is of
    the activities serving it alone. Every report page asks for it with
    its other counts (``summaries.report_counts``), so it is cached with them.
    """
    links = Activity.shared_experiences.through.objects.order_by()
    condition = options.activity_filter("activity__")
    if condition is not None:
        links = links.filter(condition)

    def serving(place):
        if alone:
            return Q(activity__place_id=place.pk, activity__coverage=Coverage.PLACE)
        return serving_condition([place.pk], "activity__")

    annotations = {f"place_{p.pk}": Count("pk", filter=serving(p)) for p in places}
    grouped = links.values("sharedexperience_id").annotate(n=Count("*"), **annotations)
    return {
        g["sharedexperience_id"]: {REGION: g["n"], **{p.pk: g[f"place_{p.pk}"] for p in places}}
        for g in grouped
    }
