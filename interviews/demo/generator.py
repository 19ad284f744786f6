"""Made-up interviews for a local copy, so the coding screens and the report pages'
interview panels have something to show, and what they show agrees with the study.

Nobody here is real. Who was interviewed in each place follows what the study's
"Scoping Highlights" pages say of its interviews (``INTERVIEWED``): sectors, paid or
volunteer. The numbers are made up, with no count of 1 or 2 in any panel, so small-number
protection hides nothing and the panels read as the study's statements do. Each
participant answers a few topics of their question guide in short, plausible sentences,
coded with themes shared by at least three people in their place (their group's, with
the themes the study found strongest there); some answers hold a planted name, phone
number or e-mail address, which the demo then anonymises before approving.
"""

import datetime
import random

from activities.vocabulary.terms import Sector
from interviews.models import ParticipantRole

PLACE_CODES = {
    "leeds": "LDS",
    "bradford-craven": "BRD",
    "wakefield": "WKF",
    "kirklees": "KRK",
    "calderdale": "CAL",
    "harrogate-rural-district": "HRG",
}
FIRST = ["Alex", "Sam", "Priya", "Tomasz", "Grace", "Imran", "Hannah", "Kofi", "Megan", "Dev"]
LAST = ["Ashworth", "Begum", "Clarke", "Dobson", "Evans", "Farooq", "Gill", "Holroyd"]
# Staff the demo transcripts mention; the demo adds them to the names to anonymise.
STAFF = ["Claire Dawson", "Nadia Hussain"]
TS, PARTNERSHIP, NHS, COMMUNITY, LA = (
    Sector.THIRD_SECTOR,
    Sector.PARTNERSHIP_NHS,
    Sector.NHS,
    Sector.COMMUNITY,
    Sector.LOCAL_AUTHORITY,
)
# Who was interviewed in each place: {sector: people}, how many were paid (the rest
# volunteered) and how many of the paid were managers or co-ordinators. What the study
# says of each place (its Scoping Highlights pages) is beside it; Calderdale's page says
# nothing of its interviews. The region: "Majority of interviews ... within the Third
# Sector and Partnerships incl. NHS" (43 of 72), "lower numbers for the local authority"
# (3), "Vast majority ... were paid workers, followed by volunteers" (50 of 72: the most
# the places allow with every volunteer count at least 3 and Wakefield's own "vast
# majority ... volunteers").
INTERVIEWED = {
    # "within the Third Sector and Partnerships incl. NHS"; "more interview representation
    # from local Community groups than NHS contacts"; "Over half ... with paid workers".
    "bradford-craven": ({TS: 5, PARTNERSHIP: 3, COMMUNITY: 4, NHS: 3}, 11, 3),
    "calderdale": ({TS: 3, COMMUNITY: 3}, 6, 3),
    # "within the Third Sector and Partnerships incl. NHS"; "Near equal balance of NHS and
    # community participants"; "Over 50% of interviews were with paid workers".
    "harrogate-rural-district": ({TS: 4, PARTNERSHIP: 3, NHS: 3, COMMUNITY: 3}, 10, 3),
    # "within the Third Sector"; "an equal presence ... between the NHS and with local
    # authority groups"; "Vast majority of people we interviewed were paid workers".
    "kirklees": ({TS: 7, NHS: 3, LA: 3}, 10, 3),
    # "within the Third Sector and Partnerships incl. NHS"; "high presence of peer support
    # in the NHS in contrast to fewer community groups"; "Majority ... with paid staff".
    "leeds": ({TS: 5, PARTNERSHIP: 4, NHS: 4}, 10, 3),
    # "within the Third Sector and NHS"; "high presence of peer support in the NHS in
    # contrast to fewer community groups"; "Vast majority ... were volunteers".
    "wakefield": ({TS: 6, NHS: 3, PARTNERSHIP: 3}, 3, 3),
}
VOLUNTEERING = "Volunteering, gaining paid employment and/or returning to work"
# The themes the study's findings name for a place ("Regional highlights"): each of its
# groups of participants raises the first, and the next groups the rest in turn.
PLACE_THEMES = {
    "bradford-craven": [VOLUNTEERING],
    "calderdale": ["Recovery focused", VOLUNTEERING],
    "harrogate-rural-district": ["Capacity"],
    "kirklees": ["Capacity", VOLUNTEERING],
    "leeds": [VOLUNTEERING],
    "wakefield": ["Recovery focused"],
}
GROUP = 3  # participants who share their coded themes: no theme counts 1 or 2 in a place

