"""The transcript pages: the list of interviews, a transcript with its coded passages (and,
for the interview team, the form to code one), and its buttons: anonymise, mark read
through, approve. Each button calls one service, which enforces the same preconditions the page
explains (``services.read_through_blockers``, ``approval_blockers``).

Transcripts: the interview team only (``view_interview``), and every view of one is
logged.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from interviews.coding import services as coding_services
from interviews.coding.double_coding import layer_for, open_double_coding
from interviews.coding.forms import DoubleCodingStartForm, ExcerptForm
from interviews.models import AccessEvent, AnonymisationStatus, CodingLayer, Interview
from interviews.personal_data.access_log import access_record
from interviews.recording.interview_aids import interview_aids
from interviews.rounds.choice import rounds_and_shown
from interviews.transcripts import services
from interviews.transcripts.forms import TranscriptFileForm
from interviews.transcripts.segments import transcript_segments
from scoping.accounts.permissions import require

ACTIONS = {
    "anonymise": (services.transcript_anonymise, "The anonymiser has run on the transcript"),
    "read_through": (
        services.interview_mark_read_through,
        "The transcript is marked as read through",
    ),
    "approve": (services.interview_approve, "The transcript is approved: it can be coded"),
}


@require("interviews.view_interview")
def interview_list(request):
    """One research round's interviews (``?round=``; the current round unless chosen), and
    that round's interviews without consent flagged."""
    rounds, shown = rounds_and_shown(request)
    return render(
        request,
        "interviews/transcripts/interview_list.html",
        {
            "interviews": Interview.objects.for_listing().in_round(shown),
            "rounds": rounds,
            "shown_round": shown,
            "unconsented": Interview.objects.without_consent()
            .in_round(shown)
            .select_related("participant")
            .only("pk", "held_on", "participant__code")
            .order_by("participant__code", "held_on"),
        },
    )


@sensitive_post_parameters("quote", "memo")
@require("interviews.view_interview")
def interview_detail(request, pk):
    """Read a transcript and, for the interview team, code a passage of it."""
    interview = get_object_or_404(
        Interview.objects.select_related(
            "participant__place",
            "participant__consent",
            "participant__identity",
            "guide",
            "approved_by",
            "double_coding__first_coder",
            "double_coding__second_coder",
        ),
        pk=pk,
    )
    layer = layer_for(interview, request.user)  # blind: a coder sees their own coding only
    form = ExcerptForm(
        request.POST or None,
        interview=interview,
        recent=coding_services.recent_themes(request.user),
    )
    if request.method == "POST":
        if not request.user.has_perm("interviews.add_excerpt"):
            return HttpResponse("You may not code transcripts.", status=403)
        if layer is None:
            form.add_error(None, "Two other people are coding this transcript: it is theirs.")
        elif form.is_valid():
            try:
                coding_services.excerpt_create(
                    interview=interview, by=request.user, coding=layer, **form.coding()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Excerpt coded.")
                return redirect("interviews:interview", pk=interview.pk)
    access_record(
        user=request.user,
        participant=interview.participant,
        interview=interview,
        event=AccessEvent.TRANSCRIPT,
    )
    excerpts = list(
        interview.excerpts.filter(coding=layer or CodingLayer.FINAL)
        .prefetch_related("themes")
        .order_by("start", "pk")
    )
    consent_holds = interview.consent_holds()
    double_coding = getattr(interview, "double_coding", None)
    open_pair = open_double_coding(interview)
    return render(
        request,
        "interviews/transcripts/interview_detail.html",
        {
            "interview": interview,
            "segments": transcript_segments(interview.transcript, excerpts),
            "excerpts": excerpts,
            "form": form,
            "can_code": interview.is_approved
            and consent_holds
            and request.user.has_perm("interviews.add_excerpt")
            and layer is not None
            and (open_pair is None or open_pair.finished_on(layer) is None),
            "layer": layer,
            # a coder's finished coding is fixed; the final coding waits while two code
            "may_change_excerpts": layer is not None
            and (open_pair is None or open_pair.finished_on(layer) is None),
            "coder_finished": open_pair is not None
            and layer in (CodingLayer.FIRST, CodingLayer.SECOND)
            and open_pair.finished_on(layer) is not None,
            "double_coding": double_coding,
            "start_two_coders": DoubleCodingStartForm(initial={"first_coder": request.user.pk})
            if double_coding is None and interview.is_approved and consent_holds
            else None,
            "consent_holds": consent_holds,
            "transcript_steps": transcript_steps(interview),
            "file_form": TranscriptFileForm(),
            "aids": interview_aids(interview.participant.place, interview.guide),
        },
    )


def transcript_steps(interview):
    """The three buttons with whether each may be pressed now, and why not."""
    anonymise_blockers = (
        ["The transcript is approved already: it cannot be changed."]
        if interview.is_approved
        else []
    )
    if not interview.transcript.strip() and not interview.is_approved:
        anonymise_blockers.append(
            "The transcript is empty: upload its file above, or add it in data entry, first."
        )
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
            "action": "read_through",
            "label": "Mark as read through",
            "explains": "A person has read the anonymised transcript through, decided every "
            "flagged word, and found nothing that identifies anyone.",
            "done": interview.status
            in (AnonymisationStatus.READ_THROUGH, AnonymisationStatus.APPROVED),
            "blockers": services.read_through_blockers(interview),
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
def transcript_file(request, pk):
    """The transcript page's upload: the file's text replaces the transcript (a draft
    again); the file is read in memory and dropped (``transcript_upload``)."""
    interview = get_object_or_404(Interview.objects.only("pk", "status", "transcript"), pk=pk)
    form = TranscriptFileForm(request.POST, request.FILES)
    if not form.is_valid():
        for message in form.errors.get("file", []):
            messages.error(request, f"Nothing was changed: {message}")
        return redirect("interviews:interview", pk=interview.pk)
    try:
        services.transcript_replace(
            interview=interview, text=form.cleaned_data["file"], by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            f"The transcript is now the file's text ({len(interview.transcript)} characters); "
            "the file itself was not kept. "
            "Next: run the anonymiser.",
        )
    return redirect("interviews:interview", pk=interview.pk)


@require_POST
def transcript_read_through_old_path(request, pk):
    """The step's path before it had a word of its own (``/check/``): a 308, so the browser
    posts again to the new path (a 301 would turn the POST into a GET). The new path checks
    the permissions."""
    return redirect(
        "interviews:transcript_read_through", pk=pk, permanent=True, preserve_request=True
    )


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
