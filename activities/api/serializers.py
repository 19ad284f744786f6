"""What the API serves, field by field, in the profile's names (HSDS 3.0, UK profile).

These classes are the one description of every response: the views serialise with
them and drf-spectacular writes the OpenAPI document from them. Optional fields with
no value are left out rather than sent as null, as the profile's schemas expect.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.api import areas
from activities.api.identifiers import paired_id, part_id
from activities.api.taxonomies import SERVICE_STATUS, activity_terms

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class Record(serializers.Serializer):
    """Leaves out optional fields that have no value."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name, field in self.fields.items():
            value = data.get(name)
            if name in data and (value is None or (value == "" and not field.required)):
                del data[name]
        return data


def optional(field_class, **kwargs):
    return field_class(required=False, **kwargs)


class AlwaysMethodField(serializers.SerializerMethodField):
    """A computed field that is always present, so the OpenAPI document says required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = True


class TaxonomySerializer(Record):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()


class TaxonomyTermSerializer(Record):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    taxonomy = optional(serializers.CharField, source="taxonomy.name")
    taxonomy_id = optional(serializers.UUIDField)
    term = optional(
        serializers.CharField, help_text="The value the directory's own filters use in URLs."
    )


class AttributeSerializer(Record):
    id = serializers.UUIDField()
    link_id = optional(serializers.UUIDField)
    link_type = optional(serializers.CharField)
    taxonomy_term_id = optional(serializers.UUIDField, source="taxonomy_term.id")
    taxonomy_term = TaxonomyTermSerializer(required=False)


class OrganizationSerializer(Record):
    id = serializers.UUIDField(source="uuid")
    name = serializers.CharField()
    description = AlwaysMethodField()
    website = optional(serializers.URLField)

    @extend_schema_field(serializers.CharField())
    def get_description(self, organisation):
        return f"{organisation.name}: runs peer support recorded in the directory."


class ServiceAreaSerializer(Record):
    id = serializers.UUIDField()
    service_id = optional(serializers.UUIDField)
    name = optional(serializers.CharField)
    service_area = optional(serializers.CharField)
    extent = optional(serializers.CharField, help_text="The place's ONS GSS code.")
    extent_type = optional(serializers.CharField)
    uri = optional(serializers.CharField, help_text="The place's statistical-geography URI.")


class LocationSerializer(Record):
    id = serializers.UUIDField()
    location_type = serializers.ChoiceField(choices=["physical", "postal", "virtual"])
    name = optional(serializers.CharField)


class ContactSerializer(Record):
    id = serializers.UUIDField()
    service_id = optional(serializers.UUIDField)
    name = optional(serializers.CharField)
    title = optional(serializers.CharField)


def location_of(activity):
    """The activity's venue as a location, or None when it has no venue."""
    if not activity.venue:
        return None
    return {
        "id": paired_id(activity.uuid, "location"),
        "location_type": "physical",
        "name": activity.venue,
    }


class ServiceListSerializer(Record):
    """A service's one-to-one fields and its organisation (the profile's service_list)."""

    id = serializers.UUIDField(source="uuid")
    organization_id = optional(serializers.UUIDField, source="organisation.uuid")
    name = serializers.CharField()
    description = serializers.SerializerMethodField()
    url = optional(serializers.URLField, source="website")
    email = serializers.SerializerMethodField()
    status = AlwaysMethodField()
    last_modified = optional(serializers.DateTimeField, source="updated")
    organization = OrganizationSerializer(source="organisation", required=False)

    @extend_schema_field(serializers.CharField())
    def get_description(self, activity):
        experiences = ", ".join(e.name for e in activity.shared_experiences.all())
        parts = [
            activity.get_delivery_model_display(),
            activity.get_main_focus_display(),
            f"Shared experience: {experiences}" if experiences else "",
        ]
        return ". ".join(part for part in parts if part) + "."

    @extend_schema_field(serializers.EmailField(required=False))
    def get_email(self, activity):
        """The first e-mail address in the public contact details, if it is a valid one."""
        match = EMAIL.search(activity.contact or "")
        if not match:
            return None
        try:
            validate_email(match.group(0))
        except ValidationError:
            return None
        return match.group(0)

    @extend_schema_field(serializers.ChoiceField(choices=sorted(set(SERVICE_STATUS.values()))))
    def get_status(self, activity):
        return SERVICE_STATUS[activity.status]


