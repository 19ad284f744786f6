"""The interview team's coding screens and the analysts' theme pages.

Transcripts and identities: the Interview team only (``view_interview``,
``view_participantidentity``), and every view of one is logged. Themes and
excerpts: also Analysts (``view_theme``, ``view_excerpt``).
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from interviews.anonymisation import flag_decisions
from interviews.coding import services
from interviews.coding.codebook_csv import (
    CodebookError,
    codebook_csv,
    codebook_import,
    codebook_rows,
)
from interviews.coding.codebook_sources import source_comparison
from interviews.coding.excerpt_export import excerpts_workbook
from interviews.coding.theme_matrix import theme_matrices, theme_matrix_workbook
from interviews.forms import CodebookImportForm, ExcerptForm, FlagDecisionForm, ThemeMergeForm
from interviews.models import AccessEvent, Excerpt, Interview, Participant, Theme
from interviews.personal_data.access_log import access_record
from interviews.personal_data.subject_access import subject_access_export
from interviews.recording.interview_aids import interview_aids
from interviews.transcripts.highlight import transcript_segments
from interviews.transcripts.views import transcript_steps
from scoping.accounts.permissions import require
from scoping.shared.spreadsheets import download


@require("interviews.view_interview")
def interview_list(request):
    return render(
        request,
        "interviews/interview_list.html",
        {
            "interviews": Interview.objects.for_listing(),
            "unconsented": Interview.objects.without_consent()
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
        ),
        pk=pk,
    )
    form = ExcerptForm(
        request.POST or None, interview=interview, recent=services.recent_themes(request.user)
    )
    if request.method == "POST":
        if not request.user.has_perm("interviews.add_excerpt"):
            return HttpResponse("You may not code transcripts.", status=403)
        if form.is_valid():
            try:
                services.excerpt_create(interview=interview, by=request.user, **form.coding())
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
    excerpts = list(interview.excerpts.prefetch_related("themes").order_by("start", "pk"))
    consent_holds = interview.consent_holds()
    return render(
        request,
        "interviews/interview_detail.html",
        {
            "interview": interview,
            "segments": transcript_segments(interview.transcript, excerpts),
            "excerpts": excerpts,
            "form": form,
            "can_code": interview.is_approved
            and consent_holds
            and request.user.has_perm("interviews.add_excerpt"),
            "consent_holds": consent_holds,
            "transcript_steps": transcript_steps(interview),
            "aids": interview_aids(interview.participant.place, interview.guide),
        },
    )


@sensitive_post_parameters("word", "reason")
@require("interviews.view_interview")
def transcript_flags(request, pk):
    """The words the anonymiser flagged for review: redact each, or keep it with a reason.

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
        "interviews/transcript_flags.html",
        {
            "interview": interview,
            "flags": flag_decisions.flags_for_review(interview),
            "form": form,
            "tags": flag_decisions.REDACT_TAGS,
            "can_resolve": not interview.is_approved
            and request.user.has_perm("interviews.change_interview"),
        },
    )


@sensitive_post_parameters("quote", "memo")
@require("interviews.change_excerpt", "interviews.view_interview")
def excerpt_edit(request, pk):
    excerpt = get_object_or_404(Excerpt.objects.select_related("interview__participant"), pk=pk)
    interview = excerpt.interview
    initial = {
        "start": excerpt.start,
        "end": excerpt.end,
        "themes": list(excerpt.themes.all()),
        "memo": excerpt.memo,
    }
    form = ExcerptForm(
        request.POST or None,
        initial=initial,
        interview=interview,
        recent=services.recent_themes(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.excerpt_update(excerpt=excerpt, by=request.user, **form.coding())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Excerpt saved.")
            return redirect("interviews:interview", pk=interview.pk)
    return render(request, "interviews/excerpt_edit.html", {"excerpt": excerpt, "form": form})


@require("interviews.view_participantidentity", "interviews.view_consent")
def participant_identity(request, pk):
    participant = get_object_or_404(
        Participant.objects.select_related("place", "identity", "consent"), pk=pk
    )
    access_record(user=request.user, participant=participant, event=AccessEvent.IDENTITY)
    consent = getattr(participant, "consent", None)
    statements = (
        [(consent._meta.get_field(s).verbose_name, getattr(consent, s)) for s in consent.STATEMENTS]
        if consent
        else []
    )
    return render(
        request,
        "interviews/participant_identity.html",
        {
            "participant": participant,
            "identity": getattr(participant, "identity", None),
            "consent": consent,
            "statements": statements,
        },
    )


@require(
    "interviews.view_participantidentity", "interviews.view_consent", "interviews.view_interview"
)
@never_cache  # personal data: no copy in a browser's or a proxy's cache
def subject_access(request, pk):
    participant = get_object_or_404(Participant.objects.select_related("place"), pk=pk)
    data = subject_access_export(participant=participant, by=request.user)
    return download(
        json.dumps(data, indent=2, ensure_ascii=False),
        f"subject-access-{participant.code}-{timezone.localdate():%Y-%m-%d}.json",
    )


@require("interviews.view_theme")
def codebook(request):
    counts = {t.pk: t for t in Theme.objects.for_codebook()}
    rows = codebook_rows()
    themes = [(counts[t.pk], t.parent_id is not None) for t in rows]
    return render(
        request,
        "interviews/codebook.html",
        {
            "themes": themes,
            "comparison": source_comparison(rows),
            "import_form": CodebookImportForm(),
        },
    )


@require("interviews.view_theme", "interviews.view_excerpt")
def theme_detail(request, pk):
    """A theme's excerpts with the participant's place, sector and role, never who they are."""
    theme = get_object_or_404(Theme.objects.select_related("parent"), pk=pk)
    return render(
        request,
        "interviews/theme_detail.html",
        {
            "theme": theme,
            "children": theme.children.order_by("name"),
            "excerpts": Excerpt.objects.filter(themes=theme).for_listing(),
            "show_memos": request.user.has_perm("interviews.view_interview"),
        },
    )


@require("interviews.change_theme", "interviews.delete_theme")
def theme_merge(request):
    form = ThemeMergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        source, target = form.cleaned_data["source"], form.cleaned_data["target"]
        try:
            services.theme_merge(source=source, target=target)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{source}” merged into “{target}”.")
            return redirect("interviews:theme", pk=target.pk)
    return render(request, "interviews/theme_merge.html", {"form": form})


@require("interviews.view_theme")
def codebook_export(request):
    return download(codebook_csv(), "codebook.csv")


@require_POST
@require("interviews.add_theme", "interviews.change_theme")
def codebook_upload(request):
    form = CodebookImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created, updated = codebook_import(text=form.cleaned_data["file"])
        except CodebookError as error:
            for problem in error.problems:
                messages.error(request, problem)
            messages.error(request, "Nothing was imported.")
        else:
            messages.success(request, f"Codebook imported: {created} new, {updated} updated.")
    else:
        for problem in form.errors.get("file", []):
            messages.error(request, problem)
    return redirect("interviews:codebook")


@require("interviews.view_excerpt")
@never_cache  # quotes: no copy in a browser's or a proxy's cache
def excerpts_export(request):
    return download(excerpts_workbook(), "excerpts.xlsx")


@require("interviews.view_theme", "interviews.view_excerpt")
def matrix(request):
    return render(request, "interviews/matrix.html", {"matrices": theme_matrices()})


@require("interviews.view_theme", "interviews.view_excerpt")
def matrix_export(request):
    return download(theme_matrix_workbook(), "themes-by-place-sector-role.xlsx")
