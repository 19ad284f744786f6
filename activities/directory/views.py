"""The analysts' directory: list with filters and facet counts, detail, exports."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from activities.currency.measure import directory_currency
from activities.directory.disclaimer import DISCLAIMER
from activities.directory.export_jobs import export_is_long, export_start
from activities.directory.figures import facet_figures
from activities.directory.filters import PAGE_SIZES, directory_filters, without_empty
from activities.master_sheet.export import Named, directory_csv, directory_xlsx
from activities.models import Activity, MergedActivity
from activities.records.data_version import figures_as_of
from activities.vocabulary.definitions import facets_with_definitions
from scoping.accounts.permissions import require
from scoping.shared.spreadsheets import download

VIEW = "activities.view_activity"
OTHER_ACTIVITIES_SHOWN = 20


class CountedPaginator(Paginator):
    """A paginator told the total, which the facet query has counted already."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count


class Listed(SimpleNamespace):
    """One result row as the list shows it, read with values_list and the facet index
    rather than built as a model with its related rows (a page's 25 activities were
    about 150 model instances and three queries)."""


class Related(list):
    """Related rows already read, answering ``.all()`` as a prefetched manager would."""

    def all(self):
        return self


class InOrder:
    """The matching rows named by pk, in that order: a page is sliced from it, one query a
    slice (``filters.page_ids``)."""

    FIELDS = ("pk", "name", "organisation__name", "coverage", "place_id", "sector")
    FIELDS += ("delivery_model", "date_scoped", "status")

    def __init__(self, pks, filters):
        self.pks, self.filters = pks, filters

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, part):
        wanted = [int(pk) for pk in self.pks[part]]
        index = self.filters.index()
        places = {p.pk: p for p in self.filters.places}
        found = {}
        for values in Activity.objects.filter(pk__in=wanted).values_list(*self.FIELDS):
            row = Listed(**dict(zip(self.FIELDS, values, strict=True)))
            name = row.organisation__name
            row.organisation = SimpleNamespace(name=name) if name is not None else None
            row.place = places.get(row.place_id)
            served, shared = (set(pks) for pks in index.links_of(row.pk))
            # in the models' own order, as a prefetch gives them
            row.places = Related(p for p in self.filters.places if p.pk in served)
            row.shared_experiences = Related(e for e in self.filters.experiences if e.pk in shared)
            found[row.pk] = row
        return [found[pk] for pk in wanted if pk in found]


@require(VIEW)
def activity_list(request):
    in_use = without_empty(request.GET)
    if in_use != request.GET:
        # The filter form sends every field; the address keeps only those in use.
        return redirect(reverse("activities:list") + (f"?{in_use.urlencode()}" if in_use else ""))
    filters = directory_filters(request.GET)
    counts, experience_counts, verified = facet_figures(filters)
    per_page = filters.cleaned("per_page", PAGE_SIZES[0])
    ids = filters.page_ids()
    rows = filters.results().for_directory() if ids is None else InOrder(ids, filters)
    paginator = CountedPaginator(rows, per_page, count=counts["total"])
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/directory/activity_list.html",
        {
            "filters": filters,
            "form": filters.form,
            "page": page,
            "total": counts["total"],
            "facets": facets_with_definitions(
                filters.facets(counts, experience_counts), filters.experiences
            ),
            "active_filters": filters.active_filters(),
            "query": query.urlencode(),
            "list_query": request.GET.urlencode(),
            "disclaimer": DISCLAIMER,
            "order": filters.order(),
            "per_page": str(per_page),
            "currency": directory_currency(filters.places, verified),
            "figures_as_of": figures_as_of(),
        },
    )


@require(VIEW)
def activity_detail(request, pk):
    activity = (
        Activity.objects.select_related("place", "organisation")
        .prefetch_related("shared_experiences")
        .filter(pk=pk)
        .first()
    )
    if activity is None:  # merged into another (activities/duplicates/): its link leads there
        survivor = get_object_or_404(MergedActivity.objects.values("survivor_id"), activity_pk=pk)
        return redirect("activities:detail", pk=survivor["survivor_id"], permanent=True)
    others, other_count = [], 0
    if activity.organisation_id:
        siblings = Activity.objects.filter(organisation_id=activity.organisation_id).exclude(
            pk=activity.pk
        )
        others = list(
            siblings.select_related("place").order_by("name", "pk")[:OTHER_ACTIVITIES_SHOWN]
        )
        other_count = siblings.count() if len(others) == OTHER_ACTIVITIES_SHOWN else len(others)
    return render(
        request,
        "activities/directory/activity_detail.html",
        {
            "activity": activity,
            "others": others,
            "other_count": other_count,
            "list_query": request.GET.urlencode(),
        },
    )


def _export(request, extension, content, *, streaming=False):
    """The list's results as a download; with an invalid value, back to the list, which says which."""
    filters = directory_filters(request.GET)
    if not filters.is_valid():
        return redirect(reverse("activities:list") + "?" + request.GET.urlencode())
    file_name = f"activities-{timezone.localdate().isoformat()}.{extension}"
    # In name or relevance order the matching pks come from the facet index, as a list
    # page's do.
    ids = filters.page_ids() if filters.is_filtered() else None
    rows = filters.results() if ids is None else Named(ids.tolist(), filters.index())
    count = len(ids) if ids is not None else rows.count()
    if export_is_long(count):  # written by a worker; the analyst follows it on its page
        query = request.GET.urlencode()
        return redirect(
            export_start(user=request.user, query=query, extension=extension, rows=count)
        )
    return download(content(rows), file_name, streaming=streaming)


@require(VIEW)
def activity_export_csv(request):
    return _export(request, "csv", directory_csv, streaming=True)


@require(VIEW)
def activity_export_xlsx(request):
    return _export(request, "xlsx", directory_xlsx)
