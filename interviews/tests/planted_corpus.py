"""Interview transcripts as people really speak them, with planted personal details and
decoys, for the anonymiser's recall (``bench/anonymiser_recall.py`` and
``interviews/anonymisation/tests/test_recall.py``).

Each transcript is written from passages a participant might say, with slots filled per
participant. In a passage, ``⟦kind:text⟧`` is a planted detail (it must be redacted by the
anonymiser, or flagged for the reviewer) and ``⟨text⟩`` a decoy (it must stay: a town, a
month, "will", "English" the language). The names of every participant and member of
staff are known to the anonymiser, as in the app; everyone else is not.
"""

import random
import re
from dataclasses import dataclass, field

DIRECTORY_PLACES = [
    "Leeds",
    "Bradford & Craven",
    "Wakefield",
    "Kirklees",
    "Calderdale",
    "Harrogate & Rural District",
]
DIRECTORY_ORGANISATIONS = [
    "Leeds Mind",
    "Calderdale Carers Network",
    "Kirklees Peer Support Collective",
    "Sunrise Wellbeing Hub",
    "Hamara Healthy Living Centre",
    "Touchstone",
]
STAFF = ["Claire Dawson", "Imran Ali"]

# Participants: (full name, nickname), some with names that are ordinary words or places.
PARTICIPANTS = [
    ("Margaret Hughes", "Mags"),
    ("Jonathan Kaye", "Jonno"),
    ("Sharon Whitaker", "Shaz"),
    ("Gareth Lloyd", "Gaz"),
    ("Siobhan O'Connor", "Shiv"),
    ("Tom Wakefield", "Wakey"),
    ("Will Thompson", "Billy"),
    ("Rose English", "Rosie"),
    ("Mohammed Iqbal", "Mo"),
    ("Agnieszka Nowak", "Aggie"),
    ("Deborah Firth", "Debs"),
    ("Kevin Sutcliffe", "Kev"),
]
# People a participant mentions whom the system cannot know.
COLLEAGUES = [
    "Dinah Quarmby",
    "Zebedee Holroyd",
    "Nasreen Akhtar",
    "Barnaby Crowther",
    "Leanne Pickersgill",
    "Tariq Mahmood",
    "Bethany Ackroyd",
    "Tomasz Kowalski",
]
ORDINARY_FIRST = ["Will", "Rose", "Grace", "Mark", "Frank", "Joy", "Bill", "Dawn"]
MONTH_FIRST = ["May", "June", "April"]
ORDINARY_SURNAMES = ["English", "Wakefield", "Baker", "Bradford"]
RELATIVES = ["kieran", "chloe", "declan", "shannon", "bethan", "callum"]
STREETS = ["Chapel Street", "Woodhouse Lane", "Victoria Road", "Manor Drive", "Ash Grove"]
PARTIAL_POSTCODES = ["LS6", "BD7", "HX1", "WF1", "HD2", "HG1", "ls11", "bd3"]
POSTCODES = ["LS6 2QT", "BD7 1DP", "hx1 5lq", "WF10 4LL", "HD1 3RA", "HG1 2SR"]

