"""A token that changes after every committed write to the directory's data.

Facet counts and report figures take a full pass over the activities. They
are cached under the token current when they were computed (see ``cached``),
so any write retires them at once; reading the token is one indexed query.

Single saves, deletes and shared-experience changes bump the token through
signals (connected in ``ActivitiesConfig.ready``); bulk writes, which send no
signals, call ``data_changed`` themselves: the import, seeding, the bulk
creation service, reference data and a restore. The new token is written after
the writer's transaction commits, so readers never wait on a long import and a
rolled-back change leaves the token (and the cache) as it was.
"""

import hashlib
import logging
import secrets

from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

CACHE_ALIAS = "figures"
CACHE_SECONDS = 60 * 60  # an upper bound on staleness should a write path be missed

try:  # a shared cache server (CACHE_URL) can be down; the figures are then computed
    from redis.exceptions import RedisError as _CacheServerError
except ImportError:  # pragma: no cover - redis is in requirements.txt
    _CacheServerError = OSError
CACHE_UNAVAILABLE = (_CacheServerError, OSError)

logger = logging.getLogger(__name__)


class _NewToken:
    """The on-commit callback that writes a new token; one pending per transaction is enough.

    It numbers the write, prepares the facet index of the data as they now are under the
    new token (``facet_index.prepare``, through ``before_publishing``), and only then
    publishes the token: readers keep the previous version's figures until the new ones
    are ready instead of all waiting for one rebuild (docs/performance.md), and the
    write's own response, like any later request, sees the new version.
    """

    pending = True

    def __call__(self):
        self.pending = False
        token, generation = secrets.randbits(62), _claim()
        for prepare in _BEFORE_PUBLISHING:
            try:
                prepare(token)
            except Exception:  # the pages compute it instead; the token must still change
                logger.exception("Could not prepare %s for the new data version", prepare)
        _publish(token, generation)


_BEFORE_PUBLISHING = []


def before_publishing(prepare):
    """Register ``prepare(token)``, run after each write commits and before its token is
    published (``facet_index.prepare``; registered when the app is ready)."""
    if prepare not in _BEFORE_PUBLISHING:
        _BEFORE_PUBLISHING.append(prepare)
    return prepare


def _claim():
    """A number for this write, larger than any earlier write's (after its commit)."""
    from django.db.models import F

    from activities.models import DataVersion

    with transaction.atomic():
        if not DataVersion.objects.filter(pk=1).update(claimed=F("claimed") + 1):
            DataVersion.objects.get_or_create(pk=1)
            DataVersion.objects.filter(pk=1).update(claimed=F("claimed") + 1)
        return DataVersion.objects.filter(pk=1).values_list("claimed", flat=True).get()


def _publish(token, generation):
    """Make ``token`` current, unless a later write's token was published already."""
    from activities.models import DataVersion

    DataVersion.objects.filter(pk=1, generation__lt=generation).update(
        token=token, generation=generation, changed_at=timezone.now()
    )


def data_changed():
    """Give the data a new token once the current transaction commits (or now).

    Many writes in one transaction (an admin save sends several signals, a bulk
    delete one per row) ask for one new token.
    """
    if connection.in_atomic_block and any(
        isinstance(entry[1], _NewToken) and entry[1].pending for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_NewToken())


def current_token():
    """The data's current token, or None when there is none (nothing is cached then)."""
    from activities.models import DataVersion

    return DataVersion.objects.filter(pk=1).values_list("token", flat=True).first()


def figures_cache_off():
    """Whether the figures cache is Django's dummy one (the tests' default): nothing is
    kept, so there is nothing to prepare and every figure is computed when asked for."""
    from django.core.cache.backends.dummy import DummyCache

    return isinstance(caches[CACHE_ALIAS], DummyCache)


_READ = object()  # ``cached``'s default: read the token


def cached(name, parts, compute, *, token=_READ):
    """``compute()``, cached under the current token, ``name`` and ``parts`` (a repr-able key).

    Costs one query (the token) on a hit, none when the caller read the token already
    and passes it (None: there is no version, nothing is cached); on a miss, that plus
    ``compute``. A shared cache server that is down or slow (CACHE_URL) costs a
    computation, not the page.
    """
    if token is _READ:
        token = current_token()
    if token is None:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"psd:{name}:{token}:{digest}"
    cache = caches[CACHE_ALIAS]
    try:
        value = cache.get(key)
    except CACHE_UNAVAILABLE as error:
        logger.warning("Figures cache unavailable (%s); computing %s", error, name)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, CACHE_SECONDS)
        except CACHE_UNAVAILABLE as error:
            logger.warning("Figures cache unavailable (%s); not keeping %s", error, name)
    return value


def _changed(sender, **kwargs):
    data_changed()


def connect_signals():
    """Bump the token on every single save or delete of what the figures count."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from activities.models import Activity, Organisation, Place, SharedExperience

    for model in (Activity, Organisation, Place, SharedExperience):
        uid = f"data-version-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _changed,
        sender=Activity.shared_experiences.through,
        dispatch_uid="data-version-activity-shared-experiences",
    )
