"""The REFI-QDA page of the interview team: the coded interviews as a ``.qdpx`` download,
and a REFI-QDA file's codebook read in. The interview team only: the file holds
transcripts."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from interviews.coding.codebook_csv import CodebookError
from interviews.coding.double_coding import second_coder_hidden
from interviews.exchange.codebook_file import codebook_import_refi
from interviews.exchange.forms import RefiCodebookForm
from interviews.exchange.project_file import exported_interviews, qdpx_export
from interviews.models import Excerpt, Theme
from interviews.rounds.choice import rounds_and_shown
from scoping.accounts.permissions import require

QDPX_CONTENT_TYPE = "application/zip"  # a .qdpx is a zip; no type of its own is registered


@require("interviews.view_interview", "interviews.view_excerpt", "interviews.view_theme")
def exchange(request):
    """What a round's project file holds (``?round=``; the current round unless chosen)."""
    rounds, shown = rounds_and_shown(request)
    hidden = list(second_coder_hidden(request.user).values_list("interview_id", flat=True))
    interviews = exported_interviews(shown, hidden)
    return render(
        request,
        "interviews/exchange/exchange.html",
        {
            "rounds": rounds,
            "shown_round": shown,
            "blind": exported_interviews(shown).filter(pk__in=hidden).count() if hidden else 0,
            "transcripts": interviews.count(),
            "excerpts": Excerpt.objects.final().filter(interview__in=interviews).count(),
            "themes": Theme.objects.count(),
            "form": RefiCodebookForm(),
        },
    )


@require("interviews.view_interview", "interviews.view_excerpt", "interviews.view_theme")
@never_cache  # transcripts: no copy in a browser's or a proxy's cache
def exchange_export(request):
    _, shown = rounds_and_shown(request)
    qdpx = qdpx_export(
        by=request.user, research_round=shown, hidden=second_coder_hidden(request.user)
    )
    response = HttpResponse(qdpx.data, content_type=QDPX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, qdpx.file_name)
    return response


@require_POST
@require("interviews.view_interview", "interviews.add_theme", "interviews.change_theme")
def exchange_codebook_import(request):
    form = RefiCodebookForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created, updated = codebook_import_refi(data=form.cleaned_data["file"])
        except CodebookError as error:
            for problem in error.problems:
                messages.error(request, problem)
            messages.error(request, "Nothing was imported.")
        else:
            messages.success(
                request,
                f"Codebook imported from the REFI-QDA file: {created} new, {updated} updated.",
            )
            return redirect("interviews:codebook")
    else:
        for problem in form.errors.get("file", []):
            messages.error(request, problem)
    return redirect("interviews:exchange")
