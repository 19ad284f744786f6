"""Views of the study's pages. Each checks its permission, calls one thing and renders."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from activities.models import Place
from scoping.permissions import require
from scoping.spreadsheets import csv_text, download, xlsx_bytes

from .literature_review import literature_page
from .recommendation_progress import HEADERS, progress_rows, recommendation_progress

VIEW = "reports.view_report"


@require_GET
def about(request):
    """What the study was, how it scoped, what it counted: for anyone signed in."""
    return render(request, "reports/about.html")


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
    return download(csv_text(rows), f"recommendations-{name}.csv")


@require_GET
@require(VIEW)
def recommendations_xlsx(request):
    name, rows = _progress(request)
    return download(xlsx_bytes({"Recommendations": rows}), f"recommendations-{name}.xlsx")


@require_GET
@require(VIEW)
def literature(request):
    return render(request, "reports/literature.html", literature_page(request.GET))
