"""A backup of the whole database started from the admin, as a job.

Superusers only (admin: Database backups, "Back up the database now"); ``manage.py
backup_database`` does the same at once. The worker writes the file into ``BACKUPS_DIR``
on its own machine and the job says which file it is. The file is **not** offered for
download: it holds every person's data (identities, transcripts), a job's files are kept
in the database (so a backup would go into the next backup) and any download is one more
copy to track for erasure. Whoever needs it takes it from the backup folder on the server.
Two backups never run at the same time (``locks.exclusive``).
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django_tasks import task

from scoping.jobs.locks import exclusive
from scoping.jobs.running import JobResult, job_run
from scoping.jobs.services import job_start
from scoping.serving.backups import backup_path, database_backup, table_row_counts
from scoping.serving.models import BACKUP_KIND

LOCK = "database backup"


def backup_start(*, user):
    return job_start(
        task=backup_job, kind=BACKUP_KIND, title="Backup of the database", owner=user, unit="steps"
    )


@task(takes_context=True)
def backup_job(context, job_id):
    return job_run(job_id, context, _backup)


def _backup(job, progress):
    progress.total(2, message="Writing the backup.")
    with exclusive(LOCK, job, progress, waiting_message="Waiting for the backup started earlier."):
        written = database_backup(path=backup_path())
        progress.update(1, message="Counting the rows it holds.")
        rows = sum(table_row_counts().values())
    size = filesizeformat(written.stat().st_size)
    return JobResult(
        message=(
            f"Backed up {rows:,} rows to {written.name} ({size}) in the backup folder "
            f"({settings.BACKUPS_DIR}) on the machine that ran it. It stays there: a backup "
            "holds everyone's data, so it is never offered for download."
        )
    )
