"""Report figures made ready before anyone asks: after each write, and as a server starts.

The region's page and every place's page share one set of counts for each set of
options (``summaries.report_counts``). Without this, the first report page after a
change, or after a restart, counts them while its reader waits, and under load every
worker that misses at once counts them too (docs/performance.md). Only the default
options (all activities, whenever scoped) are prepared: the others are as many as
the dates people type.

The sections drawn only from those counts (the places table, the gap finder, the
breakdowns: ``layout.Section.cached``) are rendered once per count and kept; the recount
job renders the default pages' too, so the first reader of each page after a change
(the region's and six places') no longer renders them while waiting: 62 ms against
27 ms for the region's page at 100,000 activities (bench/page_costs.py --cold).
"""

import logging

from django.db import DatabaseError
from django.template.loader import render_to_string

from activities.directory.facet_index import index_of
from activities.models import Place
from activities.records.data_version import before_publishing, current_token, figures_cache_off
from reports.figures.layout import report_sections
from reports.figures.summaries import ReportOptions, report_build, report_counts

logger = logging.getLogger(__name__)


@before_publishing
def prepare_report_counts(token):
    """Count the default options' figures under ``token`` before it is published
    (``data_version._NewToken``, after ``facet_index.prepare``, whose index it reads).
    Nothing to do with the figures cache turned off (the tests' default)."""
    if figures_cache_off():
        return
    report_counts(ReportOptions(), list(Place.objects.order_by("name")), token=token)


@before_publishing
def prepare_report_sections(token):
    """Render the cached sections of the region's page and every place's, with the default
    options, under ``token`` before it is published (after ``prepare_report_counts``):
    with the template the page includes, so the fragments' keys are the page's."""
    if figures_cache_off():
        return
    for slug in [None, *Place.objects.order_by("name").values_list("slug", flat=True)]:
        report = report_build(options=ReportOptions(), place_slug=slug, token=token)
        for section in report_sections(report):
            if section.cached:
                context = {"report": report, "section": section, "query": ""}
                render_to_string("reports/figures/_section_cached.html", context)


def warm_start():
    """Have the current data's facet index and default report counts ready, as a server
    starts (``scoping.wsgi``; with gunicorn's preload, once, before the workers fork, so
    each starts with the index in memory). A database that cannot be read yet is left to
    the first pages, which count for themselves."""
    if figures_cache_off():
        return
    try:
        token = current_token()
        if token is not None:
            index_of(token)
            prepare_report_counts(token)
    except DatabaseError as error:
        logger.warning("Figures not prepared at start (%s); the first pages will count", error)
