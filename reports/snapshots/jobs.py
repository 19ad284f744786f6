"""Taking a snapshot from the admin, as a job: the report figures of the region and every
place are read in a worker, with progress in areas, and the job ends with a link to the
snapshot. Superusers (``reports.add_snapshot``) start it (admin: Snapshots, "Take a
snapshot now"); ``manage.py snapshot_take`` does the same work at once. Two snapshots are
never taken at the same time: the second waits (``locks.exclusive``).
"""

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from reports.snapshots.store import SnapshotError, snapshot_take
from scoping.jobs.locks import exclusive
from scoping.jobs.running import JobError, JobResult, job_run
from scoping.jobs.services import job_start

KIND = "snapshot_take"
LOCK = "snapshot"
PERMISSION = "reports.add_snapshot"


def snapshot_start(*, user, name, label="", note=""):
    """A job taking the snapshot ``name`` (checked already by ``snapshot_name_check``)."""
    return job_start(
        task=snapshot_job,
        kind=KIND,
        title=f"Snapshot “{name}”",
        owner=user,
        unit="areas",
        params={"name": name, "label": label, "note": note},
    )


@task(takes_context=True)
def snapshot_job(context, job_id):
    return job_run(job_id, context, _take)


def _take(job, progress):
    params = job.params
    progress.note("Reading the region's and each place's figures.")
    with exclusive(
        LOCK, job, progress, waiting_message="Waiting for the snapshot started earlier."
    ):
        try:
            snapshot = snapshot_take(
                name=params["name"],
                label=params.get("label", ""),
                note=params.get("note", ""),
                user=job.owner,
                progress=lambda done, total: progress.update(done, total=total),
            )
        except SnapshotError as error:
            raise JobError(str(error)) from None
    total = snapshot.areas.get(place_slug="").total
    return JobResult(
        message=(
            f"Snapshot “{snapshot.name}” taken: {total:,} "
            f"{'activity' if total == 1 else 'activities'} in the region, "
            f"as at {timezone.localtime(snapshot.as_at):%d %B %Y %H:%M}."
        ),
        url=reverse("admin:reports_snapshot_change", args=[snapshot.pk]),
        label="See the snapshot",
    )
