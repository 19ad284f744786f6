"""The directory's facet counts, and a new data version's made before it is published.

The list page's counts (``facet_figures``) are cached under the data version. After a
change, the first reader of each view used to wait while they were counted and, for a
search, while the database ranked its matches again (docs/performance.md, "the readers'
p95 with champions writing"). ``prepare_directory`` runs in the recount job (a worker, at
a lower priority than the web server) before the new version's token is published: the
unfiltered directory's counts, and the ranking and counts of every search made in the
last ten minutes (``activities.directory.asked``).
"""

from urllib.parse import urlencode

from django.http import QueryDict

from activities.currency.measure import verified_since
from activities.directory.asked import searches_asked
from activities.directory.facet_index import index_of
from activities.directory.filters import directory_filters
from activities.records.data_version import before_publishing, cached, figures_cache_off


def facet_figures(filters):
    """The results' facet counts, shared-experience counts and checks by place.

    Each option counts the rows that ticking it would give (``ActivityFilter.facet_counts``,
    from the data version's ``FacetIndex``). Cached until the data change, so paging
    through results or coming back to a view reuses them.
    """
    # The day is in the key because "checked in the last 12 months" moves with it.
    return cached(
        "directory-facets",
        (filters.filter_key(), verified_since()),
        filters.facet_counts,
        token=filters.index().token,  # read once a page
    )


@before_publishing
def prepare_directory(token):
    """Count the unfiltered directory and rank the recent searches under ``token``, before
    it is published. Nothing to do with the figures cache turned off (the tests' default)."""
    if figures_cache_off():
        return
    index = index_of(token)
    for text in ["", *searches_asked()]:
        filters = directory_filters(QueryDict(urlencode({"q": text}) if text else ""))
        filters.use_index(index)
        if text:
            filters.base_pks()  # its ranking too
        facet_figures(filters)
