"""Where an activity runs, as Open Referral service areas: the one place to change
when what an activity covers changes shape.

An activity serves one place, several places or the whole region
(``activities.reference.coverage``); it gets a service area for each place it serves (all
six for a region-wide one). A service area is the place's name with its ONS GSS
code, where known, as ``extent`` and as a statistical-geography URI. Its id is made
from the service's and the place's UUIDs, so it is the same on every request.
"""

from activities.api.identifiers import part_id
from activities.models import Place
from activities.reference.coverage import Coverage, serving_condition

GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{}"

# What ``service_places`` reads, for a queryset's select_related / prefetch_related.
SELECT_RELATED = ("place",)
PREFETCH = ("places",)


def with_places(activities):
    """``activities`` (a list), each able to say which places it serves without a query.

    Region-wide activities serve every place: the places are read once (one query,
    always, so a page's query count does not depend on what is on it).
    """
    every_place = list(Place.objects.order_by("name"))
    for activity in activities:
        activity.every_place = every_place
    return activities


def service_places(activity):
    """The places the activity serves, each once, by name."""
    if activity.coverage == Coverage.REGION:
        return activity.every_place
    if activity.coverage == Coverage.PLACES:
        return sorted(activity.places.all(), key=lambda place: place.name)
    return [activity.place] if activity.place_id else []


def service_areas(activity):
    """The activity's service areas, as the profile's ``service_area`` records."""
    return [
        {
            "id": part_id(activity.uuid, "service_area", place.uuid),
            "service_id": activity.uuid,
            "name": place.name,
            "service_area": place.name,
            "extent": place.gss_code or None,
            "extent_type": "text" if place.gss_code else None,
            "uri": GSS_URI.format(place.gss_code) if place.gss_code else None,
        }
        for place in service_places(activity)
    ]


def serving_place(place_id):
    """Activities that serve the place with this id: its own, shared, region-wide."""
    return serving_condition([place_id])
