"""The fixed vocabularies of the master sheet, defined once.

Labels are exactly the canonical names in the master-sheet specification
(the study's own, where it names them: "Arts" is one of the sectors its
scoping included); values are short slugs used in URLs, the database and
exports' query strings. Every value has a plain-English definition
(``DEFINITIONS``), shown in the admin's help and beside the directory's filters.
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
    ARTS = "arts", "Arts"
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


class Access(models.TextChoices):
    """Who can go: the study asked whether support was open or needed a referral or membership."""

    OPEN_TO_ALL = "open_to_all", "Open to all"
    REFERRAL = "referral", "Referral needed"
    MEMBERS_ONLY = "members_only", "Members only"
    SPECIFIC_GROUP = "specific_group", "Specific group"
    UNKNOWN = "unknown", "Not known"


class DeliveredBy(models.TextChoices):
    """Who gives the peer support: the study's workforce findings turn on paid staff and volunteers."""

    PAID = "paid", "Paid peer workers"
    VOLUNTEERS = "volunteers", "Volunteers"
    BOTH = "both", "Both paid peer workers and volunteers"
    UNKNOWN = "unknown", "Not known"


class HowFound(models.TextChoices):
    """How the scoping found it: the study's three methods, and what came later."""

    DESK_RESEARCH = "desk_research", "Desk research"
    LOCAL_VISIT = "local_visit", "Local visit"
    NETWORK = "network", "Network"
    SELF_SUBMITTED = "self_submitted", "Self-submitted"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


# What each value means, in plain English, per vocabulary: the admin's help and the directory's
# "What counts as ...?" read these. Every value of every enumeration has one
# (a test checks), so a new value needs its definition here.
DEFINITIONS = {
    Sector: {
        Sector.THIRD_SECTOR: "A charity, voluntary organisation or social enterprise.",
        Sector.COMMUNITY: (
            "An informal or grassroots group run by and for local people, often not a "
            "registered charity."
        ),
        Sector.NHS: "An NHS trust, hospital, GP practice or other NHS service.",
        Sector.LOCAL_AUTHORITY: "A council, or a service a council runs.",
        Sector.PARTNERSHIP_NHS: (
            "Run jointly by the NHS and another organisation, usually a third-sector one "
            "(the study's “Partnerships incl. NHS”)."
        ),
        Sector.ARTS: (
            "An arts organisation or creative group, where peer support happens through "
            "arts activities."
        ),
        Sector.OTHER: "Any other kind of organisation, such as a private company or a university.",
    },
    MainFocus: {
        MainFocus.MENTAL_HEALTH: (
            "Mental health is the main purpose: a mental health condition, diagnosis or wellbeing."
        ),
        MainFocus.NON_MENTAL_HEALTH: (
            "Another main purpose (parenting, walking, crafts), with mental health benefit as a "
            "secondary focus."
        ),
    },
    DeliveryModel: {
        DeliveryModel.SUPPORT_GROUP: "A group that meets to share experiences and support each other.",
        DeliveryModel.ACTIVITY_GROUP: (
            "A group that does something together (walking, arts, a coffee morning); the support "
            "comes through the shared activity."
        ),
        DeliveryModel.ONE_TO_ONE: "One peer supporting one person (1:1).",
        DeliveryModel.COURSE_WORKSHOP: "A course or workshop with a set programme.",
        DeliveryModel.ONLINE_FORUM: "A group or forum that meets online only.",
        DeliveryModel.DROP_IN: "A session people can turn up to without booking.",
        DeliveryModel.OTHER: "Any other way of giving peer support.",
    },
    FundingType: {
        FundingType.STATUTORY: "Paid for by the NHS, a council or other government money.",
        FundingType.NON_STATUTORY: "Paid for by grants, charitable trusts, donations or fundraising.",
        FundingType.UNFUNDED: "Runs with no funding, for example by volunteers alone.",
        FundingType.UNKNOWN: "The funding could not be found out.",
    },
    Status: {
        Status.ACTIVE: "Evidence was seen that it runs now.",
        Status.UNKNOWN: "It is not known whether it still runs.",
        Status.CLOSED: "It has stopped running.",
    },
    Access: {
        Access.OPEN_TO_ALL: "Anyone who wants to can go along or get in touch.",
        Access.REFERRAL: "People need a referral, for example from a GP or a care team.",
        Access.MEMBERS_ONLY: "Only members of the group or organisation can take part.",
        Access.SPECIFIC_GROUP: (
            "Only for a particular group of people, such as veterans, carers or women "
            "(the access details say who)."
        ),
        Access.UNKNOWN: "Who can go was not found out.",
    },
    DeliveredBy: {
        DeliveredBy.PAID: "People paid for a peer support role give the support.",
        DeliveredBy.VOLUNTEERS: (
            "Unpaid volunteers give the support, including groups run by their own members."
        ),
        DeliveredBy.BOTH: "Paid peer workers and volunteers give the support together.",
        DeliveredBy.UNKNOWN: "Who gives the support was not found out.",
    },
    HowFound: {
        HowFound.DESK_RESEARCH: (
            "Found by searching the internet, social media or local directories, or by phone "
            "and e-mail."
        ),
        HowFound.LOCAL_VISIT: (
            "Found by visiting the area in person: community spaces, posters, word of mouth."
        ),
        HowFound.NETWORK: "Found through a meeting or professional network (the network is named).",
        HowFound.SELF_SUBMITTED: "The group or organisation told the project about itself.",
        HowFound.OTHER: "Found some other way.",
        HowFound.UNKNOWN: "How it was found was not recorded.",
    },
}


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

    def definitions(self):
        """[(value, label, definition)] in the vocabulary's order."""
        meaning = DEFINITIONS[self.choices]
        return [(value, label, meaning[value]) for value, label in self.choices.choices]


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
    Enumeration("access", Access, "Who can access it", "Who can go"),
    Enumeration("how_found", HowFound, "How it was found"),
    # Not "Delivered by" alone: older sheets use that header for the organisation.
    Enumeration("delivered_by", DeliveredBy, "Delivered by paid or volunteers", "Delivered by"),
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
