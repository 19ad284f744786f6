"""The champions' possible-duplicates list and the merge's confirm page.

Both need ``change_activity``; the list shows the pairs a champion's places are part of
(every pair for a champion of no place), the merge needs one of the two to serve a place
they look after. A merge is a plain form post; nothing happens on the confirm page's GET.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from activities.currency.models import PlaceChampion
from activities.duplicates.finder import PAIRS_SHOWN, duplicate_pairs
from activities.duplicates.matching import THRESHOLD, similarity, words
from activities.duplicates.merge import (
    MergeRefused,
    activities_merge,
    merge_allowed,
    merged_coverage,
)
from activities.records.models import Activity
from activities.reference.models import Place
from scoping.accounts.permissions import require
from scoping.shared.ids import is_database_id

CHAMPION = "activities.change_activity"
COMPARED = [
    "organisation",
    "sector",
    "main_focus",
    "delivery_model",
    "delivered_by",
    "status",
    "website",
    "venue",
    "contact",
    "last_verified",
    "uuid",
]


@require_GET
@require(CHAMPION)
def duplicate_list(request):
    place_ids = PlaceChampion.objects.place_ids_for(request.user)
    places = list(Place.objects.order_by("name").values_list("pk", "name"))
    pairs, total = duplicate_pairs(place_ids, [pk for pk, _ in places])
    context = {
        "pairs": pairs,
        "total": total,
        "shown": PAIRS_SHOWN,
        "threshold": THRESHOLD,
        "place_names": [name for pk, name in places if place_ids is None or pk in place_ids],
        "every_place": place_ids is None,
    }
    return render(request, "activities/duplicates/duplicate_list.html", context)


@require_http_methods(["GET", "POST"])
@require(CHAMPION)
def duplicate_merge(request, keep, other):
    survivor, merged = _pair_or_404(request, keep, other)
    if request.method == "POST":
        versions = {survivor.pk: request.POST.get("keep_version"), merged.pk: None}
        versions[merged.pk] = request.POST.get("other_version")
        try:
            versions = {pk: int(seen) for pk, seen in versions.items() if seen}
            survivor = activities_merge(
                survivor_id=survivor.pk, other_id=merged.pk, by=request.user, versions=versions
            )
        except ValueError as refusal:
            message = str(refusal) if isinstance(refusal, MergeRefused) else "Open the page again."
            return _confirm(request, survivor, merged, error=message, status=409)
        messages.success(
            request,
            f"Merged: “{survivor.name}” now serves {survivor.serves_text()}; the other's links "
            "lead here.",
        )
        return redirect("activities:detail", pk=survivor.pk)
    return _confirm(request, survivor, merged)


def _pair_or_404(request, keep, other):
    if not (is_database_id(keep) and is_database_id(other)) or keep == other:
        raise Http404("No such pair of activities.")
    found = (
        Activity.objects.select_related("organisation", "place")
        .prefetch_related("places", "shared_experiences")
        .in_bulk([keep, other])
    )
    if len(found) != 2 or not merge_allowed(request.user, found[keep], found[other]):
        raise Http404("No such pair of activities among your places.")
    return found[keep], found[other]


def _confirm(request, survivor, other, *, error="", status=200):
    coverage, places = merged_coverage(survivor, other)
    probe = Activity(coverage=coverage)
    if coverage == Activity.Coverage.PLACE:
        probe.place = Place.objects.get(pk=places[0])
    names = sorted(Place.objects.filter(pk__in=places).values_list("name", flat=True))
    rows = [
        (
            Activity._meta.get_field(name).verbose_name.capitalize(),
            _shown(survivor, name),
            _shown(other, name),
        )
        for name in COMPARED
    ]
    context = {
        "survivor": survivor,
        "other": other,
        "rows": rows,
        "serves": probe.serves_text(names) if coverage != Activity.Coverage.PLACE else names[0],
        "similarity": round(similarity(words(survivor.name), words(other.name))),
        "error": error,
        "swap_url": reverse("activities:duplicates_merge", args=[other.pk, survivor.pk]),
    }
    return render(request, "activities/duplicates/merge_confirm.html", context, status=status)


def _shown(activity, name):
    value = getattr(activity, f"get_{name}_display", lambda: getattr(activity, name))()
    if value in (None, ""):
        return "Not recorded"
    return value
