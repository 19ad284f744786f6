"""The fixed vocabularies of the master sheet, defined once.

Labels are exactly the canonical names in the master-sheet specification;
values are short slugs used in URLs, the database and exports' query strings.
Each enumerated vocabulary is registered once in ``ENUMERATIONS`` with its
field, title and master-sheet header; models, forms, filters, the importer,
the exports and the reports derive their lists from it: there is never a
second list of the same values.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Enumeration:
    """One enumerated vocabulary of the master sheet, and everything the app derives from it.

    ``key`` is at once the ``Activity`` field, the directory's URL parameter, the
    report's breakdown key and the vocabulary its aliases are stored under;
    ``title`` is the master sheet's canonical header and the heading of its
    report breakdown; ``filter_label`` is the directory's (shorter) label.
    """

    key: str
    choices: type[models.TextChoices]
    title: str
    filter_label: str = ""

    @property
    def label(self):
        """How the directory's filter names it."""
        return self.filter_label or self.title

    @property
    def labels(self):
        """{value: label}."""
        return dict(self.choices.choices)


# In the master sheet's column order. Add a vocabulary here and the model's
# constraints, the aliases, the importer, the exports, the directory's facets
# and the reports' breakdowns all follow (the model field itself is declared in
# ``models.Activity``, with its help text, and needs a migration).
ENUMERATIONS = (
    Enumeration("sector", Sector, "Sector"),
    Enumeration("main_focus", MainFocus, "Main focus"),
    Enumeration("delivery_model", DeliveryModel, "Primary model of delivery", "Model of delivery"),
    Enumeration("funding_type", FundingType, "Funding type"),
    Enumeration("status", Status, "Status"),
)
ENUMERATION = {enumeration.key: enumeration for enumeration in ENUMERATIONS}

# The vocabularies kept in tables rather than enumerations: (key, title).
TABLE_VOCABULARIES = (("place", "Place"), ("shared_experience", "Shared experience"))

# Every vocabulary a spreadsheet cell can be matched against (the aliases' key).
Vocabulary = models.TextChoices(
    "Vocabulary",
    [
        (key.upper(), (key, title))
        for key, title in [*TABLE_VOCABULARIES, *((e.key, e.title) for e in ENUMERATIONS)]
    ],
)
Vocabulary.__doc__ = "Every vocabulary a spreadsheet cell can be matched against."
