"""Template tags for the study's conclusions on the report pages, so those pages' views
stay as they are: the recommendations section reads its own data (two queries); the
highlights are put beside the page's own figures (no query)."""

from django import template

from reports.study.highlight_beside import highlights_beside
from reports.study.recommendation_progress import STATUS_TAGS, recommendation_progress

register = template.Library()


@register.simple_tag
def recommendations_for(report):
    """The progress grid of a report page: every place on the region's, one on a place's."""
    places = [report.place] if report.place else [figure.place for figure in report.places]
    return recommendation_progress(places)


@register.simple_tag
def status_key():
    """(label, tag class) for each status, for the grid's key."""
    return [(status.label, tag) for status, tag in STATUS_TAGS.items()]


@register.simple_tag(name="highlights_beside")
def highlights_beside_tag(report):
    """The page's highlights, each with today's figures beside it: ``highlight_beside``."""
    return highlights_beside(report)
