"""What each value of the directory's vocabularies means, in plain English.

The definitions themselves live with the vocabularies (``vocabulary.DEFINITIONS``,
``coverage.COVERAGE_DEFINITIONS``, each shared experience's description); this
module lays them out for the two places that show them: the directory's
"What counts as each ...?" beside a filter, and the admin's help under a field.
"""

from django.utils.html import format_html, format_html_join

from activities.reference.coverage import COVERAGE_DEFINITIONS, Coverage
from activities.vocabulary.terms import ENUMERATION

PLACE_FILTER_MEANS = (
    "Every activity serving it: its own, those shared with other places (marked “Several "
    "places”) and the region-wide ones (marked “Region-wide”). Use “Serves” to leave the "
    "region-wide ones out."
)


def value_definitions(name, experiences=()):
    """[(label, definition)] for one filter or field (``name``); [] when it has none."""
    if name in ENUMERATION:
        return [
            (label, definition) for _value, label, definition in ENUMERATION[name].definitions()
        ]
    if name == "coverage":
        return [(label, COVERAGE_DEFINITIONS[value]) for value, label in Coverage.choices]
    if name == "place":
        return [("A place", PLACE_FILTER_MEANS)]
    if name == "shared_experience":
        return [(e.name, e.description) for e in experiences if e.description]
    return []


def facets_with_definitions(facets, experiences):
    """The directory's facet groups, each with the definitions of its options."""
    for group in facets:
        group["definitions"] = value_definitions(group["name"], experiences)
    return facets


# Definitions that are the directory filter's, not a field's: the admin's Place is the one
# place an activity happens, not "every activity serving it".
FILTER_ONLY = {"place"}


def help_with_definitions(help_text, name):
    """A field's admin help followed by what each of its values means (escaped HTML),
    folded away under "What each choice means" so the form stays short."""
    definitions = [] if name in FILTER_ONLY else value_definitions(name)
    if not definitions:
        return help_text
    items = format_html_join("", "<li><strong>{}</strong>: {}</li>", definitions)
    return format_html(
        '{}<details class="psd-definitions-details"><summary>What each choice means</summary>'
        '<ul class="psd-definitions">{}</ul></details>',
        help_text,
        items,
    )
