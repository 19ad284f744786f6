"""Report figures made ready before anyone asks: after each write, and as a server starts.

The region's page and every place's page share one set of counts for each set of
options (``summaries.report_counts``). Without this, the first report page after a
change, or after a restart, counts them while its reader waits, and under load every
worker that misses at once counts them too (docs/performance.md). Only the default
options (all activities, whenever scoped) are prepared: the others are as many as
the dates people type.
"""

import logging

from django.db import DatabaseError

from activities.directory.facet_index import index_of
from activities.models import Place
from activities.records.data_version import before_publishing, current_token, figures_cache_off
from reports.figures.summaries import ReportOptions, report_counts

logger = logging.getLogger(__name__)


@before_publishing
def prepare_report_counts(token):
    """Count the default options' figures under ``token`` before it is published
    (``data_version._NewToken``, after ``facet_index.prepare``, whose index it reads).
    Nothing to do with the figures cache turned off (the tests' default)."""
    if figures_cache_off():
        return
    report_counts(ReportOptions(), list(Place.objects.order_by("name")), token=token)


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
