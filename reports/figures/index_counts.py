"""The report pages' activity counts, counted from the facet index rather than in SQL.

After every change to the data the report pages need their counts again: every
vocabulary category by place and coverage, the several-place activities by the
places they serve, and the shared experiences by place. In SQL that was two
grouped passes with some thirty conditional counts each and a pass over the
shared-experience links: about 0.6 s of PostgreSQL at 100,000 activities, while
the directory built its ``FacetIndex`` of the same rows after the same change.
Counted here from that index, the same figures take a few tens of milliseconds.

The results have the shapes the SQL gave (``ReportCounts.counts`` and
``ReportCounts.experience_counts``); a test holds them to SQL's for random data
and options (reports/figures/tests/test_index_counts.py).
"""

import numpy as np

from activities.currency.measure import VERIFIED_RECENTLY
from activities.reference.coverage import Coverage
from activities.vocabulary.terms import ENUMERATION, Status
from reports.figures.tables import REGION, count_alias

# The activity fields broken down on every page, in page order.
VOCABULARY_BREAKDOWNS = [
    ENUMERATION[key]
    for key in ("delivery_model", "sector", "main_focus", "funding_type", "status", "delivered_by")
]
SHARED_BY_PLACE = "shared_by_place"


def options_mask(index, options):
    """The index's rows a page's ``ReportOptions`` count (all, or active only; a date
    range excludes activities with no date, as SQL's comparisons do)."""
    rows = index.everything()
    if options.active_only:
        rows &= index.where("status", [Status.ACTIVE])
    if options.scoped_from:
        rows &= index.scoped >= options.scoped_from.toordinal()
    if options.scoped_to:
        rows &= (index.scoped > 0) & (index.scoped <= options.scoped_to.toordinal())
    return rows


def _counts(index, rows, since):
    """{alias: count} for ``rows``: the activities, those checked since ``since``, and
    each vocabulary category (``tables.count_alias``)."""
    counts = {"activity_count": int(np.count_nonzero(rows))}
    if since is not None:
        recent = rows & (index.verified >= since.toordinal())
        counts[VERIFIED_RECENTLY] = int(np.count_nonzero(recent))
    for enumeration in VOCABULARY_BREAKDOWNS:
        found = index.value_counts(enumeration.key, rows)
        for value in enumeration.choices.values:
            counts[count_alias(enumeration.key, value)] = int(found.get(value, 0))
    return counts


def activity_counts(index, options, since=None):
    """{key: {alias: count}}: the key is a place's pk (the activities serving that place
    alone), ``Coverage.PLACES`` (every several-place activity, once) or
    ``Coverage.REGION`` (every region-wide one); under ``SHARED_BY_PLACE``, {place pk:
    counts} of the several-place activities serving each place. Keys with no
    activities are left out. With ``since``, each also counts the activities checked
    on or after that day (``activities.currency.measure``)."""
    rows = options_mask(index, options)
    coverage = index.codes["coverage"]
    counts = {}
    for code, kind in enumerate(index.values["coverage"]):
        of_kind = rows & (coverage == code)
        if not of_kind.any():
            continue
        if kind != Coverage.PLACE:
            counts[kind] = _counts(index, of_kind, since)
            continue
        for place in np.unique(index.own_place[of_kind]).tolist():
            counts[place or None] = _counts(index, of_kind & (index.own_place == place), since)
    shared = rows & index.where("coverage", [Coverage.PLACES])
    counts[SHARED_BY_PLACE] = {}
    for column, place in enumerate(index.place_ids):
        serving = shared & index.serves[:, column]
        if serving.any():
            counts[SHARED_BY_PLACE][place] = _counts(index, serving, since)
    return counts


def experience_counts_by_place(index, options, places, *, alone=False):
    """{experience pk: {REGION: activities with it, place pk: activities serving the place
    with it}} for the experiences some counted activity has; the region's count is each
    activity once. With ``alone``, a place's count is of the activities serving it alone
    (the study's measure), not those it shares with other places or the region-wide ones."""
    rows = options_mask(index, options)
    having = index.experiences[rows].astype(np.int32)
    columns = [index.place_column(p.pk) for p in places]
    if alone:
        pks = np.array([p.pk for p in places], dtype=np.int64)
        serving = (index.own_place[rows][:, None] == pks[None, :]).astype(np.int32)
        columns = list(range(len(places)))
    else:
        serving = index.serves[rows].astype(np.int32)
    by_place = having.T @ serving  # experiences x places
    in_region = having.sum(axis=0)
    return {
        pk: {
            REGION: int(in_region[i]),
            **{
                p.pk: int(by_place[i, c]) if c is not None else 0
                for p, c in zip(places, columns, strict=True)
            },
        }
        for i, pk in enumerate(index.experience_ids)
        if in_region[i]
    }
