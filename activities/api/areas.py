"""Where an activity runs, as Open Referral service areas: the one place to change
when what an activity covers changes shape.

A service area is one of the six places (with its ONS GSS code, where known, as a
statistical-geography URI). Its id is made from the service's and the place's UUIDs,
so it is the same on every request.
"""

from django.db.models import Q

from .identifiers import part_id

GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{}"

# What ``service_places`` reads, for a queryset's select_related / prefetch_related.
SELECT_RELATED = ("place",)
PREFETCH = ()


def service_places(activity):
    """The places the activity serves, each once."""
    return [activity.place]


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
    """Activities that serve the place with this id."""
    return Q(place_id=place_id)
