"""The transcript page's buttons: anonymise, mark checked, approve; and deleting an
excerpt, which asks first. Each button calls one service, which enforces the same
preconditions the page explains (``services.check_blockers``, ``approval_blockers``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from interviews.models import AnonymisationStatus, Excerpt, Interview
from interviews.transcripts import services
from scoping.accounts.permissions import require

ACTIONS = {
    "anonymise": (services.transcript_anonymise, "The anonymiser has run on the transcript"),
    "check": (services.interview_mark_checked, "The transcript is marked as checked"),
    "approve": (services.interview_approve, "The transcript is approved: it can be coded"),
}


def transcript_steps(interview):
    """The three buttons with whether each may be pressed now, and why not."""
    anonymise_blockers = (
        ["The transcript is approved already: it cannot be changed."]
        if interview.is_approved
        else []
    )
    if not interview.transcript.strip() and not interview.is_approved:
        anonymise_blockers.append("The transcript is empty: add it in data entry first.")
    return [
        {
            "action": "anonymise",
            "label": "Run the anonymiser",
            "explains": "Replaces e-mail addresses, phone numbers, postcodes, NHS numbers, "
            "personal web addresses, the participant's names and the names to anonymise "
            "with tags such as [NAME 1]; every replacement is logged.",
            "done": interview.status != AnonymisationStatus.DRAFT,
            "blockers": anonymise_blockers,
        },
        {
            "action": "check",
            "label": "Mark as checked",
            "explains": "A person has read the anonymised transcript and found nothing "
            "that identifies anyone.",
            "done": interview.status in (AnonymisationStatus.CHECKED, AnonymisationStatus.APPROVED),
            "blockers": services.check_blockers(interview),
        },
        {
            "action": "approve",
            "label": "Approve for coding",
            "explains": "An approved transcript can be coded and can no longer be edited.",
            "done": interview.is_approved,
            "blockers": services.approval_blockers(interview),
        },
    ]


@require_POST
@require("interviews.change_interview", "interviews.view_interview")
def transcript_action(request, pk, action):
    interview = get_object_or_404(Interview.objects.select_related("participant__identity"), pk=pk)
    service, done = ACTIONS[action]
    try:
        service(interview=interview, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{done}.")
    return redirect("interviews:interview", pk=interview.pk)


@require("interviews.delete_excerpt", "interviews.view_interview")
def excerpt_delete(request, pk):
    """A page that asks first; only its POST deletes."""
    excerpt = get_object_or_404(
        Excerpt.objects.select_related("interview__participant").prefetch_related("themes"),
        pk=pk,
    )
    interview_pk = excerpt.interview_id
    if request.method == "POST":
        excerpt.delete()
        messages.success(request, "Excerpt deleted.")
        return redirect("interviews:interview", pk=interview_pk)
    return render(request, "interviews/excerpt_delete.html", {"excerpt": excerpt})
