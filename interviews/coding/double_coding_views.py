"""Two coders of a transcript: naming them, each saying they have finished, the comparison
of their codings (agreement per theme, disagreements side by side) and settling them into
the final coding; and the themes' co-occurrence table.

Double coding and the comparison: the interview team only (they show the transcript's
passages; every view of the comparison is logged as a view of the transcript). The
co-occurrence table: also Analysts, whose counts of 1 or 2 participants are not shown, as
in every download of it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from interviews.coding import double_coding as services
from interviews.coding.co_occurrence import co_occurrence_csv, theme_pairs
from interviews.coding.forms import DoubleCodingStartForm
from interviews.models import AccessEvent, DoubleCoding, Interview
from interviews.personal_data.access_log import access_record
from interviews.rounds.choice import round_file_name, rounds_and_shown
from scoping.accounts.permissions import require
from scoping.shared.spreadsheets import download


def _interview(pk):
    return get_object_or_404(
        Interview.objects.select_related(
            "participant",
            "double_coding__first_coder",
            "double_coding__second_coder",
            "double_coding__settled_by",
        ),
        pk=pk,
    )


def _double_coding(interview):
    try:
        return interview.double_coding
    except DoubleCoding.DoesNotExist:
        return None


@require_POST
@require("interviews.add_excerpt", "interviews.view_interview")
def double_coding_start(request, pk):
    interview = _interview(pk)
    form = DoubleCodingStartForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"No second coder yet: {message}")
        return redirect("interviews:interview", pk=interview.pk)
    try:
        services.double_coding_start(interview=interview, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            "Two coders now code this transcript, each without seeing the other's excerpts.",
        )
    return redirect("interviews:interview", pk=interview.pk)


@require_POST
@require("interviews.add_excerpt", "interviews.view_interview")
def coder_finished(request, pk):
    interview = _interview(pk)
    double_coding = _double_coding(interview)
    try:
        if double_coding is None:
            raise ValidationError("This transcript has one coder.")
        double_coding = services.coder_finish(double_coding=double_coding, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("interviews:interview", pk=interview.pk)
    if double_coding.both_finished:
        messages.success(request, "Both coders have finished: compare and settle the codings.")
        return redirect("interviews:agreement", pk=interview.pk)
    messages.success(request, "Your coding is fixed. The comparison opens when the other finishes.")
    return redirect("interviews:interview", pk=interview.pk)


@require("interviews.view_interview", "interviews.view_excerpt")
def agreement(request, pk):
    """The two codings compared, once both coders have finished (never before: blind)."""
    interview = _interview(pk)
    double_coding = _double_coding(interview)
    compared = None
    if double_coding is not None and double_coding.both_finished:
        access_record(
            user=request.user,
            participant=interview.participant,
            interview=interview,
            event=AccessEvent.TRANSCRIPT,
        )
        compared = services.comparison(interview)
    return render(
        request,
        "interviews/coding/agreement.html",
        {
            "interview": interview,
            "double_coding": double_coding,
            "compared": compared,
            "chosen": {},
            "may_settle": double_coding is not None
            and double_coding.is_open
            and double_coding.layer_of(request.user) is not None
            and request.user.has_perms(["interviews.add_excerpt", "interviews.delete_excerpt"]),
        },
    )


@require_POST
@require("interviews.add_excerpt", "interviews.delete_excerpt", "interviews.view_interview")
def agreement_settle(request, pk):
    interview = _interview(pk)
    double_coding = _double_coding(interview)
    if double_coding is None:
        messages.error(request, "This transcript has one coder: there is nothing to settle.")
        return redirect("interviews:interview", pk=interview.pk)
    choices = {}
    for name, value in request.POST.items():
        number = name.removeprefix("disagreement-")
        if number != name and number.isdigit() and len(number) < 6:
            choices[int(number)] = value
    try:
        kept, removed = services.double_coding_settle(
            double_coding=double_coding, choices=choices, by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("interviews:agreement", pk=interview.pk)
    messages.success(
        request,
        f"Settled: the final coding has {kept} excerpt(s); {removed} earlier final excerpt(s) "
        "that were not kept are deleted.",
    )
    return redirect("interviews:interview", pk=interview.pk)


@require("interviews.view_theme", "interviews.view_excerpt")
def co_occurrence(request):
    within_team = request.user.has_perm("interviews.view_interview")
    rounds, shown = rounds_and_shown(request)
    return render(
        request,
        "interviews/coding/co_occurrence.html",
        {
            "pairs": theme_pairs(protected=not within_team, research_round=shown),
            "within_team": within_team,
            "rounds": rounds,
            "shown_round": shown,
        },
    )


@require("interviews.view_theme", "interviews.view_excerpt")
def co_occurrence_export(request):
    _, shown = rounds_and_shown(request)
    return download(co_occurrence_csv(shown), round_file_name("theme-co-occurrence", "csv", shown))
