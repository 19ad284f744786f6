"""The directory's large exports as jobs: more than ``INSTANT_ROWS`` matching rows.

A workbook of 120,000 activities took about a minute to write inside the request, long
enough for a busy server to time it out (issue 30). Above ``INSTANT_ROWS`` rows the
export view starts a job instead and sends the analyst to its page (``scoping/jobs/``),
where the progress counts rows and the result is the file: only its owner may download
it, and it is kept ``JOB_FILES_DAYS`` days. Smaller exports stay instant.

The job writes the same file the instant export would (the writers in
``activities/master_sheet/export.py``), for the filters as they were asked, with the
rows named by pk in the order in force, as a filtered list page names them.
"""

from django.http import QueryDict
from django.utils import timezone
from django_tasks import task

from activities.directory.filters import directory_filters
from activities.master_sheet.export import Named, directory_csv, directory_xlsx
from scoping.jobs.running import JobError, JobResult, job_run
from scoping.jobs.services import job_start
from scoping.shared.spreadsheets import CONTENT_TYPES

INSTANT_ROWS = 5000
KIND = "directory_export"


def export_is_long(rows):
    """Whether an export of ``rows`` rows runs as a job rather than in the request."""
    return rows > INSTANT_ROWS


def export_start(*, user, query, extension, rows):
    """A job writing the directory's results for ``query`` (the export's query string)
    as a ``extension`` file ("csv" or "xlsx"); ``rows``, the count the view saw, names it."""
    file_name = f"activities-{timezone.localdate().isoformat()}.{extension}"
    return job_start(
        task=directory_export,
        kind=KIND,
        title=f"Export of {rows:,} activities as .{extension}",
        owner=user,
        params={"query": query, "extension": extension, "file_name": file_name},
    )


class _Counted(list):
    """Pks in order that tell the job's progress how far the writer has read: the writer
    reads ``Named`` pks a slice at a time (``export._rows``, 900 a query)."""

    def __init__(self, pks, progress):
        super().__init__(pks)
        self.progress = progress

    def __getitem__(self, part):
        if isinstance(part, slice):
            self.progress.update(min(part.start or 0, len(self)))
        return super().__getitem__(part)


def _pks_in_order(filters):
    """Every matching pk in the order in force: from the facet index, as a list page
    names its rows, or for the orders the database sorts, one query for the pks."""
    ids = filters.page_ids()
    if ids is not None:
        return [int(pk) for pk in ids]
    return list(filters.results().values_list("pk", flat=True))


@task(takes_context=True)
def directory_export(context, job_id):
    return job_run(job_id, context, _export)


def _export(job, progress):
    filters = directory_filters(QueryDict(job.params["query"]))
    if not filters.is_valid():
        raise JobError(
            "The filters are no longer valid; go back to the directory and export again."
        )
    extension, file_name = job.params["extension"], job.params["file_name"]
    pks = _pks_in_order(filters)
    progress.total(len(pks), unit="rows", message=f"Writing {len(pks):,} activities.")
    rows = Named(_Counted(pks, progress), filters.index())
    if extension == "xlsx":
        data = directory_xlsx(rows)
    else:
        data = "".join(directory_csv(rows)).encode("utf-8")
    progress.update(len(pks))
    return JobResult(
        message=f"Wrote {len(pks):,} activities to {file_name}.",
        file_name=file_name,
        content_type=CONTENT_TYPES[extension],
        data=data,
    )
