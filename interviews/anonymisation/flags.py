"""Words a person should look at before a transcript is approved.

The anonymiser replaces what it can recognise: contact details, and the names of
every participant and every member of staff the system knows. Anyone else a
participant mentions (a colleague, a relative, a ward) it cannot know. So, as
the UK Data Service's text anonymisation helper does, every capitalised word
and every number it left is *flagged* for a person to decide on, and so is, in any
case, a first name on the names list ("jane"), a word that is an ordinary word but
reads as a name where it stands ("my colleague Will", ``name_context``), a nickname
after "call me", an organisation in the directory and a street. Words that run
together ("Bradford Royal Infirmary", "Jane Smith") are one flag, decided once.
Left alone: the common words below, the team's own list (``SafeWord``, in the admin),
and places (the directory's and the region's, ``name_lists.local_places``) unless
they read as a name. Each flag is resolved by redacting it (every occurrence, in any
case, becomes one tag) or keeping it with a reason (``flag_decisions.flag_resolve``);
approval waits until none is open.
"""

import re
from dataclasses import dataclass

from interviews.anonymisation.name_context import (
    STRONG_CUES,
    after_cue,
    month_context,
    reads_as_name,
)
from interviews.anonymisation.name_lists import (
    ORDINARY_NAME_WORDS,
    first_names,
    local_places,
    surnames,
)

# Words that start sentences or are capitalised by convention, never a person.
_COMMON = """
    a about after again all also although always an and another any anyone anything are
    as at be because been before being both but by can could did do does doing don't
    during each either even every everyone everything few for from had has have having he
    her here hers him his how however i i'd i'll i'm i've if in into is it it's its just
    let like many may maybe me might more most much my myself never no nobody none nor not
    nothing now of off oh ok okay on once one only or other others our ours out over
    perhaps please quite rather really right she should since so some someone something
    sometimes still such sure than thank thanks that that's the their theirs them then
    there there's these they they're this those though through thus to too under unless
    until up upon us very was we we'd we'll we're we've well were what what's whatever
    when where whether which while who whoever whole whom whose why will with within
    without would yeah yes yet you you'd you'll you're you've your yours
    absolutely actually anyway basically because certainly definitely especially
    everybody first generally going good great honestly hopefully ideally initially
    look lots normally obviously people personally probably say says said see so
    somebody sorry tell think know go get got went yeah yep hmm um erm ah
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december christmas easter
    interviewer participant interview question answer
    nhs gp gps ccg ccgs ics icb covid coronavirus lockdown zoom teams whatsapp facebook
    england english britain british uk wales scotland yorkshire
    mental health peer support worker workers volunteer volunteers manager managers
    coordinator co-ordinator service services team group groups project charity
    council trust hospital recovery college centre center community sector third
    local authority partnership network forum board
    mr mrs ms miss dr
    laughs laughing laughter inaudible pause pauses paused crosstalk sighs sigh coughs
    cough crying cries unclear overlapping indistinct silence interrupts interruption
    redacted
    urdu punjabi polish arabic bengali gujarati kurdish somali romanian french spanish
"""
COMMON_WORDS = frozenset(_COMMON.split())

# The anonymiser's and the reviewers' own tags; "[JANE LAUGHS]" is a transcriber's note,
# whose words are flagged like any other.
OWN_TAGS = (
    r"NAME(?: \d{1,4})?|PHONE|EMAIL|URL|POSTCODE|NHS NUMBER|REDACTED|PLACE|ORGANISATION|NUMBER"
)
TAG = re.compile(rf"\[(?:{OWN_TAGS})\]")
TOKEN = re.compile(r"\d[\d,.:/]*\d|\d|[^\W\d_][\w'’-]*")
POSSESSIVE = re.compile(r"['’]s?$")