PASSAGES = [
    # The participant's own names, in every case and form.
    "Interviewer: Could you say your name for the recording?\nParticipant: Yeah, it's "
    "⟦name:{full}⟧, but everyone calls me ⟦nickname:{nick}⟧.",
    "Participant: My mum still calls me ⟦name:{first_lower}⟧, even now. ⟨Will⟩ I ever "
    "live it down? I doubt it.",
    "Participant: At the hub they shout ⟦name:{FIRST}⟧! across the room when the kettle's on.",
    "Participant: The letter was addressed to ⟦name:{full_lower}⟧, all in lower case, which "
    "made me laugh.",
    "Participant: Honestly, ⟦name:{First}⟧'s first rule is: you listen before you talk.",
    # People the system cannot know.
    "Participant: My colleague ⟦name:{colleague}⟧ runs the Tuesday group with me. "
    "⟦name:{colleague_first}⟧ had a breakdown herself, a few years back.",
    "Participant: ⟦name:{colleague_first_lower}⟧ from the drop-in is brilliant, she ⟨may⟩ be "
    "leaving though, which would be a big loss.",
    "Participant: There's someone called ⟦name:{ordinary}⟧ who comes every week. "
    "⟦name:{ordinary}⟧ says it's the only place they feel normal. I ⟨will⟩ miss him.",
    "Participant: My husband ⟦name:{ordinary2}⟧ drives me in on a ⟨Tuesday⟩, and I get the "
    "bus back to ⟨Halifax⟩.",
    "Participant: Since ⟨April⟩ we've had a new supervisor, ⟦name:{month_name} {surname}⟧, "
    "and she's made a real difference.",
    "Participant: There's a woman called ⟦name:{month_name}⟧ who sits by the door. "
    "⟦name:{month_name}⟧ is in her seventies and never misses a session, not since ⟨June⟩.",
    "Participant: My manager is ⟦name:{manager_first} {ordinary_surname}⟧. She's from "
    "⟨Wakefield⟩ originally, moved over to ⟨Leeds⟩ for work.",
    "Participant: Our ⟦name:{relative}⟧, that's my daughter, helps out at the summer fair "
    "when she can.",
    "Participant: I said to ⟦name:{relative_cap}⟧, you ⟨may⟩ as well come along, and she did.",
    "Participant: [⟦note:{COLLEAGUE_FIRST}⟧ LAUGHS] Well, she would say that, wouldn't she.",
    "Participant: We've got a regular we call big ⟦nickname:{nick_other}⟧, he's the heart of "
    "the place.",
    "Participant: Everyone knows ⟦nickname:{Nick_other}⟧ down there, you can't miss him.",
    "Participant: I went to ⟦name:{staff_first}⟧ about it, and she sorted it the same day.",
    "Participant: ⟦name:{other_participant}⟧ was in the same group as me, funnily enough.",
    # Contact details, written and said.
    "Participant: You can e-mail me, it's ⟦email:{first_lower}{last_lower} at hotmail dot co "
    "dot uk⟧, all lower case.",
    "Participant: Or the work one, ⟦email:{first_lower} dot {last_lower} at nhs dot net⟧.",
    "Participant: My e-mail is ⟦email:{first_lower}.{last_lower}@gmail.com⟧ if that helps.",
    "Participant: My mobile is ⟦phone:oh seven seven double oh nine double oh {spoken3}⟧, "
    "ring after six.",
    "Participant: Text me on ⟦phone:07700 900{digits3}⟧ if you need anything else.",
    "Participant: The office number is ⟦phone:oh one one three, four nine six, oh {spoken3}⟧.",
    "Participant: They asked for my NHS number on the form, it's ⟦nhs_number:{nhs_odd}⟧.",
    "Participant: My NHS number? It's ⟦nhs_number:{nhs_spoken}⟧, I know it by heart.",
    # Where people live and work.
    "Participant: I'm over in ⟦postcode:{partial}⟧, near the park, just off ⟨the M62⟩.",
    "Participant: Post it to ⟦postcode:{postcode}⟧ and it'll reach me.",
    "Participant: The group meets at ⟦street:{number} {street}⟧, the old chapel, just off "
    "⟨the main road⟩.",
    "Participant: I live on ⟦street:{street_lower}⟧ now, it's quieter than ⟨our street⟩ was.",
    "Participant: I work the wards at ⟦place:Bradford Royal Infirmary⟧ on a ⟨Wednesday⟩.",
    "Participant: I was an inpatient at ⟦place:St James⟧'s Hospital for six weeks.",
    "Participant: Before that I volunteered at ⟦organisation:Leeds Mind⟧, and our local "
    "⟦organisation:Mind⟧ over in ⟨Halifax⟩.",
    "Participant: The ⟦organisation:Calderdale Carers Network⟧ refer people to us, and so "
    "does ⟦organisation:Touchstone⟧.",
    "Participant: I don't ⟨mind⟩ admitting the first year at ⟦organisation:Sunrise Wellbeing "
    "Hub⟧ was hard.",
    # Decoys only.
    "Participant: We speak ⟨English⟩ in the group, mostly, and some ⟨Urdu⟩.",
    "Participant: I grew up in ⟨Wakefield⟩ and still live near ⟨Wakefield⟩ town centre.",
    "Participant: In ⟨May⟩ we lost our funding, and by ⟨June⟩ we'd found some more. "
    "You ⟨will⟩ always find a way if you ⟨hope⟩ hard enough.",
    "Participant: To be ⟨frank⟩, the gas ⟨bill⟩ worries people more than anything.",
    "Participant: People from ⟨Bradford⟩, ⟨Keighley⟩ and ⟨Huddersfield⟩ come, which surprised us.",
    "Participant: It's been a saving ⟨grace⟩, peer support, and I ⟨will⟩ say that to anyone.",
    "Participant: Numbers ⟨rose⟩ over the winter, as they always do.",
]