# (theme name from the codebook, answer): the answer is coded with that theme.
ANSWERS = [
    (
        "Shared experience",
        "For me peer support is sitting with someone who has been where I have been.",
    ),
    (
        "Non-clinical",
        "It isn't therapy, it's people, a brew and an hour where nobody judges you.",
    ),
    (
        "Ability to share lived experience",
        "I get as much out of the group as the people who come to it.",
    ),
    (
        "Creating a safe space",
        "The ground rules make it a safe space: what is said in the room stays in the room.",
    ),
    (
        "Signposting and referrals",
        "A lot of my week is signposting people to housing and debt advice.",
    ),
    ("Job satisfaction", "Seeing someone come back the second week is the best part of the job."),
    (
        "Managing interpersonal boundaries",
        "Boundaries are the hard bit, especially when people have your mobile.",
    ),
    ("Burnout", "Last winter I was running four groups and I burnt out, honestly."),
    (
        "Capacity",
        "The waiting lists are so long that people come to us while they wait.",
    ),
    (
        "A lack of understanding of peer support",
        "Some clinicians still think we are just there to make the tea.",
    ),
    (
        "Payment and the quality of peer support",
        "Being paid didn't change how I do it, but it made the team take it seriously.",
    ),
    (
        "Increased opportunities for co-production",
        "We designed the new course with the members, not for them.",
    ),
    (
        VOLUNTEERING,
        "I came to the group as a member, then volunteered, and now I'm paid staff.",
    ),
    ("Recovery focused", "It's all about recovery, about getting back out into the community."),
]
ANSWER_FOR = dict(ANSWERS)
PLANTED = [
    "You can ring me on 07700 900{n:03d} if you need anything else.",
    "My manager {staff} set the group up in 2018.",
    "Send the notes to {first}.{last}@example.org, that's fine.",
]


def _groups(count):
    """Sizes of groups of at least ``GROUP`` making up ``count`` people (13: 4, 3, 3, 3)."""
    sizes = [GROUP] * max(count // GROUP, 1)
    for i in range(count - sum(sizes)):
        sizes[i % len(sizes)] += 1
    return sizes


def _place_people(place, rng):
    """(sector, paid, role) for each person interviewed in ``place``, in a made-up order."""
    sectors, paid, managers = INTERVIEWED[place]
    people = [sector for sector, n in sectors.items() for _ in range(n)]
    rng.shuffle(people)
    return [
        (
            sector,
            i < paid,
            ParticipantRole.MANAGER if i < managers else ParticipantRole.WORKER,
        )
        for i, sector in enumerate(people)
    ]


def _group_themes(place, group, rng):
    """The three themes a group of participants in ``place`` is coded with."""
    own = PLACE_THEMES.get(place, [])
    themes = [own[group % len(own)]] if own else []
    others = [theme for theme, _ in ANSWERS if theme not in themes and theme not in own]
    return themes + rng.sample(others, 3 - len(themes))


def demo_participants(seed=2020):
    """Rows for participants, identities and one interview each, deterministic for a seed."""
    rng = random.Random(seed)
    rows = []
    for place, prefix in PLACE_CODES.items():
        people = _place_people(place, rng)
        coded_by_person = []
        for group, size in enumerate(_groups(len(people))):
            coded_by_person += [_group_themes(place, group, rng)] * size
        for number, ((sector, paid, role), coded) in enumerate(
            zip(people, coded_by_person, strict=True), 1
        ):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            uncoded = rng.sample([theme for theme, _ in ANSWERS if theme not in coded], 2)
            answers = [(theme, ANSWER_FOR[theme]) for theme in coded + uncoded]
            rng.shuffle(answers)
            planted = rng.choice(PLANTED).format(
                n=rng.randint(0, 999),
                staff=rng.choice(STAFF).split()[0],
                first=first.lower(),
                last=last.lower(),
            )
            lines = [f"Interviewer: How are you feeling today?\n{first}: Good, thanks."]
            for _theme, answer in answers:
                lines.append(f"Interviewer: Can you tell me more?\n{first}: {answer}")
            lines.append(f"Interviewer: Anything else?\n{first}: {planted}")
            rows.append(
                {
                    "code": f"{prefix}-{number:02d}",
                    "place": place,
                    "sector": sector,
                    "role": role,
                    "paid": paid,
                    "name": f"{first} {last}",
                    "contact": f"{first.lower()}@example.org",
                    "held_on": datetime.date(2020, 5, 1)
                    + datetime.timedelta(days=rng.randint(0, 90)),
                    "mode": rng.choice(["telephone", "video"]),
                    "guide": "manager" if role == ParticipantRole.MANAGER else "worker",
                    "transcript": "\n".join(lines) + "\n",
                    "coded": [(theme, ANSWER_FOR[theme]) for theme in coded],
                }
            )
    return rows