# A street: a house number and any words, or capitalised words, then the kind of street.
_STREET_KINDS = [
    "Street",
    "Road",
    "Lane",
    "Avenue",
    "Close",
    "Drive",
    "Way",
    "Crescent",
    "Terrace",
    "Grove",
    "Place",
    "Gardens",
    "Court",
    "Mews",
    "Walk",
    "Row",
    "Square",
    "Parade",
    "View",
    "Rise",
    "Fold",
    "Croft",
    "Mount",
]
STREET = re.compile(
    r"(?:(?<![\w.,])\d{1,4}[a-z]?,?[ \t]+(?:[^\W\d_][\w'’-]*[ \t]+){1,3}"
    rf"(?i:{'|'.join(_STREET_KINDS)})"
    r"|(?<![\w'’-])(?:[^\W\d_][\w'’-]*[ \t]+){1,2}"
    rf"(?i:{'|'.join(k.lower() for k in _STREET_KINDS if k not in ('Way', 'View', 'Place', 'Row'))})"
    r")(?![\w-])"
)
# Words before a street kind that make it no street's name ("the main road", "a cul-de-sac").
_NOT_STREET_NAMES = frozenset(
    [
        "high",
        "main",
        "back",
        "ring",
        "side",
        "busy",
        "long",
        "quiet",
        "dead",
        "end",
        "new",
        "old",
        "private",
        "country",
        "slip",
    ]
)
# After "call me" or "known as", words that are no nickname ("called back", "call me names").
_NOT_NICKNAMES = frozenset(
    [
        "back",
        "in",
        "out",
        "off",
        "up",
        "round",
        "over",
        "it",
        "him",
        "her",
        "them",
        "me",
        "us",
        "names",
        "time",
    ]
)
_MOTORWAY = re.compile(r"[AM]\d{1,4}")
# A transcriber's note about someone: "[JANE LAUGHS]", "[Will, inaudible]".
NOTE = re.compile(
    r"\[([^\W\d_][\w'’-]*),?\s+(?:laughs|laughing|laughter|sighs|coughs|cries|crying|"
    r"inaudible|pauses|interrupts|overlapping|speaks|shouts|whispers)[^\]\n]{0,40}\]",
    re.IGNORECASE,
)
_NOT_NOTE_NAMES = frozenset(
    ["he", "she", "they", "both", "all", "everyone", "participant", "interviewer", "i", "p", "r"]
)


@dataclass(frozen=True)
class Flag:
    """A flagged word, phrase or number: how it reads, how often, where it first appears,
    and where each occurrence the flagger found is (``spans``)."""

    word: str
    count: int
    first: int
    kind: str  # "word", "phrase", "number", "organisation" or "street"
    spans: tuple = ()


