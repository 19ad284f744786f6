"""A token that changes after every committed write to the directory's data.

Facet counts and report figures take a full pass over the activities. They
are cached under the token current when they were computed (see ``cached``),
so any write retires them at once; reading the token is one indexed query.

Single saves, deletes and shared-experience changes bump the token through
signals (connected in ``ActivitiesConfig.ready``); bulk writes, which send no
signals, call ``data_changed`` themselves: the import, seeding, the bulk
creation service, reference data and a restore.

The new token is made by a job (``data_version_recount``), asked for once the writer's
transaction commits: the write's request returns without waiting for the facet index
and report counts of the new data (issue 30: a champion's single check took a second or
more), a rolled-back change asks for nothing, and readers keep the previous version's
figures until the job has prepared the new ones and published the token. One waiting
recount is enough however many writes ask: it reads the data as they are when it
starts; it starts no sooner than ``FIGURES_RECOUNT_GAP_SECONDS`` (a setting) after the
last recount published, so a run of writes is counted once per gap, not once a write. ``figures_as_of`` tells pages how old the figures they show are.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Min, Subquery
from django.utils import timezone
from django_tasks import task

from scoping.jobs.models import Job
from scoping.jobs.running import JobResult, job_run
from scoping.jobs.services import job_start

CACHE_ALIAS = "figures"
CACHE_SECONDS = 60 * 60  # an upper bound on staleness should a write path be missed

try:  # a shared cache server (CACHE_URL) can be down; the figures are then computed
    from redis.exceptions import RedisError as _CacheServerError
except ImportError:  # pragma: no cover - redis is in requirements.txt
    _CacheServerError = OSError
CACHE_UNAVAILABLE = (_CacheServerError, OSError)

logger = logging.getLogger(__name__)


RECOUNT_KIND = "data_version_recount"
FRESH_SECONDS = 60  # figures behind the data by more than this say how old they are
# A recount starts no sooner than settings.FIGURES_RECOUNT_GAP_SECONDS (15 unless set)
# after the last one published its figures: champions writing one after another get one
# recount for the writes of each gap, not one a write, which kept a worker recounting
# without pause and slowed every reader (docs/performance.md, "2026-12-07: the 52-user mix
# with two champions writing").


class _NewToken:
    """The on-commit callback that asks for a new token; one pending per transaction is
    enough. It starts a recount job (``recount_request``) and returns: the write's
    response does not wait for the new version's figures."""

    pending = True

    def __call__(self):
        self.pending = False
        recount_request()


def recount_request():
    """Start a recount job, unless one is waiting already: a waiting job has not read the
    data yet, so it will count this write too (a running one may have read them, so a
    write during a recount asks for another). The job waits on the queue until
    ``FIGURES_RECOUNT_GAP_SECONDS`` after the last recount published (``_recount_task``)."""
    if Job.objects.filter(kind=RECOUNT_KIND, state=Job.State.WAITING).exists():
        return None
    return job_start(
        task=_recount_task(),
        kind=RECOUNT_KIND,
        title="Recount the directory's figures after a change",
        unit="steps",
    )


def _recount_task():
    """The recount task, put off until ``FIGURES_RECOUNT_GAP_SECONDS`` after the last recount
    published its token when that is still to come (a queue that can put tasks off: the
    database's; the tests' immediate backend runs it at once). One query."""
    from activities.models import DataVersion

    if not data_version_recount.get_backend().supports_defer:
        return data_version_recount
    last = DataVersion.objects.filter(pk=1).values_list("changed_at", flat=True).first()
    after = last and last + datetime.timedelta(seconds=settings.FIGURES_RECOUNT_GAP_SECONDS)
    if after and after > timezone.now():
        return data_version_recount.using(run_after=after)
    return data_version_recount


@task(takes_context=True)
def data_version_recount(context, job_id):
    return job_run(job_id, context, _recount)


def _recount(job, progress):
    steps = len(_BEFORE_PUBLISHING)
    progress.total(steps, unit="steps", message="Counting the figures of the changed data.")
    data_version_renew(progress=progress.update)
    return JobResult(message="The figures now count every change made before this started.")


def data_version_renew(progress=None):
    """Number the data as they are now, prepare their facet index and report counts under
    a new token (``before_publishing``), and only then publish the token: readers keep
    the previous version's figures until the new ones are ready (docs/performance.md).
    The recount job's work; a bench or a command may call it to renew at once."""
    token, generation = secrets.randbits(62), _claim()
    for step, prepare in enumerate(_BEFORE_PUBLISHING, start=1):
        try:
            prepare(token)
        except Exception:  # the pages compute it instead; the token must still change
            logger.exception("Could not prepare %s for the new data version", prepare)
        if progress:
            progress(step)
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


def recount_pending():
    """Whether a change waits for its recount (a job waiting or running)."""
    return Job.objects.filter(kind=RECOUNT_KIND, state__in=Job.CANCELLABLE).exists()


def figures_as_of(now=None):
    """When the figures pages show were counted, if a change since has waited for its
    recount more than ``FRESH_SECONDS`` (a busy or stopped worker); else None. One query."""
    from activities.models import DataVersion

    now = now or timezone.now()
    waiting = (
        Job.objects.filter(kind=RECOUNT_KIND, state__in=Job.CANCELLABLE)
        .order_by()
        .values("kind")
        .annotate(first=Min("created"))
        .values("first")
    )
    row = (
        DataVersion.objects.filter(pk=1)
        .annotate(waiting=Subquery(waiting[:1]))
        .values_list("changed_at", "waiting")
        .first()
    )
    if not row or row[1] is None or (now - row[1]).total_seconds() <= FRESH_SECONDS:
        return None
    return row[0] or row[1]


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
