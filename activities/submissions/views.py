"""The public "share your activity" page: no sign-in, and nothing else reachable from it."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from activities.submissions.forms import (
    SUBMISSIONS_PER_HOUR,
    SubmissionForm,
    organisation_names,
    over_rate_limit,
    too_large,
)
from activities.submissions.messages import submission_acknowledge

SHARE = "activities/submissions/share.html"


def _form_page(request, form, status=200):
    context = {"form": form, "organisation_names": organisation_names()}
    return render(request, SHARE, context, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def submission_form(request):
    if request.method == "GET":
        return _form_page(request, SubmissionForm())
    if too_large(request):
        return _refused(request, 413, "What you sent is too long. Shorten the description.")
    if over_rate_limit(request):
        return _refused(
            request,
            429,
            f"We can take {SUBMISSIONS_PER_HOUR} activities an hour from one place. "
            "Please try again later.",
        )
    form = SubmissionForm(request.POST)
    if form.is_bot():
        return redirect("activities:share_thanks")
    if not form.is_valid():
        return _form_page(request, form, status=400)
    submission_acknowledge(form.save())
    return redirect("activities:share_thanks")


@login_not_required
def submission_thanks(request):
    return render(request, "activities/submissions/share_thanks.html")


def _refused(request, status, message):
    return render(
        request,
        "activities/submissions/share.html",
        {"form": None, "refusal": message},
        status=status,
    )
