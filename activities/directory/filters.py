"""The directory's filters, read from readable query parameters.

``?place=leeds&sector=third_sector&sector=nhs`` means: in Leeds, AND run by the
third sector OR the NHS. Values are the vocabulary's slugs, so a filtered view
can be bookmarked and shared. Places and shared experiences are read once per
request and mapped to ids here, so filtering needs no join and no extra query.
"""

import django_filters
import numpy as np
from django import forms
from django.db.models import F, Q

from activities.currency.measure import verified_since
from activities.directory.asked import search_asked
from activities.directory.facet_index import current_index
from activities.directory.querysets import BOOLEAN_FACETS, YES_NO_UNKNOWN, all_of, facet_key
from activities.directory.search_text import search_text_bound
from activities.models import Activity, Place, SharedExperience
from activities.records.data_version import cached
from activities.reference.coverage import Coverage, serving_condition
from activities.vocabulary.terms import ENUMERATION

YES_NO_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]
ORDER_CHOICES = [
    ("name", "Name"),
    ("place", "Place"),
    ("date_scoped", "Date scoped (oldest first)"),
    ("-date_scoped", "Date scoped (newest first)"),
    ("relevance", "Relevance (when searching)"),
]
ORDERINGS = {
    "name": ("name", "pk"),
    # One place's activities by place; then several-place and region-wide ones, by name.
    "place": (F("place__name").asc(nulls_last=True), "coverage", "name", "pk"),
    # Activities with no date come last either way, on every database.
    "date_scoped": (F("date_scoped").asc(nulls_last=True), "name", "pk"),
    "-date_scoped": (F("date_scoped").desc(nulls_last=True), "name", "pk"),
}
PAGE_SIZES = [25, 50, 100]
FEW_RESULTS = 2000  # up to this many matches, results() names them by pk (see there)
DATE_MESSAGE = "Enter a real date as year-month-day, for example 2019-10-31."


def _choice_message(noun, choices):
    allowed = ", ".join(value for value, _ in choices)
    return f"“%(value)s” is not a {noun} the directory knows. Use one of: {allowed}."


class DirectoryForm(forms.Form):
    """Adds the list's ordering and page size to the filters' own fields."""

    order = forms.ChoiceField(
        choices=ORDER_CHOICES,
        required=False,
        label="Sort by",
        error_messages={"invalid_choice": _choice_message("sort order", ORDER_CHOICES)},
    )
    per_page = forms.TypedChoiceField(
        choices=[(str(n), str(n)) for n in PAGE_SIZES],
        coerce=int,
        required=False,
        empty_value=PAGE_SIZES[0],
        label="Results per page",
        error_messages={
            "invalid_choice": _choice_message("page size", [(str(n), n) for n in PAGE_SIZES])
        },
    )

    search_note = ""

    def clean_q(self):
        """The search, bounded (``search_text``); ``search_note`` says if it was changed."""
        bounded = search_text_bound(self.cleaned_data.get("q"))
        self.search_note = bounded.note
        return bounded.text

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("scoped_from"), cleaned.get("scoped_to")
        if start and end and start > end:
            self.add_error("scoped_to", "The “to” date must be on or after the “from” date.")
        return cleaned


def _multiple(field_name, label, choices, noun):
    """A multi-select filter; what it asks for is ``ActivityFilter.condition``."""
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        label=label,
        choices=choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _choice_message(noun, choices)},
    )


def _enumerated(key):
    """A filter on one enumerated vocabulary, named and worded as the registry says."""
    enumeration = ENUMERATION[key]
    return _multiple(key, enumeration.label, enumeration.choices.choices, enumeration.label.lower())


