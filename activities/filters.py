"""The directory's filters, read from readable query parameters.

``?place=leeds&sector=third_sector&sector=nhs`` means: in Leeds, AND run by the
third sector OR the NHS. Values are the vocabulary's slugs, so a filtered view
can be bookmarked and shared. Places and shared experiences are read once per
request and mapped to ids here, so filtering needs no join and no extra query.
"""

import django_filters
from django import forms
from django.db.models import F, Q

from .coverage import Coverage, serving_condition
from .models import Activity, Place, SharedExperience
from .querysets import BOOLEAN_FACETS, YES_NO_UNKNOWN, facet_key
from .search_text import search_text_bound
from .vocabulary import ENUMERATION

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


def _multiple(field_name, label, choices, noun, method=None):
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        label=label,
        choices=choices,
        method=method,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _choice_message(noun, choices)},
    )


def _enumerated(key):
    """A filter on one enumerated vocabulary, named and worded as the registry says."""
    enumeration = ENUMERATION[key]
    return _multiple(key, enumeration.label, enumeration.choices.choices, enumeration.label.lower())


def _yes_no(field_name, label):
    return _multiple(field_name, label, YES_NO_CHOICES, "yes/no value", method="filter_yes_no")


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    place = _multiple("place", "Place", [], "place", method="filter_place")
    coverage = _multiple("coverage", "Serves", Coverage.choices, "kind of coverage")
    sector = _enumerated("sector")
    main_focus = _enumerated("main_focus")
    delivery_model = _enumerated("delivery_model")
    funding_type = _enumerated("funding_type")
    shared_experience = _multiple(
        "shared_experiences",
        "Shared experience",
        [],
        "shared experience",
        method="filter_shared_experience",
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
        for name, filter_ in self.filters.items():
            if name in self.form.cleaned_data:
                queryset = filter_.filter(queryset, self.form.cleaned_data[name])
        return queryset

    # Filter methods ---------------------------------------------------------------
    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_place(self, queryset, name, value):
        if not value:
            return queryset
        # Every activity serving a chosen place: its own, shared with others, region-wide.
        return queryset.filter(serving_condition(self._ids["place"][slug] for slug in value))

    def filter_shared_experience(self, queryset, name, value):
        if not value:
            return queryset
        ids = [self._ids["shared_experience"][slug] for slug in value]
        links = Activity.shared_experiences.through.objects.filter(sharedexperience_id__in=ids)
        return queryset.filter(pk__in=links.values("activity_id"))

    def filter_yes_no(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for word in value:
            flag = YES_NO_UNKNOWN[word]
            if flag is None:
                condition |= Q(**{f"{name}__isnull": True})
            else:
                condition |= Q(**{name: flag})
        return queryset.filter(condition)

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
        """The filtered rows, in the order in force."""
        order = self.order()
        if order == "relevance":
            return self.qs.by_relevance(self.cleaned("q", ""))
        return self.qs.order_by(*ORDERINGS[order])

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
                if name == "place":
                    count = counts.get(facet_key("place", self._ids["place"][value]), 0)
                elif name == "shared_experience":
                    count = experience_counts.get(self._ids["shared_experience"][value], 0)
                else:
                    field = filter_.field_name
                    key_value = YES_NO_UNKNOWN[value] if field in BOOLEAN_FACETS else value
                    count = counts.get(facet_key(field, key_value), 0)
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


def directory_filters(data):
    """The filters bound to a request's query parameters (places and taxonomy read once)."""
    return ActivityFilter(
        data,
        queryset=Activity.objects.all(),
        places=Place.objects.all(),
        experiences=SharedExperience.objects.all(),
    )
