"""The guided flow for a new participant: participant → identity → consent → interview.

Each step saves and leads to the next; every page shows the participant's
progress (``progress.participant_steps``). The interview step shows the
guide's questions, its ground rules, the reflective space and the place's
signposting information.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from interviews.models import (
    AccessEvent,
    Consent,
    Interview,
    Participant,
    ParticipantIdentity,
)
from interviews.personal_data.access_log import access_record
from interviews.recording import services
from interviews.recording.forms import ConsentForm, IdentityForm, InterviewForm, ParticipantForm
from interviews.recording.interview_aids import interview_aids
from interviews.recording.progress import participant_steps
from interviews.rounds.choice import rounds_and_shown
from scoping.accounts.permissions import require


def _participant(pk):
    return get_object_or_404(Participant.objects.for_progress(), pk=pk)


def _page(request, template, participant, current, **context):
    steps = participant_steps(participant, request.user) if participant else []
    return render(
        request,
        template,
        {"participant": participant, "steps": steps, "current": current, **context},
    )


@require("interviews.view_participant", "interviews.view_interview")
def participant_list(request):
    """Everyone recorded in one research round (``?round=``; the current round unless
    chosen), with their progress; that round's interviews without consent flagged."""
    rounds, shown = rounds_and_shown(request)
    participants = Participant.objects.for_progress().in_round(shown).order_by("code")
    return render(
        request,
        "interviews/recording/participant_list.html",
        {
            "participants": participants,
            "rounds": rounds,
            "shown_round": shown,
            "unconsented": Interview.objects.without_consent()
            .in_round(shown)
            .select_related("participant")
            .only("pk", "held_on", "participant__code")
            .order_by("participant__code", "held_on"),
        },
    )


@require("interviews.view_participant", "interviews.view_interview")
def participant_progress(request, pk):
    participant = _participant(pk)
    return _page(
        request,
        "interviews/recording/participant_progress.html",
        participant,
        None,
        visits=participant.shadowing_visits.order_by("started_on"),
    )


@require("interviews.add_participant")
def participant_new(request):
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = form.save()
        messages.success(request, f"{participant.code} added. Next: who they are.")
        return redirect("interviews:flow_identity", pk=participant.pk)
    return _page(
        request, "interviews/recording/flow_participant.html", None, "Participant", form=form
    )


@sensitive_post_parameters("name", "contact", "other_names")
@require("interviews.add_participantidentity", "interviews.change_participantidentity")
def participant_identity_step(request, pk):
    participant = _participant(pk)
    identity = getattr(participant, "identity", None)
    if identity is not None:  # the form shows who they are: as any view of an identity, logged
        identity = ParticipantIdentity.objects.get(pk=identity.pk)
        access_record(user=request.user, participant=participant, event=AccessEvent.IDENTITY)
    form = IdentityForm(
        request.POST or None, instance=identity or ParticipantIdentity(participant=participant)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Identity of {participant.code} saved. Next: their consent.")
        return redirect("interviews:flow_consent", pk=participant.pk)
    return _page(
        request, "interviews/recording/flow_identity.html", participant, "Identity", form=form
    )


@require("interviews.add_consent", "interviews.change_consent")
def participant_consent_step(request, pk):
    participant = _participant(pk)
    consent = getattr(participant, "consent", None) or Consent(participant=participant)
    form = ConsentForm(request.POST or None, instance=consent)
    if request.method == "POST" and form.is_valid():
        consent = form.save(commit=False)
        if consent.collected_by_id is None:
            consent.collected_by = request.user
        consent.save()
        if consent.happy_to_be_interviewed:
            messages.success(request, f"Consent of {participant.code} saved. Next: the interview.")
            return redirect("interviews:flow_interview", pk=participant.pk)
        messages.success(
            request, f"Consent of {participant.code} saved: they did not agree to an interview."
        )
        return redirect("interviews:participant", pk=participant.pk)
    return _page(
        request, "interviews/recording/flow_consent.html", participant, "Consent", form=form
    )


@sensitive_post_parameters("transcript")
@require("interviews.add_interview", "interviews.view_interview")
def participant_interview_step(request, pk):
    participant = _participant(pk)
    consent = getattr(participant, "consent", None)
    if consent is None or not consent.happy_to_be_interviewed:
        # The form has no participant field to hang the model's consent error on.
        messages.error(
            request,
            f"{participant.code} has not consented to be interviewed: record their consent first.",
        )
        return redirect("interviews:flow_consent", pk=participant.pk)
    showing = SHOW_GUIDE in request.POST
    if showing:
        # "Show this guide's questions": the page again with what was typed, nothing saved
        # and no errors yet (the form is not finished); htmx swaps only the questions
        typed = {name: request.POST.get(name) for name in InterviewForm.Meta.fields}
        given = {"initial": typed}
    else:
        given = {"data": request.POST or None, "files": request.FILES or None}
    form = InterviewForm(
        **given, instance=Interview(participant=participant), participant=participant
    )
    _questions_follow_the_guide(form, request.path)
    if request.method == "POST" and not showing and form.is_valid():
        try:
            with transaction.atomic():
                interview = services.interview_create(
                    participant=participant, by=request.user, **form.interview_fields()
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Interview with {participant.code} recorded. Next: anonymise it."
            )
            return redirect("interviews:interview", pk=interview.pk)
    guide = form.chosen_guide()
    return _page(
        request,
        "interviews/recording/flow_interview.html",
        participant,
        "Interview",
        form=form,
        aids=interview_aids(participant.place, guide),
    )


SHOW_GUIDE = "show_guide"  # the interview step's "Show this guide's questions" button


def _questions_follow_the_guide(form, path):
    """Choosing another guide shows its questions at once (htmx swaps the aids above the
    form); without JavaScript the button beside the choice does it."""
    form.fields["guide"].widget.attrs.update(
        {
            "hx-post": path,
            "hx-trigger": "change",
            "hx-target": "#interview-aids",
            "hx-select": "#interview-aids",
            "hx-swap": "outerHTML",
            "hx-vals": f'{{"{SHOW_GUIDE}": "1"}}',
        }
    )
