"""The job pages: a user's own jobs, one job's progress and result, cancel, the file.

Nobody sees another's job or file here: any other id answers 404, as a job that does not
exist would. Staff see every job in the admin.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from scoping.accounts.permissions import require
from scoping.jobs.models import Job, JobFile
from scoping.jobs.services import job_active, job_cancel, jobs_fail_stale

LISTED = 50


def _own_job(request, pk):
    return get_object_or_404(Job.objects.visible_to(request.user).defer("input"), pk=pk)


@require()
@require_safe
def job_list(request):
    jobs = list(Job.objects.for_list(request.user)[:LISTED])
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require()
@require_safe
def job_detail(request, pk):
    job = _own_job(request, pk)
    if job.state == Job.State.RUNNING and jobs_fail_stale():
        job.refresh_from_db()
    file = JobFile.objects.filter(job=job).only("name", "size", "expires").first()
    context = {"job": job, "file": file}
    if request.htmx:
        return render(request, "jobs/_job_status.html", context)
    return render(request, "jobs/job_detail.html", context)


@require()
@require_POST
def job_cancel_view(request, pk):
    job = _own_job(request, pk)
    if job.can_cancel:
        job_cancel(job)
    return redirect(job)


@require()
@require_safe
def job_file(request, pk):
    job = _own_job(request, pk)
    file = JobFile.objects.filter(job=job).first()
    if file is None:
        raise Http404("This file has been deleted.")
    response = HttpResponse(bytes(file.data), content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def job_start_once(request, *, kind, start, fallback):
    """Start work that must not run twice (a backup, a snapshot, the interview figures'
    audit) and land on its job page. A second click while one waits or runs lands on that
    one; if it is someone else's (whose page this user may not see), back to ``fallback``
    saying so. ``start()`` returns the new job."""
    active = job_active(kind)
    if active is None:
        return redirect(start())
    if active.owner_id == request.user.pk:
        messages.info(request, "This was already under way: here is how far it has got.")
        return redirect(active)
    messages.warning(
        request,
        f"“{active.title}”, started by someone else, is under way. Try again once it has finished.",
    )
    return redirect(fallback)
