"""The fixed vocabularies of the master sheet, defined once.

Labels are exactly the canonical names in the master-sheet specification;
values are short slugs used in URLs, the database and exports' query strings.
Models, forms, filters, the importer and reports import these classes: there is
never a second list of the same values.
"""

from django.db import models


class Sector(models.TextChoices):
    THIRD_SECTOR = "third_sector", "Third Sector"
    COMMUNITY = "community", "Community"
    NHS = "nhs", "NHS"
    LOCAL_AUTHORITY = "local_authority", "Local Authority"
    PARTNERSHIP_NHS = "partnership_nhs", "Partnership incl. NHS"
    OTHER = "other", "Other"


class MainFocus(models.TextChoices):
    MENTAL_HEALTH = "mental_health", "Mental health focused"
    NON_MENTAL_HEALTH = "non_mental_health", "Non-mental health focused"


class DeliveryModel(models.TextChoices):
    SUPPORT_GROUP = "support_group", "Support group"
    ACTIVITY_GROUP = "activity_group", "Activity group"
    ONE_TO_ONE = "one_to_one", "One to one"
    COURSE_WORKSHOP = "course_workshop", "Course/workshop"
    ONLINE_FORUM = "online_forum", "Online forum"
    DROP_IN = "drop_in", "Drop-in"
    OTHER = "other", "Other"


class FundingType(models.TextChoices):
    STATUTORY = "statutory", "Statutory"
    NON_STATUTORY = "non_statutory", "Non-statutory"
    UNFUNDED = "unfunded", "Unfunded"
    UNKNOWN = "unknown", "Unknown"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    UNKNOWN = "unknown", "Unknown"
    CLOSED = "closed", "Closed"


class Vocabulary(models.TextChoices):
    """Every vocabulary a spreadsheet cell can be matched against."""

    PLACE = "place", "Place"
    SHARED_EXPERIENCE = "shared_experience", "Shared experience"
    SECTOR = "sector", "Sector"
    MAIN_FOCUS = "main_focus", "Main focus"
    DELIVERY_MODEL = "delivery_model", "Primary model of delivery"
    FUNDING_TYPE = "funding_type", "Funding type"
    STATUS = "status", "Status"


# The enumerations among the vocabularies (places and shared experiences are tables).
ENUMERATIONS = {
    Vocabulary.SECTOR: Sector,
    Vocabulary.MAIN_FOCUS: MainFocus,
    Vocabulary.DELIVERY_MODEL: DeliveryModel,
    Vocabulary.FUNDING_TYPE: FundingType,
    Vocabulary.STATUS: Status,
}
