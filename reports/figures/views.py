"""The region's and each place's summary page, and their exports.

Every view needs the report permission (every role has it; without it a 403
before anything else), reads the options from the query string and builds one
``Report``: a fixed number of queries.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from activities.records.data_version import figures_as_of
from interviews.disclosure.control import SUPPRESSED
from reports.figures import exports
from reports.figures.forms import ReportOptionsForm
from reports.figures.gaps import glance_context
from reports.figures.summaries import report_build
from reports.snapshots.store import report_change_context
from scoping.accounts.permissions import require
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


def _page(request, place_slug):
    report, form = _report_or_error(request, place_slug)
    return render(
        request,
        "reports/figures/report.html",
        {
            "report": report,
            "form": form,
            "query": request.GET.urlencode(),
            "suppressed": SUPPRESSED,
            "figures_as_of": figures_as_of() if report else None,
            "toggle_query": include_shared_query(
                request.GET, not (report and report.options.include_shared)
            ),
            **report_change_context(request, report),
            **glance_context(report),
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
