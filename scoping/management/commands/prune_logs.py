from django.conf import settings
from django.core.management.base import BaseCommand

from scoping.serving.housekeeping import logs_prune


def _count(n, thing):
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _addresses(n):
    return f"{n} sender's e-mail address{'' if n == 1 else 'es'}"


class Command(BaseCommand):
    help = (
        "Delete sign-in records older than SIGN_IN_LOG_DAYS (90) and API uses older than "
        "API_USE_LOG_DAYS (365), the e-mail addresses of shared activities never decided "
        "after SUBMITTER_EMAIL_DAYS (90), job files past JOB_FILES_DAYS (7), finished jobs and queue rows "
        "older than JOBS_KEEP_DAYS (30). Run daily; make serve runs it as it starts."
    )

    def handle(self, *args, **options):
        deleted = logs_prune()
        self.stdout.write(
            f"Deleted {_count(deleted['sign-in records'], 'sign-in record')} older than "
            f"{settings.SIGN_IN_LOG_DAYS} days and {_count(deleted['API uses'], 'API use')} "
            f"older than {settings.API_USE_LOG_DAYS} days; "
            f"{_addresses(deleted['sender addresses'])} older than "
            f"{settings.SUBMITTER_EMAIL_DAYS} days; "
            f"{_count(deleted['job files'], 'expired job file')}, "
            f"{_count(deleted['jobs'], 'finished job')} and "
            f"{_count(deleted['queue rows'], 'queue row')} older than {settings.JOBS_KEEP_DAYS} days."
        )