def _yes_no(field_name, label):
    return _multiple(field_name, label, YES_NO_CHOICES, "yes/no value")


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    place = _multiple("place", "Place", [], "place")
    coverage = _multiple("coverage", "Serves", Coverage.choices, "kind of coverage")
    sector = _enumerated("sector")
    main_focus = _enumerated("main_focus")
    delivery_model = _enumerated("delivery_model")
    funding_type = _enumerated("funding_type")
    delivered_by = _enumerated("delivered_by")
    shared_experience = _multiple(
        "shared_experiences",
        "Shared experience",
        [],
        "shared experience",
    )
    status = _enumerated("status")
    access = _enumerated("access")
    how_found = _enumerated("how_found")
    online = _yes_no("online", "Online")
    self_described = _yes_no("self_described_peer_support", "Calls itself peer support")
    scoped_from = django_filters.DateFilter(
        field_name="date_scoped",
        lookup_expr="gte",
        label="Date scoped from",
        error_messages={"invalid": DATE_MESSAGE},
    )
    scoped_to = django_filters.DateFilter(
        field_name="date_scoped",
        lookup_expr="lte",
        label="Date scoped to",
        error_messages={"invalid": DATE_MESSAGE},
    )

    class Meta:
        model = Activity
        fields = []
        form = DirectoryForm

    def __init__(self, data=None, *args, places=None, experiences=None, **kwargs):
        self.places = list(places if places is not None else Place.objects.all())
        self.experiences = list(
            experiences if experiences is not None else SharedExperience.objects.all()
        )
        super().__init__(data, *args, **kwargs)
        self._ids = {
            "place": {place.slug: place.pk for place in self.places},
            "shared_experience": {e.slug: e.pk for e in self.experiences},
        }
        for name, rows in (("place", self.places), ("shared_experience", self.experiences)):
            choices = [(row.slug, row.name) for row in rows]
            self.filters[name].extra["choices"] = choices
            self.filters[name].extra["error_messages"] = {
                "invalid_choice": _choice_message(name.replace("_", " "), choices)
            }

    def filter_queryset(self, queryset):
        """Apply the filters only (the form also holds ordering and page size)."""
        return self.facet_base().filter(all_of(self.facets_in_force().values()))

    def facet_base(self):
        """The rows matching the filters that are not multi-select (search, dates).

        Built once: on PostgreSQL the search first finds matching organisations.
        """
        if getattr(self, "_facet_base", None) is None:
            queryset = self.queryset.all()
            for name, filter_ in self.filters.items():
                if name in self.form.cleaned_data and not self._is_facet(filter_):
                    queryset = filter_.filter(queryset, self.form.cleaned_data[name])
            self._facet_base = queryset
        return self._facet_base

    @staticmethod
    def _is_facet(filter_):
        return isinstance(filter_, django_filters.MultipleChoiceFilter)

    def facets_in_force(self):
        """{multi-select filter: its condition} for each one with valid values ticked."""
        in_force = {}
        for name, filter_ in self.filters.items():
            values = (
                self.form.cleaned_data.get(name) if hasattr(self.form, "cleaned_data") else None
            )
            if self._is_facet(filter_) and values:
                in_force[name] = self.condition(name, values)
        return in_force

    def condition(self, name, values):
        """What ticking ``values`` of one multi-select filter asks for (values OR-ed)."""
        if name == "place":
            # Every activity serving a chosen place: its own, shared with others, region-wide.
            return serving_condition(self._ids["place"][slug] for slug in values)
        if name == "shared_experience":
            ids = [self._ids["shared_experience"][slug] for slug in values]
            links = Activity.shared_experiences.through.objects.filter(sharedexperience_id__in=ids)
            return Q(pk__in=links.values("activity_id"))
        field = self.filters[name].field_name
        if field in BOOLEAN_FACETS:
            condition = Q()
            for word in values:
                flag = YES_NO_UNKNOWN[word]
                condition |= Q(**{f"{field}__isnull": True}) if flag is None else Q(**{field: flag})
            return condition
        return Q(**{f"{field}__in": list(values)})

    def option_mask(self, index, name, values):
        """The rows of a ``FacetIndex`` that ticking ``values`` asks for: ``condition`` in memory."""
        if name == "place":
            return index.serving(self._ids["place"][slug] for slug in values)
        if name == "shared_experience":
            return index.having_experience(self._ids["shared_experience"][s] for s in values)
        field = self.filters[name].field_name
        if field in BOOLEAN_FACETS:
            return index.where(field, [YES_NO_UNKNOWN[word] for word in values])
        return index.where(field, list(values))

    def index(self):
        """The data version's ``FacetIndex``, looked up once for these filters."""
        if getattr(self, "_index", None) is None:
            self._index = current_index()
        return self._index

    note_searches = True  # a reader's search is noted, to be prepared for the next version

    def use_index(self, index):
        """Count and cache at ``index``'s data version, not the current one: a new version's
        figures are prepared before it is published (``activities.directory.figures``).
        Preparing a search does not note it again: only readers' searches keep one recent."""
        self._index = index
        self.note_searches = False
        return self

    def _index_masks(self, index):
        """(rows matching the search and dates, {multi-select filter in force: its rows})."""
        rows = index.rows_of(self.base_pks()) if self._base_key() else index.everything()
        in_force = {
            name: self.option_mask(index, name, self.form.cleaned_data[name])
            for name in self.facets_in_force()
        }
        return rows, in_force

    def _base_key(self):
        """The search and dates in force: the filters the ``FacetIndex`` does not hold."""
        return tuple((n, v) for n, v in self.filter_key() if not self._is_facet(self.filters[n]))

    def base_pks(self):
        """The pks matching the search and dates, as an array: one query per data version
        and combination (cached as the counts are), since paging through a search's
        results, or ticking filters beside it, asks for them again."""
        if getattr(self, "_base_pks", None) is None and self._search_alone():
            # The search is the only such filter: its matches are the ranking's rows, so
            # one full-text query finds both (the page ranks them anyway).
            self._base_pks = np.sort(self.ranked_pks())
        if getattr(self, "_base_pks", None) is None:  # the counts and the page both ask
            self._base_pks = cached(
                "directory-search-dates",
                self._base_key(),
                lambda: _pk_array(self.facet_base().order_by().values_list("pk", flat=True)),
                token=self.index().token,
            )
        return self._base_pks

    def ranked_pks(self):
        """Every activity matching the search, best match first (``by_relevance``): one
        query per data version and search, cached, so each page of results and each
        filter ticked beside a search ranks no rows again."""
        text = self.cleaned("q", "")

        def rank():
            if self.note_searches:
                search_asked(text)  # prepared again for the next data version
            return _pk_array(
                self.queryset.search(text).by_relevance(text).values_list("pk", flat=True)
            )

        if getattr(self, "_ranked_pks", None) is None:  # the matches and the page both ask
            self._ranked_pks = cached("directory-ranking", (text,), rank, token=self.index().token)
        return self._ranked_pks

    def _search_alone(self):
        """Whether the search is in force, ordered by relevance, with no date filter."""
        text = self.cleaned("q", "")
        return bool(text) and self.order() == "relevance" and self._base_key() == (("q", text),)

    def matching_mask(self):
        """The ``FacetIndex`` rows matching every filter."""
        self.form.is_valid()
        rows, in_force = self._index_masks(self.index())
        for option_rows in in_force.values():
            rows &= option_rows
        return rows

    def matching_ids(self):
        """The pks of the rows matching every filter, from the ``FacetIndex``; None when
        more than ``FEW_RESULTS`` match."""
        rows = self.matching_mask()
        if np.count_nonzero(rows) > FEW_RESULTS:
            return None
        return self.index().pks[rows].tolist()

    def page_ids(self):
        """Every matching pk in the order in force, from the ``FacetIndex``: by name, or
        by relevance to the search (``ranked_pks``); the list page names one page of
        them. None for the other orders, which the database sorts."""
        order, searching = self.order(), bool(self.cleaned("q"))
        if order == "name" or (order == "relevance" and not searching):
            return self.index().pks_by_name(self.matching_mask())
        if order == "relevance":
            return self.index().pks_in_order(self.ranked_pks(), self.matching_mask())
        return None

    def facet_counts(self):
        """(counts by facet_key(filter, value) with "total", {shared experience id: count},
        {place id or None: (results, checked recently)}).

        Disjunctive: each option counted with every other filter applied but not
        its own. Counted in memory from the data version's ``FacetIndex``; the
        search and the dates, which it does not hold, are one query for the ids.
        """
        self.form.is_valid()
        index = self.index()
        rows, in_force = self._index_masks(index)

        def matching_all_but(skipped):
            mask = rows.copy()
            for name, option_rows in in_force.items():
                if name != skipped:
                    mask &= option_rows
            return mask

        results = matching_all_but(None)
        counts = {"total": int(np.count_nonzero(results))}
        for name, filter_ in self.filters.items():
            if not self._is_facet(filter_) or name == "shared_experience":
                continue
            others = matching_all_but(name)
            if name == "place":
                by_place = index.serving_counts(others)
                found = {slug: by_place.get(pk, 0) for slug, pk in self._ids["place"].items()}
            else:
                field = filter_.field_name
                by_value = index.value_counts(field, others)
                stored = YES_NO_UNKNOWN if field in BOOLEAN_FACETS else {}
                found = {v: by_value.get(stored.get(v, v), 0) for v, _ in filter_.extra["choices"]}
            for value, _ in filter_.extra["choices"]:
                counts[facet_key(name, value)] = found.get(value, 0)
        experiences = index.experience_counts(matching_all_but("shared_experience"))
        return counts, experiences, index.verified_by_place(results, verified_since())

    # Filter methods ---------------------------------------------------------------
    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    # What the page shows -----------------------------------------------------------
    def cleaned(self, name, default=None):
        """A valid value of the form (invalid or missing ones give the default)."""
        if not self.is_bound:
            return default
        self.form.is_valid()
        value = self.form.cleaned_data.get(name)
        return default if value in (None, "", []) else value

    def order(self):
        """The order in force: as asked, else relevance when searching, else name."""
        return self.cleaned("order", "relevance" if self.cleaned("q") else "name")

    def results(self):
        """The filtered rows, in the order in force.

        When few rows match, they are named by pk (from the facet index) rather
        than found by the filters' conditions: for a rare combination the database
        would otherwise walk most of the name index to fill a page. Many matches
        fill a page quickly either way, and would make a long list of pks.
        """
        order = self.order()
        if order == "relevance":
            return self.qs.by_relevance(self.cleaned("q", ""))
        ids = self.matching_ids() if self.is_filtered() else None
        rows = self.qs if ids is None else self.queryset.filter(pk__in=ids)
        return rows.order_by(*ORDERINGS[order])

    def filter_key(self):
        """The valid filter values in force, in a stable order: what the results depend on."""
        if not self.is_bound:
            return ()
        self.form.is_valid()
        key = []
        for name in self.filters:
            value = self.form.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            key.append((name, sorted(value) if isinstance(value, list) else str(value)))
        return tuple(key)

    def is_filtered(self):
        """Whether any valid filter value is in use (unfiltered counts skip a join)."""
        return bool(self.filter_key())

    def facets(self, counts, experience_counts):
        """Each multi-select filter's options with their counts among the results."""
        groups = []
        for name, filter_ in self.filters.items():
            if not isinstance(filter_, django_filters.MultipleChoiceFilter):
                continue
            selected = set(self.cleaned(name, []))
            options = []
            for value, label in filter_.extra["choices"]:
                if name == "shared_experience":
                    count = experience_counts.get(self._ids["shared_experience"][value], 0)
                else:
                    count = counts.get(facet_key(name, value), 0)
                options.append(
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "checked": value in selected,
                    }
                )
            groups.append(
                {
                    "name": name,
                    "label": filter_.label,
                    "options": options,
                    "errors": self.form.errors.get(name),
                }
            )
        return groups

    def active_filters(self):
        """(label, remove-this-one query string) for each filter value in use."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        chips = []
        for name, filter_ in self.filters.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if isinstance(filter_, django_filters.MultipleChoiceFilter):
                labels = dict(filter_.extra["choices"])
                for item in value:
                    chips.append(
                        (f"{filter_.label}: {labels[item]}", self._query_without(name, item))
                    )
            else:
                shown = value.isoformat() if hasattr(value, "isoformat") else value
                chips.append((f"{filter_.label}: {shown}", self._query_without(name)))
        return chips

    def _query_without(self, name, item=None):
        data = self.data.copy()
        data.pop("page", None)
        if item is None:
            data.pop(name, None)
        else:
            data.setlist(name, [v for v in data.getlist(name) if v != item])
        return data.urlencode()


def _pk_array(pks):
    return np.fromiter(pks, dtype=np.int64)


def directory_filters(data):
    """The filters bound to a request's query parameters (places and taxonomy read once)."""
    return ActivityFilter(
        data,
        queryset=Activity.objects.all(),
        places=Place.objects.all(),
        experiences=SharedExperience.objects.all(),
    )


def without_empty(query):
    """A copy of query parameters without the empty values a submitted form sends."""
    kept = query.copy()
    for name in list(kept):
        values = [value for value in kept.getlist(name) if value != ""]
        if values:
            kept.setlist(name, values)
        else:
            del kept[name]
    return kept
