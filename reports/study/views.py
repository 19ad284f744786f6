"""Views of the study's pages. Each requires its permission, calls one thing and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from activities.directory.disclaimer import DISCLAIMER, DISCLAIMER_SHEET, disclaimer_rows
from activities.models import Place
from interviews.models import Excerpt
from interviews.publication.rules import excerpt_publish, excerpt_unpublish
from interviews.rounds.choice import round_chosen, rounds_and_shown
from reports.interview_figures.panels import rounds_with_figures
from reports.study.findings import findings_page
from reports.study.literature import literature_page
from reports.study.quotes import blind_excerpts, excerpts_for_approval, quotes_by_theme
from reports.study.recommendation_progress import HEADERS, progress_rows, recommendation_progress
from scoping.accounts.permissions import require
from scoping.shared.spreadsheets import csv_text, download, xlsx_bytes

VIEW = "reports.view_report"


@require_GET
def about(request):
    """What the study was, how it scoped, what it counted: for anyone signed in."""
    return render(request, "reports/study/about.html", {"disclaimer": DISCLAIMER})


def _progress(request):
    slug = request.GET.get("place", "")
    places = Place.objects.order_by("name")
    if slug:
        places = places.filter(slug=slug)
    places = list(places)
    if slug and not places:
        raise Http404("No such place.")
    return slug or "region", [HEADERS, *progress_rows(recommendation_progress(places))]


@require_GET
@require(VIEW)
def recommendations_csv(request):
    name, rows = _progress(request)
    return download(csv_text([*disclaimer_rows(), *rows]), f"recommendations-{name}.csv")


@require_GET
@require(VIEW)
def recommendations_xlsx(request):
    name, rows = _progress(request)
    sheets = {DISCLAIMER_SHEET: disclaimer_rows(), "Recommendations": rows}
    return download(xlsx_bytes(sheets), f"recommendations-{name}.xlsx")


@require_GET
@require(VIEW)
def literature(request):
    context = literature_page(request.GET)
    status = 400 if context["form"].errors else 200
    return render(request, "reports/study/literature.html", context, status=status)


@require_GET
@require(VIEW)
def findings(request):
    """What the study found in its interviews, in its words, with the quotes it printed."""
    return render(request, "reports/study/findings.html", findings_page())


@require_GET
@require(VIEW)
def quotes(request):
    """The quotes of a round's latest release (``?interview_round=``, as on the report pages;
    the latest round with released figures unless chosen), by theme, with only the
    attributes allowed."""
    rounds = rounds_with_figures()
    shown = round_chosen(rounds, request.GET.get("interview_round"))
    withheld, themes = quotes_by_theme(shown, hidden=blind_excerpts(request.user))
    return render(
        request,
        "reports/study/quotes.html",
        {
            "themes": themes,
            "withheld": withheld,
            "rounds": rounds,
            "shown_round": shown,
            "round_field": "interview_round",
        },
    )


CODE = "interviews.change_excerpt"


@require_GET
@require(CODE)
def quotes_approval(request):
    """A research round's coded excerpts (``?round=``; the current round unless chosen), to
    approve for publication or withdraw their approval."""
    rounds, shown = rounds_and_shown(request)
    return render(
        request,
        "reports/study/quotes_approval.html",
        {"excerpts": excerpts_for_approval(shown), "rounds": rounds, "shown_round": shown},
    )


def _back_to_approval(excerpt):
    """The approval list of the excerpt's round, at the excerpt."""
    research_round = excerpt.interview.participant.round
    return redirect(
        f"{reverse('study:quotes_approval')}?{urlencode({'round': research_round.slug})}"
        f"#excerpt-{excerpt.pk}"
    )


@require_POST
@require(CODE)
def quote_publish(request, pk):
    excerpt = get_object_or_404(
        Excerpt.objects.select_related("interview__participant__round"), pk=pk
    )
    try:
        excerpt_publish(excerpt=excerpt, by=request.user)
    except ValidationError as error:
        messages.error(request, f"Excerpt {pk} was not approved: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Excerpt {pk} is approved for publication.")
    return _back_to_approval(excerpt)


@require_POST
@require(CODE)
def quote_unpublish(request, pk):
    excerpt = get_object_or_404(
        Excerpt.objects.select_related("interview__participant__round"), pk=pk
    )
    excerpt_unpublish(excerpt=excerpt)
    messages.success(request, f"Excerpt {pk} is no longer approved for publication.")
    return _back_to_approval(excerpt)
