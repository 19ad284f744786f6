"""The coding screens and the analysts' theme pages: editing and deleting an excerpt, the
codebook (import, export, merging themes), a theme's excerpts, all excerpts as a workbook
and the theme matrix.

Excerpt editing: the interview team (it shows the transcript's participant). Themes and
excerpts: also Analysts (``view_theme``, ``view_excerpt``), never a transcript or an
identity.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from interviews.coding import services
from interviews.coding.codebook_csv import (
    CodebookError,
    codebook_csv,
    codebook_import,
    codebook_rows,
)
from interviews.coding.codebook_sources import source_comparison
from interviews.coding.double_coding import excerpt_change_blockers, second_coder_hidden
from interviews.coding.excerpt_export import excerpts_workbook
from interviews.coding.forms import CodebookImportForm, ExcerptForm, ThemeMergeForm
from interviews.coding.theme_matrix import theme_matrices, theme_matrix_workbook
from interviews.models import Excerpt, Theme
from interviews.rounds.choice import round_file_name, rounds_and_shown
from scoping.accounts.permissions import require
from scoping.shared.spreadsheets import download


def _refused(request, excerpt):
    """Back to the transcript, saying why, when this person may not change this excerpt
    now (a coder's excerpt is the coder's; the final coding waits while two code)."""
    blockers = excerpt_change_blockers(excerpt, request.user)
    for message in blockers:
        messages.error(request, message)
    return redirect("interviews:interview", pk=excerpt.interview_id) if blockers else None


@sensitive_post_parameters("quote", "memo")
@require("interviews.change_excerpt", "interviews.view_interview")
def excerpt_edit(request, pk):
    excerpt = get_object_or_404(
        Excerpt.objects.select_related("interview__participant", "interview__double_coding"),
        pk=pk,
    )
    interview = excerpt.interview
    refused = _refused(request, excerpt)
    if refused:
        return refused
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
    return render(
        request, "interviews/coding/excerpt_edit.html", {"excerpt": excerpt, "form": form}
    )


@require("interviews.delete_excerpt", "interviews.view_interview")
def excerpt_delete(request, pk):
    """A page that asks first; only its POST deletes."""
    excerpt = get_object_or_404(
        Excerpt.objects.select_related(
            "interview__participant", "interview__double_coding"
        ).prefetch_related("themes"),
        pk=pk,
    )
    interview_pk = excerpt.interview_id
    refused = _refused(request, excerpt)
    if refused:
        return refused
    if request.method == "POST":
        services.excerpt_delete(excerpt=excerpt, by=request.user)
        messages.success(request, "Excerpt deleted.")
        return redirect("interviews:interview", pk=interview_pk)
    return render(request, "interviews/coding/excerpt_delete.html", {"excerpt": excerpt})


@require("interviews.view_theme")
def codebook(request):
    rounds, shown = rounds_and_shown(request)
    counts = {t.pk: t for t in Theme.objects.for_codebook(shown)}
    rows = codebook_rows()
    themes = [(counts[t.pk], t.parent_id is not None) for t in rows]
    return render(
        request,
        "interviews/coding/codebook.html",
        {
            "themes": themes,
            "comparison": source_comparison(rows),
            "import_form": CodebookImportForm(),
            "rounds": rounds,
            "shown_round": shown,
        },
    )


@require("interviews.view_theme", "interviews.view_excerpt")
def theme_detail(request, pk):
    """A theme's excerpts with the participant's place, sector and role, never who they are."""
    theme = get_object_or_404(Theme.objects.select_related("parent"), pk=pk)
    rounds, shown = rounds_and_shown(request)
    in_round = {} if shown is None else {"interview__participant__round": shown}
    return render(
        request,
        "interviews/coding/theme_detail.html",
        {
            "theme": theme,
            "children": theme.children.order_by("name"),
            "rounds": rounds,
            "shown_round": shown,
            "excerpts": Excerpt.objects.filter(themes=theme, **in_round)
            .exclude(interview__in=second_coder_hidden(request.user))
            .for_listing(),
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
    return render(request, "interviews/coding/theme_merge.html", {"form": form})


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
    return download(excerpts_workbook(hidden=second_coder_hidden(request.user)), "excerpts.xlsx")


@require("interviews.view_theme", "interviews.view_excerpt")
def matrix(request):
    rounds, shown = rounds_and_shown(request)
    return render(
        request,
        "interviews/coding/matrix.html",
        {"matrices": theme_matrices(shown), "rounds": rounds, "shown_round": shown},
    )


@require("interviews.view_theme", "interviews.view_excerpt")
def matrix_export(request):
    _, shown = rounds_and_shown(request)
    name = round_file_name("themes-by-place-sector-role", "xlsx", shown)
    return download(theme_matrix_workbook(shown), name)