@dataclass
class Transcript:
    text: str
    names: list  # every participant's and member of staff's name the system knows
    planted: list = field(default_factory=list)  # (kind, start, end, value)
    decoys: list = field(default_factory=list)  # (start, end, value)


def _nhs_number(rng):
    while True:
        digits = [rng.choice("4567")] + [rng.choice("0123456789") for _ in range(8)]
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            return "".join(digits) + str(check)


def _odd_grouping(rng, number):
    groups = rng.choice([(4, 3, 3), (2, 2, 2, 2, 2), (3, 7), (5, 5), (10,)])
    pieces, at = [], 0
    for size in groups:
        pieces.append(number[at : at + size])
        at += size
    return rng.choice([" ", "-"]).join(pieces)


def _spoken(digits):
    words = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return " ".join(words[int(d)] for d in digits)


def _slots(rng, index):
    full, nick = PARTICIPANTS[index % len(PARTICIPANTS)]
    first, last = full.split(" ", 1)
    colleague = rng.choice(COLLEAGUES)
    others = [p for p, _ in PARTICIPANTS if p != full]
    nick_other = rng.choice(["Jonno", "Tommo", "Robbo", "Baz", "Gaz", "Kez"])
    nick_other = nick_other if nick_other != nick else "Robbo"
    nhs = _nhs_number(rng)
    relative = rng.choice(RELATIVES)
    street = rng.choice(STREETS)
    return {
        "full": full,
        "full_lower": full.lower(),
        "nick": nick,
        "first_lower": first.lower(),
        "last_lower": last.lower().replace("'", ""),
        "FIRST": first.upper(),
        "First": first,
        "colleague": colleague,
        "colleague_first": colleague.split()[0],
        "colleague_first_lower": colleague.split()[0].lower(),
        "COLLEAGUE_FIRST": colleague.split()[0].upper(),
        "ordinary": rng.choice(ORDINARY_FIRST),
        "ordinary2": rng.choice(["Mark", "Frank", "Bill", "Will"]),
        "month_name": rng.choice(MONTH_FIRST),
        "surname": rng.choice(["Okafor", "Haigh", "Lister", "Brook"]),
        "manager_first": rng.choice(["Sarah", "Helen", "Karen", "Julie"]),
        "ordinary_surname": rng.choice(ORDINARY_SURNAMES),
        "relative": relative,
        "relative_cap": relative.capitalize(),
        "nick_other": nick_other.lower(),
        "Nick_other": nick_other,
        "staff_first": rng.choice(STAFF).split()[0],
        "other_participant": rng.choice(others),
        "spoken3": _spoken(f"{rng.randint(0, 999):03d}"),
        "digits3": f"{rng.randint(0, 999):03d}",
        "nhs_odd": _odd_grouping(rng, nhs),
        "nhs_spoken": _spoken(_nhs_number(rng)),
        "partial": rng.choice(PARTIAL_POSTCODES),
        "postcode": rng.choice(POSTCODES),
        "number": str(rng.randint(2, 140)),
        "street": street,
        "street_lower": street.lower(),
    }


MARK = re.compile(r"⟦(\w+):([^⟧]+)⟧|⟨([^⟩]+)⟩")


def parse(marked, names):
    """A transcript from text with ⟦kind:planted⟧ and ⟨decoy⟩ marks."""
    transcript = Transcript(text="", names=names)
    position = 0
    for match in MARK.finditer(marked):
        transcript.text += marked[position : match.start()]
        start = len(transcript.text)
        value = match.group(2) or match.group(3)
        transcript.text += value
        if match.group(1):
            transcript.planted.append((match.group(1), start, len(transcript.text), value))
        else:
            transcript.decoys.append((start, len(transcript.text), value))
        position = match.end()
    transcript.text += marked[position:]
    return transcript


def build_corpus(size=36, seed=29):
    """``size`` transcripts, each of about twenty passages; every passage appears in some."""
    rng = random.Random(seed)
    names = [p for p, _ in PARTICIPANTS] + STAFF
    corpus = []
    for index in range(size):
        slots = _slots(rng, index)
        chosen = rng.sample(range(len(PASSAGES)), 20)
        chosen += [index % len(PASSAGES)]
        passages = [PASSAGES[i].format(**slots) for i in sorted(set(chosen))]
        marked = "\n".join(passages) + "\nInterviewer: Thank you, that's everything.\n"
        corpus.append(parse(marked, names))
    return corpus