class ServiceAtLocationInServiceSerializer(Record):
    id = serializers.UUIDField()
    service_id = optional(serializers.UUIDField)
    location_id = optional(serializers.UUIDField)
    location = LocationSerializer(required=False)


def service_at_location(activity):
    location = location_of(activity)
    return {
        "id": paired_id(activity.uuid, "service_at_location"),
        "service_id": activity.uuid,
        "location_id": location["id"],
        "location": location,
        "service": activity,
    }


def attributes(activity):
    return [
        {
            "id": part_id(activity.uuid, "attribute", term.id),
            "link_id": activity.uuid,
            "link_type": "service",
            "taxonomy_term": term,
        }
        for term in activity_terms(activity)
    ]


class ServiceSerializer(ServiceListSerializer):
    """A fully nested service: organisation, service areas, location, contact, attributes."""

    service_areas = serializers.SerializerMethodField()
    service_at_locations = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()
    attributes = serializers.SerializerMethodField()

    @extend_schema_field(ServiceAreaSerializer(many=True))
    def get_service_areas(self, activity):
        return ServiceAreaSerializer(areas.service_areas(activity), many=True).data

    @extend_schema_field(ServiceAtLocationInServiceSerializer(many=True))
    def get_service_at_locations(self, activity):
        if not activity.venue:
            return []
        return [ServiceAtLocationInServiceSerializer(service_at_location(activity)).data]

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, activity):
        """The public contact details as recorded (an office phone or e-mail, not a person)."""
        if not activity.contact:
            return []
        contact = {
            "id": part_id(activity.uuid, "contact"),
            "service_id": activity.uuid,
            "name": activity.contact,
            "title": "Public contact details",
        }
        return [ContactSerializer(contact).data]

    @extend_schema_field(AttributeSerializer(many=True))
    def get_attributes(self, activity):
        return AttributeSerializer(attributes(activity), many=True).data


class ServiceAtLocationListSerializer(Record):
    id = serializers.UUIDField()
    service_id = optional(serializers.UUIDField)
    location_id = optional(serializers.UUIDField)
    location = LocationSerializer(required=False)
    service = ServiceListSerializer(required=False)


class ServiceAtLocationSerializer(ServiceAtLocationListSerializer):
    service = ServiceSerializer(required=False)


class ApiInfoSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="HSDS version of this API.")
    profile = serializers.URLField(help_text="The HSDS profile this API follows.")
    openapi_url = serializers.URLField(help_text="This API's OpenAPI document.")


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What was wrong, and what is allowed.")


def page_serializer(item_serializer, name):
    """The profile's Page, with ``contents`` of ``item_serializer``."""
    fields = {
        "total_items": serializers.IntegerField(),
        "total_pages": serializers.IntegerField(),
        "page_number": serializers.IntegerField(),
        "size": serializers.IntegerField(help_text="How many items this page holds."),
        "first_page": serializers.BooleanField(),
        "last_page": serializers.BooleanField(),
        "empty": serializers.BooleanField(help_text="True when nothing matched."),
        "contents": item_serializer(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


ServicePageSerializer = page_serializer(ServiceListSerializer, "ServicePage")
ServiceAtLocationPageSerializer = page_serializer(
    ServiceAtLocationListSerializer, "ServiceAtLocationPage"
)
TaxonomyPageSerializer = page_serializer(TaxonomySerializer, "TaxonomyPage")
TaxonomyTermPageSerializer = page_serializer(TaxonomyTermSerializer, "TaxonomyTermPage")
