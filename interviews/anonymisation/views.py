"""The Flagged words page of a transcript: the words and numbers the anonymiser flagged,
each redacted or kept with a reason. The interview team only (``view_interview``), and
every view of it is logged."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from interviews.anonymisation import flag_decisions
from interviews.anonymisation.forms import FlagDecisionForm
from interviews.models import AccessEvent, Interview
from interviews.personal_data.access_log import access_record
from scoping.accounts.permissions import require


@sensitive_post_parameters("word", "reason")
@require("interviews.view_interview")
def transcript_flags(request, pk):
    """The Flagged words page: redact each flagged word, or keep it with a reason.

    Approval waits until none is open (``transcripts.services.interview_approve``)."""
    interview = get_object_or_404(Interview.objects.select_related("participant"), pk=pk)
    form = FlagDecisionForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("interviews.change_interview"):
            return HttpResponse("You may not change transcripts.", status=403)
        if form.is_valid():
            try:
                flag_decisions.flag_resolve(
                    interview=interview, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Decision recorded in the redaction log.")
                return redirect("interviews:flags", pk=interview.pk)
    access_record(
        user=request.user,
        participant=interview.participant,
        interview=interview,
        event=AccessEvent.TRANSCRIPT,
    )
    return render(
        request,
        "interviews/anonymisation/flagged_words.html",
        {
            "interview": interview,
            "flags": flag_decisions.open_flags_in_context(interview),
            "form": form,
            "tags": flag_decisions.REDACT_TAGS,
            "can_resolve": not interview.is_approved
            and request.user.has_perm("interviews.change_interview"),
        },
    )
