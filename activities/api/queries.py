"""The API's query parameters, its pages, and the activities it serves.

Parameters are checked by serializers (so the OpenAPI document states their limits)
and a bad one is a 400 naming the parameter and what is allowed. A page costs the
same number of queries whatever its size and however many activities there are:
one count, one for the page's rows (with organisation and place), one each for
their shared experiences and the places of several-place ones, and the places (for
region-wide ones).
"""

import math

from rest_framework import exceptions, serializers

from activities.api import areas
from activities.api.identifiers import service_of
from activities.api.taxonomies import find_term, taxonomy_condition
from activities.models import Activity

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
MAX_PAGE = 1_000_000
MAX_SEARCH = 200


class PageQuery(serializers.Serializer):
    page = serializers.IntegerField(
        required=False, default=1, min_value=1, max_value=MAX_PAGE, help_text="Page number."
    )
    per_page = serializers.IntegerField(
        required=False,
        default=DEFAULT_PER_PAGE,
        min_value=1,
        max_value=MAX_PER_PAGE,
        help_text="Results per page.",
    )


class ServiceQuery(PageQuery):
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_SEARCH,
        trim_whitespace=True,
        help_text="Free text in the name, organisation, venue or notes.",
    )
    taxonomy_term_id = serializers.UUIDField(
        required=False, help_text="Services with this taxonomy term (an attribute's term)."
    )
    taxonomy_id = serializers.UUIDField(
        required=False, help_text="Services with any term of this taxonomy."
    )
    organization_id = serializers.UUIDField(
        required=False, help_text="Services this organisation runs."
    )
    modified_after = serializers.DateTimeField(
        required=False, help_text="Services changed on or after this date and time."
    )


class TermQuery(PageQuery):
    taxonomy_id = serializers.UUIDField(
        required=False, help_text="Only the terms of this taxonomy."
    )


def parameters(query_class, request):
    """The request's checked parameters, or a 400 that says which one is wrong and why."""
    # A plain dict, not the QueryDict: an empty "?taxonomy_id=" is then refused as not
    # a UUID, rather than read as if it were absent.
    query = query_class(data=request.query_params.dict())
    if not query.is_valid():
        problems = [
            f"{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in query.errors.items()
        ]
        raise exceptions.ParseError("; ".join(problems))
    return query.validated_data


def page(items, count, number, per_page):
    """The profile's Page around ``items``, the ``number``th page of ``count``."""
    total_pages = math.ceil(count / per_page)
    return {
        "total_items": count,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": count == 0,
        "contents": items,
    }


def page_of_list(items, params):
    number, per_page = params["page"], params["per_page"]
    start = (number - 1) * per_page
    return page(items[start : start + per_page], len(items), number, per_page)


def page_of_queryset(queryset, params):
    number, per_page = params["page"], params["per_page"]
    count = queryset.count()
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page]) if start < count else []
    return page(areas.with_places(rows), count, number, per_page)


def services():
    """Activities with what serialising them as services reads, in fixed queries."""
    return Activity.objects.select_related("organisation", *areas.SELECT_RELATED).prefetch_related(
        "shared_experiences", *areas.PREFETCH
    )


def services_matching(params):
    """``services()`` narrowed by the profile's filters, in the directory's name order."""
    queryset = services()
    if params.get("search"):
        queryset = queryset.search(params["search"])
    if "taxonomy_term_id" in params:
        term = find_term(params["taxonomy_term_id"])
        queryset = queryset.filter(term.condition) if term else queryset.none()
    if "taxonomy_id" in params:
        condition = taxonomy_condition(params["taxonomy_id"])
        queryset = queryset.filter(condition) if condition is not None else queryset.none()
    if "organization_id" in params:
        queryset = queryset.filter(organisation__uuid=params["organization_id"])
    if "modified_after" in params:
        queryset = queryset.filter(updated__gte=params["modified_after"])
    return queryset.order_by("name", "pk")


def service(uuid):
    activity = services().filter(uuid=uuid).first()
    return areas.with_places([activity])[0] if activity else None


def service_with_venue(service_at_location_uuid):
    activity = service(service_of(service_at_location_uuid, "service_at_location"))
    return activity if activity and activity.venue else None
