"""Every activity's filterable values as arrays: facet counts for any filters in memory.

The directory shows, beside each filter option, how many results ticking it
would give (disjunctive counts: each option counted with every *other* filter
in force). In SQL that is one pass with some sixty conditional counts, each
option's condition evaluated on every row: 0.5-1.2 s on PostgreSQL at 100,000
activities, paid again for every new combination of filters, and under load
most combinations are new (bench/load.py, docs/performance.md).

Here the same figures come from a column of codes per field and a matrix of
flags for the places each activity serves and its shared experiences:
counting one option is a vectorised AND and a count over 100,000 bytes, the
whole set of options a few milliseconds. The index is built once per data
version (``data_version.current_token``: any committed write retires it), kept
in the shared figures cache so one process builds it for every worker and
server, and held in each process's memory for as long as the version lasts.

``FacetIndex`` answers in the same terms as ``ActivityFilter.condition``; a
property test holds the two to the same counts (activities/directory/tests/test_facet_index.py).
"""

import logging
import threading
import time

import numpy as np
from django.core.cache import caches
from django.db import connection
from django.db.models import Case, CharField, IntegerField, Value, When
from django.db.models.functions import Cast, Coalesce

from activities.records.data_version import (
    CACHE_SECONDS,
    CACHE_UNAVAILABLE,
    before_publishing,
    current_token,
    figures_cache_off,
)
from activities.reference.coverage import Coverage

logger = logging.getLogger(__name__)

# The fields of one value per activity that the directory filters on (its multi-select
# filters other than place and shared experience, which have their own matrices).
FIELDS = (
    "coverage",
    "sector",
    "main_focus",
    "delivery_model",
    "funding_type",
    "status",
    "access",
    "how_found",
    "delivered_by",
    "online",
    "self_described_peer_support",
)
LAYOUT = 4  # bump when the arrays change, so an index of the old layout is not read
BUILD_WAIT_SECONDS = 10  # how long a process waits for another one building the index


