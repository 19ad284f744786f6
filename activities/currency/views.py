"""The champions' review queue page, and its one-click checks."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from activities.currency.measure import verified_since
from activities.currency.models import PlaceChampion
from activities.currency.queue import ACTIONS, activity_check_record, queue_for
from activities.models import Activity
from scoping.accounts.permissions import require
from scoping.shared.ids import is_database_id

REVIEW = "activities.change_activity"
PAGE_SIZE = 50


@require_GET
@require(REVIEW)
def review_queue(request):
    paginator = Paginator(queue_for(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    places = PlaceChampion.objects.filter(user=request.user).select_related("place")
    return render(
        request,
        "activities/currency/review_queue.html",
        {
            "page": page,
            "places": [p.place for p in places] if not request.user.is_superuser else [],
            "since": verified_since(),
            "actions": ACTIONS,
        },
    )


@require_POST
@require(REVIEW)
def review_record(request, pk):
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return HttpResponseBadRequest("Choose “checked” or “closed”.")
    if not is_database_id(pk):
        raise Http404("No such activity.")
    try:
        activity = activity_check_record(activity_id=pk, action=action, by=request.user)
    except Activity.DoesNotExist:
        raise Http404("No such activity among your places.") from None
    messages.success(request, f"“{activity.name}”: recorded as {ACTIONS[action]}.")
    return redirect(reverse("activities:review") + _page_query(request))


def _page_query(request):
    page = request.POST.get("page", "")
    return f"?page={page}" if page.isdigit() else ""
