"""A small, varied directory for the directory's tests: every filter splits it."""

import datetime

from activities.tests.factories import make_activity
from activities.vocabulary.terms import DeliveryModel, FundingType, MainFocus, Sector, Status

ROWS = [
    {
        "name": "Armley Walk and Talk",
        "place": "leeds",
        "organisation": "Armley Mind",
        "experiences": ("anxiety",),
        "sector": Sector.THIRD_SECTOR,
        "main_focus": MainFocus.NON_MENTAL_HEALTH,
        "delivery_model": DeliveryModel.ACTIVITY_GROUP,
        "funding_type": FundingType.STATUTORY,
        "online": True,
        "self_described_peer_support": True,
        "status": Status.ACTIVE,
        "date_scoped": datetime.date(2019, 10, 1),
        "venue": "Armley library",
        "notes": "Meets weekly by the canal.",
    },
    {
        "name": "Keighley Peer Support Group",
        "place": "bradford-craven",
        "organisation": "Keighley Wellbeing Service",
        "experiences": ("depression", "anxiety"),
        "sector": Sector.NHS,
        "delivery_model": DeliveryModel.SUPPORT_GROUP,
        "funding_type": FundingType.UNFUNDED,
        "online": False,
        "self_described_peer_support": True,
        "status": Status.CLOSED,
        "date_scoped": datetime.date(2020, 1, 15),
        "venue": "Keighley community centre",
    },
    {
        "name": "Halifax Hearing Voices",
        "place": "calderdale",
        "organisation": None,
        "experiences": ("hearing-voices",),
        "sector": Sector.COMMUNITY,
        "delivery_model": DeliveryModel.SUPPORT_GROUP,
        "funding_type": FundingType.UNKNOWN,
        "online": None,
        "self_described_peer_support": None,
        "status": Status.UNKNOWN,
        "date_scoped": None,
        "notes": "Two groups for voice hearers.",
    },
    {
        "name": "Leeds Online Forum",
        "place": "leeds",
        "organisation": "Armley Mind",
        "experiences": ("lgbtqi",),
        "sector": Sector.NHS,
        "delivery_model": DeliveryModel.ONLINE_FORUM,
        "funding_type": FundingType.NON_STATUTORY,
        "online": True,
        "self_described_peer_support": False,
        "status": Status.ACTIVE,
        "date_scoped": datetime.date(2020, 3, 1),
        "venue": "Online",
        "contact": "=cmd|' /C calc'!A0",
    },
]


def make_directory():
    """Create the rows above; return {name: activity}."""
    return {row["name"]: make_activity(**row) for row in ROWS}


def shown_names(response):
    """The activity names in the page's results table, in order."""
    return [activity.name for activity in response.context["page"].object_list]
