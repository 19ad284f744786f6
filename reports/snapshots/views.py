"""The "What changed" page of a place: its activities added, closed and changed since a snapshot."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from activities.models import Place
from reports.figures.views import VIEW
from reports.snapshots.changes import place_changes
from reports.snapshots.store import SINCE, snapshot_chosen
from scoping.accounts.permissions import require


@require_GET
@require(VIEW)
def place_changes_page(request, place_slug):
    place = get_object_or_404(Place, slug=place_slug)
    snapshots, snapshot, error = snapshot_chosen(request.GET.get(SINCE, ""), with_areas=False)
    changes = place_changes(place, snapshot.as_at) if snapshot else None
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
        },
    )
