"""The region's and each place's summary page, and their exports.

Every view needs the report permission (every role has it; without it a 403
before anything else), reads the options from the query string and builds one
``Report``: a fixed number of queries.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from activities.records.data_version import figures_as_of
from interviews.disclosure.control import SUPPRESSED
from reports.figures import exports
from reports.figures.forms import ReportOptionsForm
from reports.figures.gaps import glance_context
from reports.figures.layout import ACCORDION_ID, report_sections
from reports.figures.place_map import place_map
from reports.figures.summaries import report_build
from reports.snapshots.store import report_change_context
from scoping.accounts.permissions import require
from scoping.shared.chromium_pdf import PdfUnavailable, pdf_bytes
from scoping.shared.spreadsheets import download

VIEW = "reports.view_report"
INCLUDE_SHARED = "include_shared"  # the query parameter of ``ReportOptions.include_shared``


def _report_or_error(request, place_slug):
    """(report, options form to show) for valid options, or (None, form) to say what is wrong."""
    form = ReportOptionsForm(request.GET)
    if not form.is_valid():
        return None, form
    report = report_build(options=form.options(), place_slug=place_slug)
    if report is None:
        raise Http404("No such place.")
    # Shown again unbound, so dates typed as 01/03/2020 come back as the date input's 2020-03-01.
    return report, ReportOptionsForm(initial=form.cleaned_data)


def _options_error(form):
    lines = [f"{field}: {error}" for field, errors in form.errors.items() for error in errors]
    return HttpResponse(
        "The report options are not valid.\n" + "\n".join(lines),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_GET
@require(VIEW)
def region(request):
    return _page(request, None)


@require_GET
@require(VIEW)
def place(request, place_slug):
    return _page(request, place_slug)


def include_shared_query(query, include):
    """``query`` (a QueryDict) with the include-shared option set to ``include``, encoded:
    the page's one link that switches what a place's figures count, without JavaScript."""
    query = query.copy()
    query.pop(INCLUDE_SHARED, None)
    if include:
        query[INCLUDE_SHARED] = "1"
    return query.urlencode()


def _layout_context(report, change, query):
    """The summary's chart, the sections after it (``layout``) and the region's map."""
    if report is None:
        return {}
    glance = glance_context(report)
    # A place's summary shows its sectors; the region's, the map.
    summary_chart = glance["glance_charts"][0] if report.place else None
    return {
        **glance,
        "summary_chart": summary_chart,
        "glance_column": (
            "govuk-grid-column-one-half" if report.place else "govuk-grid-column-one-third"
        ),
        "sections": report_sections(report, change),
        "accordion_id": ACCORDION_ID,
        "place_map": None if report.place else place_map(report, query),
    }


def _page(request, place_slug):
    report, form = _report_or_error(request, place_slug)
    change_context = report_change_context(request, report)
    query = request.GET.urlencode()
    return render(
        request,
        "reports/figures/report.html",
        {
            "report": report,
            "form": form,
            "query": query,
            "suppressed": SUPPRESSED,
            "figures_as_of": figures_as_of() if report else None,
            "toggle_query": include_shared_query(
                request.GET, not (report and report.options.include_shared)
            ),
            **change_context,
            **_layout_context(report, change_context.get("change"), query),
        },
        status=200 if report else 400,
    )


@require_GET
@require(VIEW)
def workbook(request, place_slug=None):
    report, form = _report_or_error(request, place_slug)
    if report is None:
        return _options_error(form)
    return download(exports.workbook_bytes(report), f"peer-support-{place_slug or 'region'}.xlsx")


@require_GET
@require(VIEW)
def table_csv(request, table, place_slug=None):
    report, form = _report_or_error(request, place_slug)
    if report is None:
        return _options_error(form)
    tables = exports.tables(report)
    if table not in tables:
        raise Http404("No such table on this page.")
    _, headers, rows = tables[table]
    name = place_slug or "region"
    text = exports.table_csv_text(headers, rows, as_at=report.computed_at)
    return download(text, f"peer-support-{name}-{table}.csv")


@require_GET
@require(VIEW)
def report_pdf(request, place_slug=None):
    """The page as a PDF, in its print layout (``scoping.shared.chromium_pdf``); when none can be
    made now, a page that says why and how to print it from the browser instead."""
    page = _page(request, place_slug)
    if page.status_code != 200:
        return page
    try:
        content = pdf_bytes(page.content.decode())
    except PdfUnavailable as reason:
        return render(
            request,
            "reports/figures/pdf_unavailable.html",
            {"reason": str(reason), "place_slug": place_slug, "query": request.GET.urlencode()},
            status=503,
        )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"peer-support-{place_slug or 'region'}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
