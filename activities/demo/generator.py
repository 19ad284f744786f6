"""Plausible made-up activities, for the demo data set and for benchmarks.

Nothing here is a real group or person. ``demo_rows`` is deterministic for a
seed, so the committed fixture ``fixtures/demo_activities.json`` can be made
again with ``python manage.py make_demo_fixture``.
"""

import datetime
import random

from activities.vocabulary.terms import (
    DeliveredBy,
    DeliveryModel,
    FundingType,
    MainFocus,
    Sector,
    Status,
)

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


def delivered_by(row):
    """Only where plain (unfunded: volunteers; NHS peer workers are paid), else "Not known"."""
    known = {FundingType.UNFUNDED: DeliveredBy.VOLUNTEERS, Sector.NHS: DeliveredBy.PAID}
    return known.get(row["funding_type"], known.get(row["sector"], DeliveredBy.UNKNOWN)).value


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
            row = {
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
            yield {**row, "delivered_by": delivered_by(row)}


# The demo data set reproduces what the study published (fixtures/study_snapshot.json
# and the highlights in fixtures/highlights.json): every place's total, and every
# breakdown the study printed or stated for a place. Wakefield's delivery models and
# Leeds's Third Sector count are the study's own; the rest are made up so that each
# order the study states holds (e.g. support groups first, activity groups second), in
# each place and in the region. Everything else about each row is made up.
STUDY_PLACES = {
    "bradford-craven": {
        "total": 234,
        "delivery_model": {
            "support_group": 62,
            "activity_group": 58,
            "one_to_one": 32,
            "drop_in": 28,
            "course_workshop": 27,
            "online_forum": 15,
            "other": 12,
        },
        "sector": {
            "third_sector": 90,
            "community": 80,
            "partnership_nhs": 22,
            "nhs": 20,
            "other": 14,
            "local_authority": 8,
        },
        "experiences": {
            "general-mental-health": 60,
            "substance-misuse": 35,
            "physical-health": 30,
            "mens-mental-health": 28,
            "lgbtqi": 27,
        },
    },
    "calderdale": {
        "total": 35,
        "delivery_model": {
            "support_group": 13,
            "activity_group": 8,
            "one_to_one": 5,
            "course_workshop": 3,
            "drop_in": 3,
            "online_forum": 2,
            "other": 1,
        },
        "sector": {
            "third_sector": 14,
            "community": 10,
            "nhs": 4,
            "partnership_nhs": 3,
            "local_authority": 2,
            "other": 2,
        },
        "experiences": {
            "general-mental-health": 8,
            "disability-incl-learning-disability": 6,
            "parenthood": 5,
            "womens-mental-health": 4,
            "mens-mental-health": 1,
            "lgbtqi": 1,
        },
    },
    "harrogate-rural-district": {
        "total": 64,
        "delivery_model": {
            "support_group": 31,  # "nearly 50%"
            "activity_group": 12,
            "one_to_one": 7,
            "course_workshop": 5,
            "drop_in": 4,
            "online_forum": 3,
            "other": 2,
        },
        "sector": {
            "third_sector": 26,
            "community": 18,
            "nhs": 10,
            "partnership_nhs": 5,
            "other": 3,
            "local_authority": 2,
        },
        "experiences": {
            "general-mental-health": 16,
            "physical-health": 10,
            "disability-incl-learning-disability": 8,
            "mens-mental-health": 4,
            "lgbtqi": 4,
        },
    },
    "kirklees": {
        "total": 48,
        "delivery_model": {
            "support_group": 16,
            "activity_group": 12,
            "one_to_one": 6,
            "course_workshop": 5,
            "drop_in": 4,
            "online_forum": 3,
            "other": 2,
        },
        "sector": {
            "third_sector": 20,
            "community": 12,
            "nhs": 5,
            "local_authority": 5,  # "an equal presence ... NHS and ... local authority"
            "partnership_nhs": 4,
            "other": 2,
        },
        "experiences": {
            "general-mental-health": 10,
            "mens-mental-health": 7,
            "anxiety": 6,
            "depression": 5,
            "bereavement-incl-suicide": 4,
            "lgbtqi": 3,
        },
    },
    "leeds": {
        "total": 55,
        "delivery_model": {
            "support_group": 18,
            "activity_group": 14,
            "one_to_one": 8,
            "course_workshop": 6,
            "drop_in": 4,
            "online_forum": 3,
            "other": 2,
        },
        # The study's chart: Third Sector 60% (33 of 55); 8, 8 and 6 are made up to fit.
        "sector": {"third_sector": 33, "nhs": 8, "partnership_nhs": 8, "community": 6},
        "experiences": {
            "general-mental-health": 14,
            "mens-mental-health": 8,
            "lgbtqi": 7,
        },
    },
    "wakefield": {
        "total": 55,
        # The study's chart: 56%, 35%, 7%, 2% of 55.
        "delivery_model": {
            "support_group": 31,
            "activity_group": 19,
            "one_to_one": 4,
            "course_workshop": 1,
        },
        "sector": {
            "third_sector": 25,
            "nhs": 12,
            "community": 8,
            "partnership_nhs": 6,
            "local_authority": 2,
            "other": 2,
        },
        "experiences": {
            "general-mental-health": 14,
            "anxiety": 9,
            "depression": 7,
            "mens-mental-health": 4,
            "lgbtqi": 4,
        },
    },
}
# The study's headline counted 602 activities; its place pages add up to 491. The
# other 111 are taken to be its "WY&H wide services": region-wide rows. A place's
# page counts them too, so they are spread to keep every order the study states,
# in every place and the region (support groups ahead of activity groups, the Third
# Sector ahead of community groups, general mental health first; NHS and local
# authority level, as in Kirklees).
STUDY_REGION_WIDE = {
    "total": 111,
    "delivery_model": {
        "support_group": 40,
        "activity_group": 25,
        "online_forum": 18,
        "one_to_one": 15,
        "course_workshop": 10,
        "drop_in": 3,
    },
    "sector": {
        "third_sector": 45,
        "community": 30,
        "partnership_nhs": 18,
        "nhs": 7,
        "local_authority": 7,
        "other": 4,
    },
    "experiences": {"general-mental-health": 111},
}
REGION_WIDE_TOWNS = ["West Yorkshire", "Yorkshire-wide", "Online"]

# The study's places' towns, with Halifax (where most of Calderdale's services are) first.
STUDY_TOWNS = {
    **TOWNS,
    "calderdale": ["Halifax", "Halifax", "Halifax", "Brighouse", "Elland", "Todmorden"],
}
# Experiences no highlight names: the rest of each place's activities share these,
# a few activities at most each, so they never overtake an order the study states.
MINOR_EXPERIENCES = [
    "loneliness-and-isolation",
    "carers",
    "older-people",
    "young-people",
    "hearing-voices",
    "armed-forces-veterans",
    "bame-communities",
    "migrant-communities",
    "autism",
    "eating-disorders",
    "self-harm",
    "domestic-violence",
    "alzheimers-dementia",
    "hiv-and-or-aids",
    "crisis-prevention-management",
    "financial-issues-and-or-debt",
]
KIND_BY_MODEL = {
    DeliveryModel.SUPPORT_GROUP: ["Peer Support Group", "Hearing Voices Group", "Carers' Circle"],
    DeliveryModel.ACTIVITY_GROUP: [
        "Walk and Talk",
        "Crafternoon",
        "Men's Shed",
        "Football Group",
        "Gardening Club",
        "Art Group",
    ],
    DeliveryModel.ONE_TO_ONE: ["Buddy Scheme", "Peer Mentoring"],
    DeliveryModel.COURSE_WORKSHOP: ["Recovery Course", "Wellbeing Workshop"],
    DeliveryModel.ONLINE_FORUM: ["Online Forum"],
    DeliveryModel.DROP_IN: ["Coffee Morning", "Drop-in Cafe"],
    DeliveryModel.OTHER: ["Peer Network"],
}
ORGANISATION_KINDS = {
    Sector.THIRD_SECTOR: ["Mind", "Carers' Network", "Women's Centre"],
    Sector.COMMUNITY: ["Community Association", "Friends Group", "Pride"],
    Sector.NHS: ["Wellbeing Service", "Talking Therapies"],
    Sector.LOCAL_AUTHORITY: ["Council Adult Services"],
    Sector.PARTNERSHIP_NHS: ["Recovery College"],
    Sector.OTHER: ["Veterans' Hub"],
}


def _spread(counts, rng):
    """The values of {value: count}, each ``count`` times, in a random order."""
    values = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def _experiences(spec, total, rng):
    """One experience list per activity: the place's stated ones, then minor ones.

    A minor experience always stays below the least of the stated ones, so the
    order the study states for the place holds.
    """
    ceiling = min(spec.values()) - 1
    primary = _spread(spec, rng)
    counts = dict.fromkeys(MINOR_EXPERIENCES, 0)

    def minor():
        slug = min(MINOR_EXPERIENCES, key=lambda m: (counts[m], rng.random()))
        counts[slug] += 1
        return slug

    primary += [minor() for _ in range(total - len(primary))]
    rng.shuffle(primary)
    lists = [[slug] for slug in primary]
    # A fifth of the activities bring together a second, minor experience too.
    for experiences in rng.sample(lists, total // 5):
        room = [m for m in MINOR_EXPERIENCES if counts[m] < ceiling and m not in experiences]
        if room:
            extra = rng.choice(room)
            counts[extra] += 1
            experiences.append(extra)
    return [sorted(e) for e in lists]


def study_demo_rows(seed=2020, *, region_wide=True):
    """The demo data set: one dict per activity, the study's totals and stated breakdowns.

    With ``region_wide``, the region-wide rows too (``place`` "region").
    """
    rng = random.Random(seed)
    start = datetime.date(2019, 10, 1)
    specs = dict(STUDY_PLACES)
    if region_wide:
        specs["region"] = STUDY_REGION_WIDE
    for place, spec in specs.items():
        total = spec["total"]
        models = _spread(spec["delivery_model"], rng)
        sectors = _spread(spec["sector"], rng)
        if place == "region":
            experiences = [sorted(spec["experiences"])] * total
        else:
            experiences = _experiences(spec["experiences"], total, rng)
        assert len(models) == len(sectors) == total, place
        towns = REGION_WIDE_TOWNS if place == "region" else STUDY_TOWNS[place]
        seen = set()
        for i in range(total):
            town = towns[i % len(towns)]
            model, sector = DeliveryModel(models[i]), Sector(sectors[i])
            kind = rng.choice(KIND_BY_MODEL[model])
            organisation = (
                f"{town} {rng.choice(ORGANISATION_KINDS[sector])}" if rng.random() > 0.08 else ""
            )
            base = f"{town} {kind}{rng.choice(SUFFIXES)}"
            name, n = base, 2
            while (organisation, name.lower()) in seen:
                name, n = f"{base} {n}", n + 1
            seen.add((organisation, name.lower()))
            slug_town = town.lower().replace(" ", "-")
            status = rng.choices([Status.ACTIVE, Status.UNKNOWN, Status.CLOSED], weights=[8, 2, 1])[
                0
            ]
            scoped = start + datetime.timedelta(days=rng.randrange(270))
            row = {
                "name": name,
                "organisation": organisation,
                "place": place,
                "sector": sector.value,
                "main_focus": (
                    MainFocus.MENTAL_HEALTH if rng.random() < 0.75 else MainFocus.NON_MENTAL_HEALTH
                ).value,
                "shared_experiences": experiences[i],
                "delivery_model": model.value,
                "funding_type": rng.choice(list(FundingType)).value,
                "website": f"https://example.org/{slug_town}/{i}",
                "contact": "",
                "venue": f"{town} community centre" if rng.random() < 0.7 else town,
                "online": model == DeliveryModel.ONLINE_FORUM or rng.random() < 0.2,
                "self_described_peer_support": rng.random() < 0.8,
                "status": status.value,
                "date_scoped": scoped.isoformat(),
                # Seen running when scoped: checked then, long before the last 12 months.
                "last_verified": scoped.isoformat() if status == Status.ACTIVE else None,
                "scoped_by_name": rng.choice(INITIALS),
                "notes": rng.choice(NOTES),
            }
            yield {**row, "delivered_by": delivered_by(row)}
