"""The Open Referral UK endpoints: read-only, JSON, each a screenful.

Every view checks access (``access``), reads its parameters (``queries``), fetches in
a fixed number of queries and serialises with ``serializers``.
"""

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from activities.api import queries, serializers
from activities.api.access import use_record
from activities.api.identifiers import paired_id, parse, service_of
from activities.api.taxonomies import published_taxonomies
from activities.duplicates.models import MergedActivity

PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
HSDS_VERSION = "3.0"

PROBLEMS = {
    401: serializers.ProblemSerializer,
    429: serializers.ProblemSerializer,
}
LIST_PROBLEMS = {400: serializers.ProblemSerializer, **PROBLEMS}
ONE_PROBLEMS = {404: serializers.ProblemSerializer, **PROBLEMS}
ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)


class OpenReferralMixin:
    """CORS when public, and the partner's use log, on every answer (errors too)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if settings.API_PUBLIC:
            response["Access-Control-Allow-Origin"] = "*"
        use_record(request, response)
        return response


class OpenReferralView(OpenReferralMixin, APIView):
    pass


def found(record):
    if record is None:
        raise Http404("No record has this id.")
    return record


def merged_into(uuid, kind=None):
    """A permanent redirect to the activity a merged-away service's id (or its venue's
    paired id, ``kind``) now belongs to (activities/duplicates/), or None."""
    if uuid is None:
        return None
    service_uuid = service_of(uuid, kind) if kind else uuid
    survivor = MergedActivity.objects.filter(uuid=service_uuid).values("survivor__uuid").first()
    if survivor is None:
        return None
    if kind:
        target = reverse("api:" + kind, args=[paired_id(survivor["survivor__uuid"], kind)])
    else:
        target = reverse("api:service", args=[survivor["survivor__uuid"]])
    return HttpResponsePermanentRedirect(target)


class ApiInfo(OpenReferralView):
    @extend_schema(
        operation_id="getAPIMetaInformation",
        responses={200: serializers.ApiInfoSerializer, **PROBLEMS},
    )
    def get(self, request):
        """This API's HSDS version, profile and OpenAPI document."""
        info = {
            "version": HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
        }
        return Response(serializers.ApiInfoSerializer(info).data)


class ServiceList(OpenReferralView):
    @extend_schema(
        operation_id="getPaginatedListOfServices",
        parameters=[queries.ServiceQuery],
        responses={200: serializers.ServicePageSerializer, **LIST_PROBLEMS},
    )
    def get(self, request):
        """Services (the directory's activities) with their one-to-one fields, a page at a time."""
        params = queries.parameters(queries.ServiceQuery, request)
        result = queries.page_of_queryset(queries.services_matching(params), params)
        return Response(serializers.ServicePageSerializer(result).data)


class ServiceDetail(OpenReferralView):
    @extend_schema(
        operation_id="getFullyNestedServiceById",
        parameters=[ID],
        responses={200: serializers.ServiceSerializer, **ONE_PROBLEMS},
    )
    def get(self, request, id):
        """A fully nested service: organisation, service areas, location, contacts, attributes."""
        activity = queries.service(parse(id)) if parse(id) else None
        if activity is None:
            return merged_into(parse(id)) or found(None)
        return Response(serializers.ServiceSerializer(activity).data)


class ServiceAtLocationList(OpenReferralView):
    @extend_schema(
        operation_id="getPaginatedListOfServiceAtLocation",
        parameters=[queries.ServiceQuery],
        responses={200: serializers.ServiceAtLocationPageSerializer, **LIST_PROBLEMS},
    )
    def get(self, request):
        """Services at their venue: one for each activity that records a venue."""
        params = queries.parameters(queries.ServiceQuery, request)
        activities = queries.services_matching(params).exclude(venue="")
        result = queries.page_of_queryset(activities, params)
        result["contents"] = [serializers.service_at_location(a) for a in result["contents"]]
        return Response(serializers.ServiceAtLocationPageSerializer(result).data)


class ServiceAtLocationDetail(OpenReferralView):
    @extend_schema(
        operation_id="getServiceAtLocationWithNestedDataById",
        parameters=[ID],
        responses={200: serializers.ServiceAtLocationSerializer, **ONE_PROBLEMS},
    )
    def get(self, request, id):
        """A service at its venue, with the fully nested service."""
        activity = queries.service_with_venue(parse(id)) if parse(id) else None
        if activity is None:
            return merged_into(parse(id), "service_at_location") or found(None)
        data = serializers.service_at_location(activity)
        return Response(serializers.ServiceAtLocationSerializer(data).data)


class TaxonomyList(OpenReferralView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomies",
        parameters=[queries.PageQuery],
        responses={200: serializers.TaxonomyPageSerializer, **LIST_PROBLEMS},
    )
    def get(self, request):
        """The directory's own taxonomies: one for each of its filters."""
        params = queries.parameters(queries.PageQuery, request)
        result = queries.page_of_list(published_taxonomies(), params)
        return Response(serializers.TaxonomyPageSerializer(result).data)


class TaxonomyDetail(OpenReferralView):
    @extend_schema(
        operation_id="getTaxonomyById",
        parameters=[ID],
        responses={200: serializers.TaxonomySerializer, **ONE_PROBLEMS},
    )
    def get(self, request, id):
        uuid = parse(id)
        taxonomy = next((t for t in published_taxonomies() if t.id == uuid), None)
        return Response(serializers.TaxonomySerializer(found(taxonomy)).data)


def all_terms(taxonomy_id=None):
    return [
        term
        for taxonomy in published_taxonomies()
        if taxonomy_id is None or taxonomy.id == taxonomy_id
        for term in taxonomy.terms
    ]


class TaxonomyTermList(OpenReferralView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomyTerms",
        parameters=[queries.TermQuery],
        responses={200: serializers.TaxonomyTermPageSerializer, **LIST_PROBLEMS},
    )
    def get(self, request):
        """Every term of every taxonomy (or of one, with ``taxonomy_id``)."""
        params = queries.parameters(queries.TermQuery, request)
        result = queries.page_of_list(all_terms(params.get("taxonomy_id")), params)
        return Response(serializers.TaxonomyTermPageSerializer(result).data)


class TaxonomyTermDetail(OpenReferralView):
    @extend_schema(
        operation_id="getTaxonomyTermById",
        parameters=[ID],
        responses={200: serializers.TaxonomyTermSerializer, **ONE_PROBLEMS},
    )
    def get(self, request, id):
        uuid = parse(id)
        term = next((t for t in all_terms() if t.id == uuid), None)
        return Response(serializers.TaxonomyTermSerializer(found(term)).data)


class OpenApiDocument(OpenReferralMixin, SpectacularJSONAPIView):
    """This API's OpenAPI 3 document, generated from the views and serializers above."""

    authentication_classes = APIView.authentication_classes
    permission_classes = APIView.permission_classes
    throttle_classes = APIView.throttle_classes
