"""The master-sheet import as jobs: the preview (a dry run) and the import it confirms.

Both run in a worker (``scoping/jobs/``), reporting progress in rows. The import keeps
the importer's guarantees: every row or none in one transaction, the preview's stale
check at confirm (``apply.plan_check_against_preview``), errors named by sheet, row and
field. Two imports never overlap: the second waits for the first (``locks.exclusive``).
"""

from django.urls import reverse
from django_tasks import task

from activities.master_sheet.apply import StalePlan, master_sheet_import
from activities.models import ImportRun
from scoping.jobs.locks import exclusive
from scoping.jobs.running import JobError, JobResult, job_run
from scoping.jobs.services import job_start

LOCK = "master sheet import"
WAITING = "Waiting for the import started earlier to finish."


def preview_start(*, data, file_name, user, source=ImportRun.Source.ADMIN):
    """A job that previews ``data`` (bytes); its page ends with a link to the preview."""
    return job_start(
        task=sheet_preview,
        kind="master_sheet_preview",
        title=f"Preview of {file_name}",
        owner=user,
        params={"file_name": file_name[:255], "source": source},
        input=data,
    )


def import_start(*, preview, user):
    """A job that imports the previewed sheet, refusing if the directory changed since."""
    return job_start(
        task=sheet_import,
        kind="master_sheet_import",
        title=f"Import of {preview.file_name}",
        owner=user,
        params={"preview": preview.pk},
    )


def file_import_start(*, data, file_name):
    """``import_master_sheet --background``: plan and apply in a worker, no preview."""
    return job_start(
        task=sheet_import,
        kind="master_sheet_import",
        title=f"Import of {file_name}",
        params={"file_name": file_name[:255]},
        input=data,
    )


def _run_link(run):
    if run.source == ImportRun.Source.ADMIN and run.outcome != ImportRun.Outcome.APPLIED:
        return reverse("admin:activities_importrun_preview", args=[run.pk]), "See the preview"
    return reverse("admin:activities_importrun_change", args=[run.pk]), "See the import's record"


@task(takes_context=True)
def sheet_preview(context, job_id):
    return job_run(job_id, context, _preview)


def _preview(job, progress):
    run, plan = master_sheet_import(
        data=bytes(job.input),
        file_name=job.params["file_name"],
        user=job.owner,
        source=job.params.get("source", ImportRun.Source.ADMIN),
        dry_run=True,
        progress=progress.update,
    )
    if plan is None:
        raise JobError(" ".join(run.problems) or "The file could not be read.")
    url, label = _run_link(run)
    errors = f", {run.errors:,} errors" if run.errors else ""
    return JobResult(
        message=f"Previewed {run.file_name}: {run.new:,} new, {run.updated:,} updated, "
        f"{run.unchanged:,} unchanged{errors}. Nothing is imported until you confirm.",
        url=url,
        label=label,
    )


@task(takes_context=True)
def sheet_import(context, job_id):
    return job_run(job_id, context, _import)


def _import(job, progress):
    preview = None
    if "preview" in job.params:
        preview = (
            ImportRun.objects.filter(pk=job.params["preview"]).defer("upload", "kept_rows").first()
        )
        data, kept = (
            ImportRun.objects.filter(pk=job.params["preview"], outcome=ImportRun.Outcome.DRY_RUN)
            .values_list("upload", "kept_rows")
            .first()
        ) or (None, None)
        if preview is None or data is None:
            raise JobError(
                "This preview was already imported or has expired; upload the sheet again."
            )
        file_name, source = preview.file_name, ImportRun.Source.ADMIN
    else:
        data, kept = job.input, None
        file_name, source = job.params["file_name"], ImportRun.Source.COMMAND
    with exclusive(LOCK, job, progress, waiting_message=WAITING):
        try:
            run, plan = master_sheet_import(
                data=bytes(data),
                file_name=file_name,
                user=job.owner,
                source=source,
                preview=preview,
                kept=kept,
                progress=progress.update,
            )
        except StalePlan as error:
            raise JobError(str(error)) from None
    if preview is not None:
        ImportRun.objects.filter(pk=preview.pk).update(upload=None, kept_rows=None)
    if plan is None or run.outcome != ImportRun.Outcome.APPLIED:
        url, label = _run_link(run)
        problems = "" if plan is not None else " " + " ".join(run.problems)
        raise JobError(
            f"The sheet has errors; nothing was imported.{problems}", url=url, label=label
        )
    url, label = _run_link(run)
    return JobResult(
        message=f"Imported {file_name}: {run.new:,} new, {run.updated:,} updated, "
        f"{run.unchanged:,} unchanged.",
        url=url,
        label=label,
    )
