"""A task for the tests: counts to ``params["total"]``, as slowly and as badly as asked."""

import time

from django_tasks import task

from scoping.jobs.running import JobError, JobResult, job_run


@task(takes_context=True)
def count_rows(context, job_id):
    return job_run(job_id, context, _count)


def _count(job, progress):
    params = job.params
    total = params.get("total", 3)
    progress.total(total)
    for number in range(1, total + 1):
        time.sleep(params.get("sleep", 0))
        if params.get("fail_at") == number:
            raise ValueError("a detail only staff should see")
        if params.get("refuse_at") == number:
            raise JobError(f"Row {number} cannot be counted.")
        progress.update(number)
    if params.get("file"):
        return JobResult(
            message="Counted.", file_name="rows.csv", content_type="text/csv", data=b"n\n1\n"
        )
    return JobResult(message=f"Counted {total:,} rows.", url="/", label="Back to the start")
