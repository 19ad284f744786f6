"""Made-up interviews for a local copy, so the coding screens have something to show.

Nobody here is real. Each participant answers a few topics of their question
guide in short, plausible sentences; some answers hold a planted name, phone
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
SECTORS = [Sector.THIRD_SECTOR, Sector.COMMUNITY, Sector.NHS, Sector.LOCAL_AUTHORITY]
SECTOR_WEIGHTS = [5, 3, 2, 1]  # mostly third sector, as in the study

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
]
PLANTED = [
    "You can ring me on 07700 900{n:03d} if you need anything else.",
    "My manager {staff} set the group up in 2018.",
    "Send the notes to {first}.{last}@example.org, that's fine.",
]


def demo_participants(seed=2020, per_place=6):
    """Rows for participants, identities and one interview each, deterministic for a seed."""
    rng = random.Random(seed)
    rows = []
    for place, prefix in PLACE_CODES.items():
        for number in range(1, per_place + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            role = rng.choice(list(ParticipantRole))
            answers = rng.sample(ANSWERS, 5)
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
                    "sector": rng.choices(SECTORS, SECTOR_WEIGHTS)[0],
                    "role": role,
                    "paid": rng.random() < 0.6,
                    "name": f"{first} {last}",
                    "contact": f"{first.lower()}@example.org",
                    "held_on": datetime.date(2020, 5, 1)
                    + datetime.timedelta(days=rng.randint(0, 90)),
                    "mode": rng.choice(["telephone", "video"]),
                    "guide": "manager" if role == ParticipantRole.MANAGER else "worker",
                    "transcript": "\n".join(lines) + "\n",
                    "coded": [(theme, answer) for theme, answer in answers[:3]],
                }
            )
    return rows