class FacetIndex:
    """The activities' facet values at one data version, one row per activity (by pk)."""

    def __init__(self, arrays, token=None):
        self.token = token  # the data version it was built at (None: no version yet)
        self.pks = arrays["pks"]  # sorted
        self.codes = {field: arrays[f"code:{field}"] for field in FIELDS}
        self.values = arrays["values"]  # {field: [stored value of code 0, 1, ...]}
        self.place_ids = arrays["place_ids"]  # the serving matrix's columns
        self.serves = np.unpackbits(arrays["serves"], axis=1, count=len(self.place_ids)).view(bool)
        self.experience_ids = arrays["experience_ids"]
        self.experiences = np.unpackbits(
            arrays["experiences"], axis=1, count=len(self.experience_ids)
        ).view(bool)
        self.own_place = arrays["own_place"]  # place pk, 0 for several places or the region
        self.verified = arrays["verified"]  # last check as a day number, 0 for never
        self.scoped = arrays["scoped"]  # date scoped as a day number, 0 for none
        self.name_order = arrays["name_order"]  # row positions, ordered by name then pk
        self._column = {pk: i for i, pk in enumerate(self.place_ids)}
        self._experience_column = {pk: i for i, pk in enumerate(self.experience_ids)}
        self._code = {
            field: {value: code for code, value in enumerate(values)}
            for field, values in self.values.items()
        }

    def __len__(self):
        return len(self.pks)

    # Building ----------------------------------------------------------------
    @classmethod
    def build(cls):
        """Read every activity's values (six queries) into arrays.

        The database turns each value into its code (its place in the field's
        choices), so 100,000 rows arrive as small integers, not strings.
        """
        from activities.models import Activity, Place, SharedExperience

        values = {field: _stored_values(Activity._meta.get_field(field)) for field in FIELDS}
        coded = Activity.objects.order_by("pk").annotate(
            own_place=Coalesce("place_id", 0),
            **{f"code_{field}": _coded(field, values[field]) for field in FIELDS},
            checked=Coalesce(Cast("last_verified", CharField()), Value("")),
            scoped=Coalesce(Cast("date_scoped", CharField()), Value("")),
        )
        rows = _raw_rows(
            coded.values_list(
                "pk", "own_place", *(f"code_{f}" for f in FIELDS), "checked", "scoped"
            )
        )
        count = len(rows)
        numbers = np.array([row[:-2] for row in rows], dtype=np.int64)
        numbers = numbers.reshape(count, len(FIELDS) + 2)
        arrays = {"pks": numbers[:, 0].copy(), "own_place": numbers[:, 1].copy(), "values": values}
        for column, field in enumerate(FIELDS, start=2):
            arrays[f"code:{field}"] = numbers[:, column].astype(np.int16)
        arrays["verified"] = _day_numbers([row[-2] for row in rows])
        arrays["scoped"] = _day_numbers([row[-1] for row in rows])
        pks = arrays["pks"]
        # The directory's default order, as the database sorts names (its collation)
        by_name = _raw_rows(Activity.objects.order_by("name", "pk").values_list("pk"))
        by_name = np.array(by_name, dtype=np.int64).reshape(-1)
        arrays["name_order"] = np.searchsorted(pks, by_name) if count else by_name

        place_ids = np.array(Place.objects.order_by("pk").values_list("pk", flat=True), np.int64)
        serves = arrays["own_place"][:, None] == place_ids[None, :]
        region = values["coverage"].index(Coverage.REGION)
        serves[arrays["code:coverage"] == region, :] = True
        links = Activity.places.through.objects.values_list("activity_id", "place_id")
        _set_links(serves, pks, _raw_rows(links), place_ids)

        experience_ids = np.array(
            SharedExperience.objects.order_by("pk").values_list("pk", flat=True), np.int64
        )
        experiences = np.zeros((count, len(experience_ids)), dtype=bool)
        links = Activity.shared_experiences.through.objects.values_list(
            "activity_id", "sharedexperience_id"
        )
        _set_links(experiences, pks, _raw_rows(links), experience_ids)

        arrays.update(
            place_ids=place_ids.tolist(),
            serves=np.packbits(serves, axis=1),
            experience_ids=experience_ids.tolist(),
            experiences=np.packbits(experiences, axis=1),
        )
        return arrays

    # Masks -------------------------------------------------------------------
    def everything(self):
        return np.ones(len(self.pks), dtype=bool)

    def pks_by_name(self, mask):
        """The pks of the rows of ``mask``, ordered by name then pk (as the database sorts)."""
        return self.pks[self.name_order[mask[self.name_order]]]

    def pks_in_order(self, ordered, mask):
        """The pks of ``ordered`` (an array of pks in some order) whose rows are in
        ``mask``, in that order; pks the index does not hold are left out."""
        if not len(self.pks) or not len(ordered):
            return ordered[:0]
        at = np.searchsorted(self.pks, ordered).clip(max=len(self.pks) - 1)
        return ordered[(self.pks[at] == ordered) & mask[at]]

    def links_of(self, pk):
        """(pks of the places it serves by name, pks of its shared experiences) for one
        activity: the several-place links, as the list shows them (a one-place or
        region-wide activity's own place is on the row)."""
        at = int(np.searchsorted(self.pks, pk))
        if at >= len(self.pks) or self.pks[at] != pk:
            return [], []
        experiences = [self.experience_ids[i] for i in np.flatnonzero(self.experiences[at])]
        served = [self.place_ids[i] for i in np.flatnonzero(self.serves[at])]
        return served, experiences

    def links_of_many(self, pks):
        """{pk: (pks of the places it serves, pks of its shared experiences)} for many
        activities at once (as ``links_of``, in the columns' order; pks the index does
        not hold are left out)."""
        wanted = np.asarray(pks, dtype=np.int64)
        if not len(wanted) or not len(self.pks):
            return {}
        at = np.searchsorted(self.pks, wanted).clip(max=len(self.pks) - 1)
        held = self.pks[at] == wanted
        found, at = wanted[held].tolist(), at[held]
        links = {pk: ([], []) for pk in found}
        for row, column in zip(*np.nonzero(self.serves[at]), strict=True):
            links[found[row]][0].append(self.place_ids[column])
        for row, column in zip(*np.nonzero(self.experiences[at]), strict=True):
            links[found[row]][1].append(self.experience_ids[column])
        return links

    def rows_of(self, pks):
        """A mask of the rows whose pk is in ``pks`` (ids the index does not hold are ignored)."""
        wanted = np.fromiter(pks, dtype=np.int64)
        mask = np.zeros(len(self.pks), dtype=bool)
        if len(wanted) and len(self.pks):
            at = np.searchsorted(self.pks, wanted).clip(max=len(self.pks) - 1)
            mask[at[self.pks[at] == wanted]] = True
        return mask

    def where(self, field, stored_values):
        """Rows whose ``field`` holds any of ``stored_values`` (None matches an empty field)."""
        wanted = np.zeros(len(self.values[field]), dtype=bool)
        wanted[[self._code[field][v] for v in stored_values if v in self._code[field]]] = True
        return wanted[self.codes[field]]

    def place_column(self, pk):
        """The column of ``serves`` for the place ``pk``; None when the index has no such place."""
        return self._column.get(pk)

    def serving(self, place_ids):
        """Rows serving any of the places: their own, shared with others, or region-wide."""
        columns = [self._column[pk] for pk in place_ids if pk in self._column]
        return self.serves[:, columns].any(axis=1)

    def having_experience(self, experience_ids):
        columns = [
            self._experience_column[pk] for pk in experience_ids if pk in self._experience_column
        ]
        return self.experiences[:, columns].any(axis=1)

    # Counts ------------------------------------------------------------------
    def value_counts(self, field, mask):
        """{stored value: rows of ``mask`` holding it}, in one pass."""
        counts = np.bincount(self.codes[field][mask], minlength=len(self.values[field]))
        return dict(zip(self.values[field], counts.tolist(), strict=True))

    def serving_counts(self, mask):
        """{place pk: rows of ``mask`` serving it}."""
        counts = np.count_nonzero(self.serves[mask], axis=0)
        return dict(zip(self.place_ids, counts.tolist(), strict=True))

    def experience_counts(self, mask):
        """{shared experience pk: rows of ``mask`` with it} (those with none left out)."""
        counts = np.count_nonzero(self.experiences[mask], axis=0)
        return {pk: int(n) for pk, n in zip(self.experience_ids, counts, strict=True) if n}

    def verified_by_place(self, mask, since):
        """{place pk or None: (rows, rows checked on or after ``since``)}: the directory's
        "checked in the last 12 months" by place (``currency.directory_currency``)."""
        recent = mask & (self.verified >= since.toordinal())
        places, totals = np.unique(self.own_place[mask], return_counts=True)
        recents = dict(zip(*np.unique(self.own_place[recent], return_counts=True), strict=True))
        return {
            (int(pk) or None): (int(n), int(recents.get(pk, 0)))
            for pk, n in zip(places, totals, strict=True)
        }


