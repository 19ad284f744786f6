"""The directory's long loops, built in Python: filter options, definitions and result rows.

The list page repeats one small piece of markup about seventy times (each filter
option with its count) and one row per result. In Django's template language
each variable, ``if`` and ``include`` in such a loop is looked up afresh:
measured at 100,000 activities, 15-20 ms for the options and 12-17 ms for 25
rows, most of a page's time. Built here with ``format_html`` (which escapes
every value), the same markup costs a millisecond or two: the values are escaped
with the standard library's ``html.escape``, which is what Django's ``escape``
calls, without its lazy-string wrapper (docs/performance.md).

``serves`` is the one place that writes what an activity serves (the list's
rows and the detail page).
"""

from functools import cache
from html import escape

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from activities.reference.coverage import REGION_NAME, Coverage

register = template.Library()
MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]  # the date filter's "M"
DETAIL_PK = 987654321  # stands for each row's pk in the detail page's address, reversed once

OPTION = (
    '<div class="govuk-checkboxes__item">\n'
    '<input class="govuk-checkboxes__input" id="{}-{}" name="{}" type="checkbox" value="{}"{}>\n'
    '<label class="govuk-label govuk-checkboxes__label" for="{}-{}">{} '
    '<span class="psd-facet__count">({:,})</span></label>\n'
    "</div>"
)
ROW = (
    '<tr class="govuk-table__row">\n'
    '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a>{}</td>\n'
    '<td class="govuk-table__cell">{}</td>\n'
    '<td class="govuk-table__cell">{}</td>\n'
    '<td class="govuk-table__cell">{}</td>\n'
    '<td class="govuk-table__cell">{}</td>\n'
    '<td class="govuk-table__cell">{}<br><span class="govuk-body-s">{}</span></td>\n'
    "</tr>"
)
REGION_TAG = format_html(
    '{} <strong class="govuk-tag govuk-tag--purple psd-coverage-tag">Region-wide</strong>',
    REGION_NAME,
)
PLACES_TAG = mark_safe(
    '<strong class="govuk-tag govuk-tag--blue psd-coverage-tag">Several places</strong>'
)


DEFINITION = '<dt class="govuk-!-font-weight-bold">{}</dt><dd class="psd-definitions__text">{}</dd>'


@register.simple_tag
def definition_list(definitions):
    """A filter's "What these mean": (label, definition) pairs as a description list's
    items. The study's definitions are lazy translations, which Django's ``escape``
    resolved one by one: some sixty a page, a tenth of the list's time."""
    return mark_safe(
        "".join(
            DEFINITION.format(escape(str(label)), escape(str(text))) for label, text in definitions
        )
    )


@register.simple_tag
def facet_options(group):
    """One multi-select filter's checkboxes, each with its count among the results."""
    name = escape(group["name"])
    return mark_safe(
        "\n".join(
            OPTION.format(
                name, n, name, escape(str(option["value"])),
                " checked" if option["checked"] else "",
                name, n, escape(str(option["label"])), int(option["count"]),
            )
            for n, option in enumerate(group["options"], start=1)
        )
    )  # fmt: skip


@register.simple_tag
def serves(activity, link=False):
    """What an activity serves, tagged when it is more than one place; places linked to the
    directory filtered by them when ``link``."""
    if activity.coverage == Coverage.REGION:
        return REGION_TAG
    if activity.coverage == Coverage.PLACES:
        names = format_html_join("; ", "{}", ((_place(p, link),) for p in activity.places.all()))
        return format_html("{} {}", names, PLACES_TAG)
    return _place(activity.place, link)


@cache
def _labels():
    """{field: {stored value: label}} for the coded fields a row shows (get_FOO_display,
    which rebuilds its lookup on every call)."""
    from activities.models import Activity

    fields = ("sector", "delivery_model", "status")
    return {f: dict(Activity._meta.get_field(f).flatchoices) for f in fields}


def _label(labels, field, value):
    return escape(str(labels[field].get(value, value or "")))


def _place(place, link):
    if not link:
        return mark_safe(escape(place.name))
    return format_html(
        '<a class="govuk-link" href="{}?place={}">{}</a>',
        reverse("activities:list"),
        place.slug,
        place.name,
    )


@register.simple_tag
def result_rows(activities, list_query):
    """The results table's rows: name and organisation, what it serves, sector, delivery,
    shared experiences, date scoped and status."""
    query = escape(f"?{list_query}") if list_query else ""
    detail = reverse("activities:detail", args=[DETAIL_PK])
    labels = _labels()
    rows = []
    for activity in activities:
        organisation = activity.organisation
        scoped = activity.date_scoped
        rows.append(
            ROW.format(
                escape(detail.replace(str(DETAIL_PK), str(activity.pk))) + query,
                escape(activity.name),
                f'<br><span class="govuk-body-s">{escape(organisation.name)}</span>'
                if organisation
                else "",
                serves(activity),
                _label(labels, "sector", activity.sector),
                _label(labels, "delivery_model", activity.delivery_model),
                escape("; ".join(e.name for e in activity.shared_experiences.all())),
                f"{scoped.day} {MONTHS[scoped.month - 1]} {scoped.year}" if scoped else "Not known",
                _label(labels, "status", activity.status),
            )
        )
    return mark_safe("\n".join(rows))
