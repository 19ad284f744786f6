"""The champions' review queue page, its checks, closings (with a reason) and their undo.

Every action works as a plain form post that comes back to the queue; with htmx (the
request's ``HX-Request`` header) the same URLs answer with the one table row instead,
so a check updates its row in place.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from activities.currency.forms import ClosingForm
from activities.currency.measure import verified_since
from activities.currency.models import PlaceChampion
from activities.currency.queue import (
    ACTIONS,
    CHECKED,
    CLOSED,
    CLOSING_REASON_PREFIX,
    CloseNotUndoable,
    activity_check_record,
    activity_closing_undo,
    queue_for,
    reviewable,
    undoable_closing,
)
from scoping.accounts.permissions import require
from scoping.shared.ids import is_database_id

REVIEW = "activities.change_activity"
PAGE_SIZE = 50
ROW = "activities/currency/_queue_row.html"


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
            "just_closed": _just_closed(request),
        },
    )


@require_POST
@require(REVIEW)
def review_record(request, pk):
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return HttpResponseBadRequest("Choose “checked” or “closed”.")
    activity = _reviewable_or_404(request, pk)
    why = {}
    if action == CLOSED:
        form = ClosingForm(request.POST)
        if not form.is_valid():
            return _closing_form(request, activity, form)
        why = {"reason": form.cleaned_data["reason"], "detail": form.cleaned_data["detail"]}
    activity = activity_check_record(activity_id=activity.pk, action=action, by=request.user, **why)
    if _htmx(request):
        return _row(request, activity, state=action)
    if action == CHECKED:
        messages.success(request, f"“{activity.name}”: recorded as {ACTIONS[action]}.")
        return redirect(reverse("activities:review") + _page_query(request))
    query = _page_query(request) or "?"
    separator = "&" if query != "?" else ""
    return redirect(f"{reverse('activities:review')}{query}{separator}closed={activity.pk}")


@require_GET
@require(REVIEW)
def review_close(request, pk):
    """Ask why before recording a closing (a page, or the row's form with htmx)."""
    activity = _reviewable_or_404(request, pk)
    return _closing_form(request, activity, ClosingForm())


@require_POST
@require(REVIEW)
def review_undo(request, pk):
    activity = _reviewable_or_404(request, pk)
    try:
        activity = activity_closing_undo(activity_id=activity.pk, by=request.user)
    except CloseNotUndoable as refusal:
        if _htmx(request):
            return _row(request, activity, state="not_undone", message=str(refusal))
        messages.error(request, str(refusal))
        return redirect(reverse("activities:review") + _page_query(request))
    if _htmx(request):
        return _row(request, activity, state="undone")
    messages.success(request, f"“{activity.name}”: closing undone; it is back in the queue.")
    return redirect(reverse("activities:review") + _page_query(request))


def _reviewable_or_404(request, pk):
    if not is_database_id(pk):
        raise Http404("No such activity.")
    activity = (
        reviewable(request.user)
        .select_related("place", "organisation", "last_verified_by")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404("No such activity among your places.")
    return activity


def _closing_form(request, activity, form):
    status = 200 if form.is_bound is False or _htmx(request) else 400
    context = {"activity": activity, "form": form, "page_number": _page_number(request)}
    if _htmx(request):
        return _row(request, activity, state="closing", form=form)
    return render(request, "activities/currency/review_close.html", context, status=status)


def _row(request, activity, *, state, form=None, message=""):
    closing = undoable_closing(activity, request.user) if state == CLOSED else None
    return render(
        request,
        ROW,
        {
            "activity": activity,
            "state": state,
            "form": form,
            "message": message,
            "undo_until": closing[1] if closing else None,
            "page_number": _page_number(request),
        },
    )


def _just_closed(request):
    """The activity this champion has just closed (``?closed=pk``), while it may be undone."""
    pk = request.GET.get("closed", "")
    if not pk.isdigit() or not is_database_id(pk):
        return None
    activity = reviewable(request.user).filter(pk=pk).first()
    closing = undoable_closing(activity, request.user) if activity else None
    if closing is None:
        return None
    reason = closing[0].history_change_reason.removeprefix(CLOSING_REASON_PREFIX).strip(" ()")
    return {"activity": activity, "reason": reason, "until": closing[1]}


def _htmx(request):
    return request.headers.get("HX-Request") == "true"


def _page_number(request):
    page = request.POST.get("page") or request.GET.get("page") or ""
    return page if page.isdigit() else ""


def _page_query(request):
    page = _page_number(request)
    return f"?page={page}" if page else ""