def phrase_pattern(phrases):
    """One pattern matching any of ``phrases`` as whole words, ignoring case and spacing."""
    parts = sorted({" ".join(p.split()) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not parts:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def normalise(word):
    """The form a flag and a decision go by: no possessive, curly apostrophes straight,
    one space between words."""
    word = " ".join(word.replace("’", "'").split()).strip("-'")
    return POSSESSIVE.sub("", word) if not word[:1].isdigit() else word


def key(word):
    """What makes two flags or decisions the same: ``normalise``d, in lower case."""
    return normalise(word).lower()


def _blank(chars, start, end):
    chars[start:end] = " " * (end - start)


def ambiguous(word, places=None):
    """Whether ``word`` is an ordinary word or a place as well as a name, so a decision on it
    takes only the occurrences flagged (where it reads as a name), not every one."""
    word = key(word)
    if " " in word or word[:1].isdigit():
        return False
    in_places = places is not None and places.fullmatch(word)
    return bool(
        word in COMMON_WORDS or word in ORDINARY_NAME_WORDS or word in local_places() or in_places
    )


def _streets(masked):
    """(start, end) of each street in ``masked``, without the common words before its name
    ("on the Chapel Street": "Chapel Street"); "the main road", "our street" are none."""
    for match in STREET.finditer(masked):
        start = match.start()
        if not match.group()[0].isdigit():
            for word in re.finditer(r"\S+\s+", match.group()):
                if word.group().strip().lower() not in COMMON_WORDS:
                    break
                start = match.start() + word.end()
            words = masked[start : match.end()].split()
            if len(words) < 2 or words[-2].lower() in _NOT_STREET_NAMES:
                continue
        yield start, match.end()


def _is_place(start, end, place_spans):
    return any(s <= start and end <= e for s, e in place_spans)


def _role(text, match, place_spans, safe, previous):
    """How a token takes part: "flag" (a flag, may run on), "solo" (a flag on its own),
    "place" (may run on), "number" or None."""
    token, start, end = match.group(), match.start(), match.end()
    if token[0].isdigit():
        return "number"
    word = normalise(token).lower()
    if not word:
        return None
    capital = token[0].isupper()
    if _is_place(start, end, place_spans) or word in local_places():
        if reads_as_name(text, start, start + len(normalise(token)), place=True):
            return "flag"
        return "place" if capital else None
    if word in safe:
        return None
    if word in COMMON_WORDS or word in ORDINARY_NAME_WORDS:
        named = word in first_names() or word in surnames() or word in ORDINARY_NAME_WORDS
        if named and reads_as_name(text, start, start + len(normalise(token))):
            return "flag"
        return None
    if word in first_names():
        return "flag"
    if after_cue(text, start, STRONG_CUES) and word not in _NOT_NICKNAMES:
        return "flag"
    if capital:
        if _MOTORWAY.fullmatch(token) and text[max(0, start - 4) : start].lower() == "the ":
            return None
        before = text[:start].rstrip(" \t")
        return "solo" if not before or before[-1] in '.!?:\n"“([' else "flag"
    if previous and word in surnames() and previous[1] == "flag":
        return "flag"  # "sarah smith"
    return None


MONTHS = frozenset({"may", "june", "april", "august", "march"})


def _once_a_name(text, tokens, found):
    """A month-like name ("May") flagged where it reads as a name is flagged wherever else
    it is capitalised and does not stand as a month: "called May ... May is twenty"."""
    named = {normalise(m.group()).lower() for m, role in tokens if role == "flag"}
    named |= {w.lower() for w, *_ in found}
    named &= MONTHS
    if not named:
        return tokens
    return [
        (m, "flag")
        if role is None
        and m.group()[0].isupper()
        and normalise(m.group()).lower() in named
        and not month_context(text, m.start(), m.start() + len(normalise(m.group())))
        else (m, role)
        for m, role in tokens
    ]


def _runs(masked, tokens):
    """Tokens that run together ("Bradford Royal Infirmary"): a space, " of " or " & "
    between them, and no possessive before the join."""
    run = []
    for match, role in tokens:
        if run:
            last = run[-1][0]
            gap = masked[last.end() : match.start()]
            joins = (
                role in ("flag", "place")
                and run[-1][1] in ("flag", "place")
                and gap in (" ", " of ", " & ")
                and not POSSESSIVE.search(last.group())
            )
            if not joins:
                yield run
                run = []
        run.append((match, role))
    if run:
        yield run


def find_flags(text, *, safe=frozenset(), places=None, organisations=None, kept=frozenset()):
    """The flags in ``text``, in order of first appearance.

    ``safe``: extra safe words, lower case; ``places``: a ``phrase_pattern`` of place names
    left alone; ``organisations``: a ``phrase_pattern`` of organisation names, each
    flagged as one phrase; ``kept``: words already kept with a reason (any case).
    """
    kept = {key(k) for k in kept}
    chars = list(text)
    for match in TAG.finditer(text):
        _blank(chars, *match.span())
    found = []  # (word, kind, start, end)
    spans = (
        [(m.span(), "organisation") for m in organisations.finditer(text)] if organisations else []
    )
    spans += [(span, "street") for span in _streets("".join(chars))]
    for (start, end), kind in spans:
        if chars[start:end] != list(text[start:end]):
            continue  # a street inside an organisation's name, or a tag
        found.append((text[start:end], kind, start, end))
        _blank(chars, start, end)
    for match in NOTE.finditer("".join(chars)):
        if match.group(1).lower() not in _NOT_NOTE_NAMES | safe:
            found.append((match.group(1), "word", *match.span(1)))
            _blank(chars, *match.span(1))
    masked = "".join(chars)
    place_spans = [m.span() for m in places.finditer(masked)] if places is not None else []
    tokens, previous = [], None
    for match in TOKEN.finditer(masked):
        role = _role(text, match, place_spans, safe, previous)
        previous = (match, role)
        tokens.append(previous)
    tokens = _once_a_name(text, tokens, found)
    for run in _runs(masked, tokens):
        roles = [role for _, role in run]
        if "flag" not in roles and "solo" not in roles and "number" not in roles:
            continue
        if len(run) == 1 or "solo" in roles or "number" in roles:
            pieces = [[m] for m, role in run if role in ("flag", "solo", "number")]
        else:
            pieces = [[m for m, _ in run]]
        for piece in pieces:
            start, last = piece[0].start(), piece[-1]
            end = last.start() + len(normalise(last.group())) if len(piece) == 1 else last.end()
            if len(piece) > 1 and POSSESSIVE.search(last.group()):
                end = last.end() - len(POSSESSIVE.search(last.group()).group())
            word = normalise(text[start:end])
            kind = "number" if word[:1].isdigit() else "phrase" if len(piece) > 1 else "word"
            found.append((word, kind, start, end))
    flags = {}
    for word, kind, start, end in sorted(found, key=lambda f: f[2]):
        k = key(word)
        if k in kept or not k:
            continue
        if k in flags:
            flag = flags[k]
            flags[k] = Flag(
                flag.word, flag.count + 1, flag.first, flag.kind, (*flag.spans, (start, end))
            )
        else:
            flags[k] = Flag(normalise(word), 1, start, kind, ((start, end),))
    return sorted(flags.values(), key=lambda f: f.first)


def occurrences(text, word):
    """The spans of ``word`` (or a phrase) in ``text`` as a whole word in any case (with a
    possessive after it, the word alone), outside tags."""
    chars = list(text)
    for match in TAG.finditer(text):
        _blank(chars, *match.span())
    masked = "".join(chars)
    pattern = re.escape(normalise(word)).replace("'", "['’]").replace(r"\ ", r"\s+")
    after = r"(?![.,:/]?\d)" if word[:1].isdigit() else ""
    found = re.finditer(rf"(?<![\w\[]){pattern}(?![\w\]]){after}", masked, re.IGNORECASE)
    return [m.span() for m in found]


def decision_spans(text, flag, places=None):
    """What a decision to redact ``flag`` replaces: the occurrences flagged and, unless the
    word is also an ordinary word or a place, every other occurrence in title case or
    capitals, and in lower case too if it is on the names lists ("zebedee" may be a name;
    "mind" in "I don't mind" is not the Mind flagged)."""
    spans = set(flag.spans)
    if not ambiguous(flag.word, places):
        lower_too = " " in flag.word or key(flag.word) in first_names() | surnames()
        spans.update(
            (start, end)
            for start, end in occurrences(text, flag.word)
            if lower_too or not text[start:end].islower()
        )
    chosen = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return chosen


def replace_spans(text, spans, tag):
    """``text`` with each of ``spans`` (in order, not overlapping) replaced by ``tag``."""
    for start, end in reversed(spans):
        text = text[:start] + tag + text[end:]
    return text


def context(text, start, end, width=60):
    """A line of text around a span, for the person deciding on a flag."""
    before = text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    after = text[end : end + width].split("\n", 1)[0]
    return before, text[start:end], after