def _day_numbers(texts):
    """Dates as text ("" for none) as day numbers (``date.toordinal()``), 0 for none."""
    days = np.array(texts, dtype="datetime64[D]")
    numbers = (days - np.datetime64("0001-01-01", "D")).astype(np.int64) + 1
    return np.where(np.isnat(days), 0, numbers)


def _raw_rows(queryset):
    """The rows of a values_list query as the database driver gives them (no converters:
    at 100,000 rows Django's per-value conversion costs more than the query)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _stored_values(field):
    """The values a field's codes stand for: its choices, then None (empty or other)."""
    if field.choices:
        return [value for value, _ in field.flatchoices] + [None]
    return [False, True, None]  # a yes/no/not known field


def _coded(field, values):
    """SQL giving a row's code for ``field``: the place of its value in ``values``."""
    other = len(values) - 1
    cases = [When(**{field: value}, then=Value(code)) for code, value in enumerate(values[:-1])]
    return Case(*cases, default=Value(other), output_field=IntegerField())


def _set_links(matrix, pks, links, others):
    """Tick ``matrix[row of activity, column of other]`` for each (activity, other) link.

    ``others`` holds the sorted pks of the matrix's columns.
    """
    pairs = np.array(list(links), dtype=np.int64).reshape(-1, 2)
    if not len(pairs) or not len(pks) or not len(others):
        return
    rows = np.searchsorted(pks, pairs[:, 0]).clip(max=len(pks) - 1)
    columns = np.searchsorted(others, pairs[:, 1]).clip(max=len(others) - 1)
    known = (pks[rows] == pairs[:, 0]) & (others[columns] == pairs[:, 1])
    matrix[rows[known], columns[known]] = True


# The index for the data version current now ---------------------------------------
_process = {"key": None, "index": None}
_process_lock = threading.Lock()


def current_index():
    """The index of the data as they are now: this process's copy, the shared one, or new.

    One process builds it after a change; others wait for it (up to
    ``BUILD_WAIT_SECONDS``) rather than build it too. Without a data version, or with
    the figures cache turned off (the tests' default), it is built afresh each time.
    """
    return index_of(current_token())


def index_of(token):
    """The index kept under ``token``: ``current_index`` for a token already read, or for
    one being prepared before it is published (``reports.figures.prepared``)."""
    from activities.records.data_version import CACHE_ALIAS

    if token is None or figures_cache_off():
        return FacetIndex(FacetIndex.build(), token)
    key = _key(token)
    with _process_lock:
        if _process["key"] == key:
            return _process["index"]
    arrays = _shared(caches[CACHE_ALIAS], key)
    index = FacetIndex(arrays, token)
    with _process_lock:
        _process.update(key=key, index=index)
    return index


@before_publishing
def prepare(token):
    """Build the index of the data as they are now and keep it under ``token``, before
    ``token`` is published (``data_version._NewToken``): no page waits for it. Nothing
    to do with the figures cache turned off (the tests' default)."""
    if not figures_cache_off():
        index_of(token)


def _key(token):
    return f"psd:facet-index:{LAYOUT}:{connection.settings_dict['NAME']}:{token}"


def _shared(cache, key):
    """The arrays from the shared cache, waiting for another builder, else built here."""
    try:
        arrays = cache.get(key)
        if arrays is not None:
            return arrays
        building = cache.add(f"{key}:building", 1, BUILD_WAIT_SECONDS)
        if not building:
            deadline = time.monotonic() + BUILD_WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(0.05)
                arrays = cache.get(key)
                if arrays is not None:
                    return arrays
    except CACHE_UNAVAILABLE as error:
        logger.warning("Figures cache unavailable (%s); building the facet index", error)
        return FacetIndex.build()
    arrays = FacetIndex.build()
    try:
        cache.set(key, arrays, CACHE_SECONDS)
        cache.delete(f"{key}:building")
    except CACHE_UNAVAILABLE as error:
        logger.warning("Figures cache unavailable (%s); not keeping the facet index", error)
    return arrays
