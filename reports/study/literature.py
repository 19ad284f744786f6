"""The literature review page: the sources as recorded, filtered, and the review's
summary figures computed from those records beside the figures the study printed.

The study says 39 sources (22 academic, 13 grey, 4 experiential) and prints a
"Literature focus" chart of percentages. Those percentages cannot come from 39
sources (16% of 39 is 6.24: six sources are 15%, seven are 18%), so the page
shows them as printed, says which could not be, and names the smallest number
of sources they would fit, computed here rather than asserted.
"""

from django import forms
from django.db.models import Count, Prefetch

from interviews.models import Theme
from reports.study.literature_models import (
    LiteratureSource,
    ReviewGroup,
    ReviewTheme,
    SourceFocus,
    SourceType,
)

NOT_RECORDED = "none"
STATED_TOTAL = 39
STATED_BY_TYPE = {SourceType.ACADEMIC: 22, SourceType.GREY: 13, SourceType.EXPERIENTIAL: 4}
# The chart's percentages and labels, in the order the study prints them.
STATED_FOCUS_PERCENT = [
    (SourceFocus.PROJECT_EVALUATIONS, 16),
    (SourceFocus.SERVICE_REPORTS, 5),
    (SourceFocus.DELIVERY, 24),
    (SourceFocus.VALUES, 11),
    (SourceFocus.FINANCIAL_CASE, 8),
    (SourceFocus.DEFINING, 3),
    (SourceFocus.WORKFORCE, 19),
    (SourceFocus.PERSONAL, 11),
    (SourceFocus.LITERATURE_REVIEW, 3),
]


def rounded_percent(count, total):
    """``count`` of ``total`` as a whole percentage, halves rounded up (as a chart prints)."""
    return (200 * count + total) // (2 * total)


def fits(percent, total):
    """Whether some whole number of ``total`` sources rounds to ``percent``."""
    return any(rounded_percent(n, total) == percent for n in range(total + 1))


def smallest_fitting_total(percents, *, up_to=200):
    """The fewest sources for which every percentage is some count's, the counts adding up."""
    for total in range(1, up_to + 1):
        reachable = {0}
        for percent in percents:
            counts = [n for n in range(total + 1) if rounded_percent(n, total) == percent]
            reachable = {s + n for s in reachable for n in counts if s + n <= total}
            if not reachable:
                break
        if total in reachable:
            return total
    return None


SELECT = forms.Select(attrs={"class": "govuk-select"})


class LiteratureFilterForm(forms.Form):
    source_type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "Any"), *SourceType.choices, (NOT_RECORDED, "Not recorded")],
        widget=SELECT,
    )
    focus = forms.ChoiceField(
        required=False,
        choices=[("", "Any"), *SourceFocus.choices, (NOT_RECORDED, "Not recorded")],
        widget=SELECT,
    )
    group = forms.ChoiceField(
        label="Question of the review",
        required=False,
        choices=[("", "Any"), *ReviewGroup.choices],
        widget=SELECT,
    )

    def filter(self, sources):
        data = self.cleaned_data
        for field in ("source_type", "focus"):
            if data[field]:
                sources = sources.filter(
                    **{field: "" if data[field] == NOT_RECORDED else data[field]}
                )
        if data["group"]:
            sources = sources.filter(themes__group=data["group"]).distinct()
        return sources


def _counts(field, choices, stated):
    """[(label, the study's figure or None, recorded here)] per choice, then "Not recorded"."""
    counted = dict(
        LiteratureSource.objects.values_list(field).annotate(n=Count("pk")).values_list(field, "n")
    )
    return [(label, stated.get(value), counted.get(value, 0)) for value, label in choices] + [
        ("Not recorded", None, counted.get("", 0))
    ]


def literature_page(query):
    """The page's context: a fixed number of queries."""
    form = LiteratureFilterForm(query)
    sources = LiteratureSource.objects.prefetch_related("themes")
    sources = form.filter(sources) if form.is_valid() else sources.none()
    sources = list(sources)
    by_type = _counts("source_type", SourceType.choices, STATED_BY_TYPE)
    recorded = sum(n for *_, n in by_type)
    stated_focus = dict(STATED_FOCUS_PERCENT)
    themes = list(
        ReviewTheme.objects.annotate(source_count=Count("sources")).prefetch_related(
            Prefetch("codebook_themes", queryset=Theme.objects.order_by("name"))
        )
    )
    values_heading = [t for t in themes if t.group == ReviewGroup.VALUES and not t.name]
    national = {
        theme.pk
        for review in themes
        if review.group == ReviewGroup.VALUES and review.name
        for theme in review.codebook_themes.all()
    }
    local_parents = [
        theme.pk for review in values_heading for theme in review.codebook_themes.all()
    ]
    return {
        "form": form,
        "sources": sources,
        "recorded": recorded,
        "by_type": by_type,
        "by_focus": [
            (label, percent, percent is None or fits(percent, STATED_TOTAL), n)
            for label, percent, n in _counts("focus", SourceFocus.choices, stated_focus)
        ],
        "stated_total": STATED_TOTAL,
        "focus_fits_total": smallest_fitting_total([p for _, p in STATED_FOCUS_PERCENT]),
        "groups": [
            (label, [t for t in themes if t.group == value]) for value, label in ReviewGroup.choices
        ],
        # Values the WY&H workforce named (codebook themes under the theme the review's
        # values heading links to) that are not among the review's national values.
        "values_found_locally": list(
            Theme.objects.filter(parent__in=local_parents).exclude(pk__in=national).order_by("name")
        ),
    }
