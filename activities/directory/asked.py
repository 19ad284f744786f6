"""The searches people made lately, so a new data version's can be prepared for them.

A search's ranking and matches are full-text queries, cached under the data version
(``filters.ActivityFilter.ranked_pks``). A new version retired every one of them at
once, and each reader's next search ran them again while the reader waited (36 ms more
than a cached search at 100,000 activities). Each ranking counted is noted here, in
the shared figures cache, and ``activities.directory.figures`` ranks the searches of
the last ``RECENT_SECONDS`` again before the next version is published.

Only the words searched are kept (no user, no address), for ``RECENT_SECONDS`` after
the last search: at most ``KEEP`` of them, the most recent. Losing them (a cache that is
down or cleared) costs a computation, as before.
"""

import logging
import time

from django.core.cache import caches

from activities.records.data_version import CACHE_ALIAS, CACHE_UNAVAILABLE, figures_cache_off

logger = logging.getLogger(__name__)

KEY = "psd:directory-searches-asked:1"
KEEP = 50  # the most searches prepared for a new version
RECENT_SECONDS = 10 * 60  # a search older than this is not prepared


def search_asked(text, now=None):
    """Note that ``text`` was searched (once a data version: when its ranking is counted)."""
    if not text or figures_cache_off():
        return
    now = time.time() if now is None else now
    cache = caches[CACHE_ALIAS]
    try:
        asked = {t: at for t, at in (cache.get(KEY) or {}).items() if now - at < RECENT_SECONDS}
        asked[text] = now
        kept = dict(sorted(asked.items(), key=lambda item: item[1], reverse=True)[:KEEP])
        cache.set(KEY, kept, RECENT_SECONDS)
    except CACHE_UNAVAILABLE as error:
        logger.warning("Figures cache unavailable (%s); searches not noted", error)


def searches_asked(now=None):
    """The searches of the last ``RECENT_SECONDS``, the most recent first."""
    if figures_cache_off():
        return []
    now = time.time() if now is None else now
    try:
        asked = caches[CACHE_ALIAS].get(KEY) or {}
    except CACHE_UNAVAILABLE:
        return []
    recent = [(at, text) for text, at in asked.items() if now - at < RECENT_SECONDS]
    return [text for _, text in sorted(recent, reverse=True)]
