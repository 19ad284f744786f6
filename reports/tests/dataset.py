"""A small known data set whose figures are worked out by hand in the tests.

Leeds (population 818,085): three activities; Wakefield (345,038): one; the
other four places none. Region population 2,474,920.
"""

import datetime

from activities.tests.factories import make_activity
from activities.vocabulary.terms import DeliveryModel, MainFocus, Sector, Status

REGION_POPULATION = 818_085 + 587_900 + 345_038 + 438_727 + 210_100 + 75_070


def make_known_activities():
    make_activity(
        "Headingley Peer Support Group",
        place="leeds",
        experiences=("general-mental-health", "lgbtqi"),
        delivery_model=DeliveryModel.SUPPORT_GROUP,
        sector=Sector.THIRD_SECTOR,
        status=Status.ACTIVE,
        date_scoped=datetime.date(2019, 10, 1),
    )
    make_activity(
        "Armley Walk and Talk",
        place="leeds",
        experiences=("general-mental-health",),
        delivery_model=DeliveryModel.ACTIVITY_GROUP,
        sector=Sector.THIRD_SECTOR,
        status=Status.CLOSED,
        date_scoped=datetime.date(2020, 2, 1),
    )
    make_activity(
        "Seacroft Men's Group",
        place="leeds",
        experiences=("mens-mental-health",),
        delivery_model=DeliveryModel.SUPPORT_GROUP,
        sector=Sector.NHS,
        status=Status.ACTIVE,
        date_scoped=None,
    )
    make_activity(
        "Ossett Buddy Scheme",
        place="wakefield",
        experiences=("anxiety",),
        delivery_model=DeliveryModel.ONE_TO_ONE,
        sector=Sector.COMMUNITY,
        main_focus=MainFocus.NON_MENTAL_HEALTH,
        status=Status.ACTIVE,
        date_scoped=datetime.date(2019, 12, 1),
    )
