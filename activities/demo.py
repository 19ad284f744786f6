"""Plausible made-up activities, for the demo data set and for benchmarks.

Nothing here is a real group or person. ``demo_rows`` is deterministic for a
seed, so the committed fixture ``fixtures/demo_activities.json`` can be made
again with ``python manage.py make_demo_fixture``.
"""

import datetime
import random

from .vocabulary import DeliveryModel, FundingType, MainFocus, Sector, Status

TOWNS = {
    "leeds": ["Headingley", "Armley", "Chapeltown", "Beeston", "Seacroft", "Horsforth", "Otley"],
    "bradford-craven": ["Keighley", "Shipley", "Ilkley", "Skipton", "Bingley", "Manningham"],
    "wakefield": ["Pontefract", "Castleford", "Ossett", "Normanton", "Horbury"],
    "kirklees": ["Huddersfield", "Dewsbury", "Batley", "Holmfirth", "Mirfield"],
    "calderdale": ["Halifax", "Brighouse", "Elland", "Todmorden", "Hebden Bridge"],
    "harrogate-rural-district": ["Harrogate", "Ripon", "Knaresborough", "Pateley Bridge"],
}
# How many demo activities each place gets: roughly the study's proportions.
DEMO_COUNTS = {
    "bradford-craven": 50,
    "leeds": 25,
    "wakefield": 20,
    "kirklees": 18,
    "harrogate-rural-district": 20,
    "calderdale": 17,
}
ACTIVITY_KINDS = [
    ("Walk and Talk", DeliveryModel.ACTIVITY_GROUP),
    ("Peer Support Group", DeliveryModel.SUPPORT_GROUP),
    ("Coffee Morning", DeliveryModel.DROP_IN),
    ("Crafternoon", DeliveryModel.ACTIVITY_GROUP),
    ("Men's Shed", DeliveryModel.ACTIVITY_GROUP),
    ("Recovery Course", DeliveryModel.COURSE_WORKSHOP),
    ("Online Forum", DeliveryModel.ONLINE_FORUM),
    ("Buddy Scheme", DeliveryModel.ONE_TO_ONE),
    ("Hearing Voices Group", DeliveryModel.SUPPORT_GROUP),
    ("Football Group", DeliveryModel.ACTIVITY_GROUP),
    ("Carers' Circle", DeliveryModel.SUPPORT_GROUP),
    ("Gardening Club", DeliveryModel.ACTIVITY_GROUP),
    ("Wellbeing Workshop", DeliveryModel.COURSE_WORKSHOP),
    ("Drop-in Cafe", DeliveryModel.DROP_IN),
]
SUFFIXES = ["", "", "", " (evenings)", " (weekends)", " (Mondays)", " (North)", " (South)"]
ORG_KINDS = [
    ("Mind", Sector.THIRD_SECTOR),
    ("Recovery College", Sector.PARTNERSHIP_NHS),
    ("Community Association", Sector.COMMUNITY),
    ("Carers' Network", Sector.THIRD_SECTOR),
    ("Wellbeing Service", Sector.NHS),
    ("Council Adult Services", Sector.LOCAL_AUTHORITY),
    ("Friends Group", Sector.COMMUNITY),
    ("Women's Centre", Sector.THIRD_SECTOR),
    ("Pride", Sector.COMMUNITY),
    ("Veterans' Hub", Sector.OTHER),
]
# Weighted towards what the study found most common.
SHARED_WEIGHTS = {
    "general-mental-health": 12,
    "mens-mental-health": 5,
    "lgbtqi": 4,
    "womens-mental-health": 3,
    "substance-misuse": 3,
    "physical-health": 3,
    "loneliness-and-isolation": 3,
    "carers": 2,
    "parenthood": 2,
    "disability-incl-learning-disability": 2,
    "bereavement-incl-suicide": 2,
    "armed-forces-veterans": 1,
    "anxiety": 2,
    "depression": 2,
    "hearing-voices": 1,
    "older-people": 2,
    "young-people": 2,
    "bame-communities": 1,
    "migrant-communities": 1,
    "autism": 1,
    "eating-disorders": 1,
    "self-harm": 1,
    "domestic-violence": 1,
    "alzheimers-dementia": 1,
    "hiv-and-or-aids": 1,
    "crisis-prevention-management": 1,
    "financial-issues-and-or-debt": 1,
}
NOTES = [
    "",
    "",
    "Found via Facebook.",
    "Advertised in the library.",
    "Met the organiser at a network meeting.",
    "Contact by e-mail only.",
    "Moved online during lockdown.",
]
INITIALS = ["AB", "CD", "EF", "GH"]


def demo_rows(count_by_place, seed=2020):
    """Yield plain dicts, one per activity, spread over the given places."""
    rng = random.Random(seed)
    shared_slugs = list(SHARED_WEIGHTS)
    weights = list(SHARED_WEIGHTS.values())
    start = datetime.date(2019, 9, 1)
    for place, count in count_by_place.items():
        towns = TOWNS[place]
        seen = set()
        for i in range(count):
            town = towns[i % len(towns)]
            kind, model = rng.choice(ACTIVITY_KINDS)
            org_kind, sector = rng.choice(ORG_KINDS)
            organisation = f"{town} {org_kind}" if rng.random() > 0.08 else ""
            name = f"{town} {kind}{rng.choice(SUFFIXES)}"
            n = 2
            while (organisation, name) in seen:
                name, n = f"{town} {kind} {n}", n + 1
            seen.add((organisation, name))
            experiences = sorted(
                set(rng.choices(shared_slugs, weights=weights, k=rng.choice([1, 1, 1, 2, 3])))
            )
            slug_town = town.lower().replace(" ", "-")
            yield {
                "name": name,
                "organisation": organisation,
                "place": place,
                "sector": sector.value,
                "main_focus": (
                    MainFocus.MENTAL_HEALTH if rng.random() < 0.75 else MainFocus.NON_MENTAL_HEALTH
                ).value,
                "shared_experiences": experiences,
                "delivery_model": model.value,
                "funding_type": rng.choice(list(FundingType)).value,
                "website": f"https://example.org/{slug_town}/{i}",
                "contact": "",
                "venue": f"{town} community centre" if rng.random() < 0.7 else town,
                "online": model == DeliveryModel.ONLINE_FORUM or rng.random() < 0.2,
                "self_described_peer_support": rng.random() < 0.8,
                "status": rng.choices(
                    [Status.ACTIVE, Status.UNKNOWN, Status.CLOSED], weights=[8, 2, 1]
                )[0].value,
                "date_scoped": (start + datetime.timedelta(days=rng.randrange(240))).isoformat(),
                "scoped_by_name": rng.choice(INITIALS),
                "notes": rng.choice(NOTES),
            }
