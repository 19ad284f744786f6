"""The "What changed" page of a place: its activities added, closed and changed since a snapshot."""

from django.forms import CheckboxInput
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from activities.models import Place
from reports.figures.views import INCLUDE_SHARED, VIEW, include_shared_query
from reports.snapshots.changes import place_changes
from reports.snapshots.store import SINCE, snapshot_chosen
from scoping.accounts.permissions import require


@require_GET
@require(VIEW)
def place_changes_page(request, place_slug):
    place = get_object_or_404(Place, slug=place_slug)
    snapshots, snapshot, error = snapshot_chosen(request.GET.get(SINCE, ""), with_areas=False)
    # Read as the report pages' option is (``ReportOptionsForm.include_shared``).
    include = CheckboxInput().value_from_datadict(request.GET, None, INCLUDE_SHARED)
    changes = place_changes(place, snapshot.as_at, include_shared=include) if snapshot else None
    back = request.GET.copy()
    if snapshot:
        back[SINCE] = snapshot.slug
    return render(
        request,
        "reports/snapshots/changes.html",
        {
            "place": place,
            "snapshots": snapshots,
            "snapshot": snapshot,
            "since_error": error,
            "changes": changes,
            "listed_at": timezone.now(),
            "include_shared": include,
            "toggle_query": include_shared_query(back, not include),
            "back_query": include_shared_query(back, include),
        },
    )
