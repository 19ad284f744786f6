"""A synthetic corpus of interview transcripts with planted personal details.

Every planted item is recorded with its kind and span, so tests can measure the
anonymiser's recall per kind, and check what must be left alone (invalid NHS
numbers, organisation websites, words that merely contain a name).
"""

import random
from dataclasses import dataclass, field

FIRST_NAMES = ["Jane", "Ann", "Ben", "Rob", "Pat", "Mohammed", "Siobhan", "Mary-Jane", "Tomasz"]
LAST_NAMES = ["Smith", "O'Connor", "Khan", "Patel", "Nowak", "Hughes", "Wright", "Begum"]
STAFF = ["Claire Dawson", "Imran Ali"]
# Ordinary words that contain a first name above; none may be redacted.
TRAPS = {
    "Jane": ["Janet", "janes"],
    "Ann": ["Annual", "planning", "annoyed"],
    "Ben": ["Benefits", "Bennett", "bench"],
    "Rob": ["Robust", "problem"],
    "Pat": ["Patient", "pathway", "Patrick"],
    "Mohammed": ["Mohammedan"],
    "Siobhan": ["Siobhans"],
    "Mary-Jane": ["Maryland"],
    "Tomasz": ["Tomaszewski"],
}
FILLER = [
    "Peer support for me is about being alongside someone who has been there too.",
    "We run a walking group on Tuesdays and a drop-in at the library.",
    "In 2019 we had about 40 members, and 12 of them now volunteer.",
    "The Sunrise Centre and Mind in Bradford refer people to us.",
    "Boundaries are hard when you share so much of your own story.",
    "Waiting lists at the NHS trust are long, so people come to us first.",
    "Supervision every 2 weeks keeps me well; I also have my own self-care plan.",
    "Being paid changed how the team saw me, but not how I do the work.",
    "Our funding runs until March 2021, then we reapply.",
    "We met 3 times on Zoom during lockdown, 10 to 12 people each time.",
    "Room 101 at the community hub is where the group meets.",
    "Our website is www.mind.org.uk and our charity number is 1098765.",
]
POSTCODE_AREAS = ["LS", "BD", "WF", "HD", "HX", "HG", "M", "B", "EC", "SW", "W", "YO", "L"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass
class Transcript:
    text: str
    names: list
    planted: list = field(default_factory=list)  # (kind, start, end, value)
    kept: list = field(default_factory=list)  # (kind, start, end, value): must stay


def nhs_number(rng, valid=True):
    while True:
        digits = [rng.choice("4567")] + [rng.choice("0123456789") for _ in range(8)]
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check == 10:
            continue
        if not valid:
            check = (check + rng.randint(1, 9)) % 10
        number = "".join(digits) + str(check)
        if rng.random() < 0.5:
            return f"{number[:3]} {number[3:6]} {number[6:]}"
        return number


def phone(rng):
    n = f"{rng.randint(0, 999):03d}"
    formats = [
        f"07700 900{n}",
        f"07700900{n}",
        f"+44 7700 900{n}",
        f"+447700900{n}",
        f"+44 (0)7700 900 {n}",
        f"(0113) 496 0{n}",
        f"0113 496 0{n}",
        f"0113-496-0{n}",
        f"020 7946 0{n}",
        f"+44 20 7946 0{n}",
        f"01632 960{n}",
        f"(01632) 960{n}",
        f"07700-900-{n}",
        f"0044 7700 900{n}",
        f"(+44) 113 496 0{n}",
        f"+44(0)113 496 0{n}",
        f"07700.900.{n}",
        f"0800 123 4{n}",
    ]
    return rng.choice(formats)


def postcode(rng):
    area = rng.choice(POSTCODE_AREAS)
    district = str(rng.randint(1, 29))
    if len(area) == 1 and rng.random() < 0.2:
        district = f"{rng.randint(1, 9)}{rng.choice('ABCDEFGHJKPSTUW')}"
    inward = f"{rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    code = f"{area}{district}{rng.choice([' ', ' ', ''])}{inward}"
    return rng.choice([code, code.lower(), code.upper()])


def email(rng, first, last):
    local = rng.choice(
        [
            f"{first}.{last}",
            f"{first[0]}_{last}{rng.randint(1, 99)}",
            f"{first}+peer",
            f"{last}.{first}".upper(),
        ]
    ).replace("'", "")
    domain = rng.choice(["example.org", "mail.co.uk", "gmail.com", "nhs.net", "Example.ORG"])
    return f"{local}@{domain}"


def name_variant(rng, name):
    variant = rng.choice([name, name.lower(), name.upper(), name])
    suffix = rng.choice(["", "'s", "’s", ""])
    if name.endswith("s") and suffix:
        suffix = "'"
    return variant, suffix


def build_transcript(rng):
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    full = f"{first} {last}"
    t = Transcript(text="", names=[full, *STAFF])

    def say(*pieces):
        for piece in pieces:
            if isinstance(piece, tuple):
                kind, value, keep = piece
                start = len(t.text)
                t.text += value
                (t.kept if keep else t.planted).append((kind, start, len(t.text), value))
            else:
                t.text += piece

    say(
        "Interviewer: Could you tell me your name?\nParticipant: It's ",
        ("name", full, False),
        ".\n",
    )
    for _ in range(rng.randint(6, 10)):
        choice = rng.randrange(11)
        say("Participant: ")
        if choice == 0:
            say("You can e-mail me at ", ("email", email(rng, first, last), False), ".")
        elif choice == 1:
            say("My number is ", ("phone", phone(rng), False), rng.choice([".", ", any time.", ""]))
        elif choice == 2:
            say("The group meets near ", ("postcode", postcode(rng), False), ", by the park.")
        elif choice == 3:
            say("My NHS number is ", ("nhs_number", nhs_number(rng), False), ".")
        elif choice == 4:
            say(
                "The reference on the letter was ",
                ("invalid_nhs", nhs_number(rng, False), True),
                ".",
            )
        elif choice == 5:
            variant, suffix = name_variant(rng, first)
            say("People call me ", ("name", variant, False), f"{suffix} mate at the hub.")
        elif choice == 6:
            staff = rng.choice(STAFF)
            variant, suffix = name_variant(rng, staff.split()[0])
            say("Our co-ordinator ", ("name", variant, False), f"{suffix} team helped.")
        elif choice == 7:
            trap = rng.choice(TRAPS[first])
            say("The ", ("trap", trap, True), " was mentioned again.")
        elif choice == 8:
            handle = f"{first}.{last}".lower().replace("'", "")
            say("Find me at ", ("url", f"https://www.facebook.com/{handle}", False), ".")
        elif choice == 9:
            say("Ring ", ("phone", phone(rng), False), " or write to ")
            say(("email", email(rng, first, last), False), ".")
        else:
            variant, suffix = name_variant(rng, last)
            say("Mrs ", ("name", variant, False), f"{suffix} daughter came along.")
        say(" ", rng.choice(FILLER), "\n")
    # Make sure every kind appears at least once in every transcript.
    say("Participant: Details: ", ("email", email(rng, first, last), False), ", ")
    say(("phone", phone(rng), False), ", ", ("postcode", postcode(rng), False), ", ")
    say(
        ("nhs_number", nhs_number(rng), False),
        "; not ",
        ("invalid_nhs", nhs_number(rng, False), True),
    )
    say(". ", ("trap", rng.choice(TRAPS[first]), True), " ", rng.choice(FILLER), "\n")
    return t


def build_corpus(size=60, seed=2020):
    rng = random.Random(seed)
    return [build_transcript(rng) for _ in range(size)]
