"""Words a person should look at before a transcript is approved.

The anonymiser replaces what it can recognise: contact details, and the names of
every participant and every member of staff the system knows. Anyone else a
participant mentions (a colleague, a relative, a ward) it cannot know. So, as
the UK Data Service's text anonymisation helper does, every capitalised word
and every number it left is *flagged* for a person to decide on, unless it is a
known safe word: the common words below, the team's own list (``SafeWord``, in
the admin), or part of a place or organisation name in the directory. Each
flag is resolved by redacting it or keeping it with a reason
(``flag_decisions.flag_resolve``); approval waits until none is open.
"""

import re
from dataclasses import dataclass

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
"""
COMMON_WORDS = frozenset(_COMMON.split())

TAG = re.compile(r"\[[A-Z][A-Z ]{0,30}(?: \d{1,4})?\]")  # [NAME 1], [PHONE], [REDACTED]
TOKEN = re.compile(r"\d[\d,.:/]*\d|\d|[^\W\d_][\w'’-]*")
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Flag:
    """A flagged word or number: how it reads, how often, where it first appears."""

    word: str
    count: int
    first: int
    kind: str  # "word" or "number"


def _masked(text, phrases):
    """The text with tags and directory names blanked out (same length, same offsets)."""
    spans = [m.span() for m in TAG.finditer(text)]
    if phrases:
        for match in phrases.finditer(text):
            spans.append(match.span())
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def phrase_pattern(phrases):
    """One pattern matching any of ``phrases`` as whole words, ignoring case and spacing."""
    parts = sorted({" ".join(p.split()) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not parts:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def normalise(word):
    """The form a flag and a decision go by: no possessive, curly apostrophes straight."""
    word = word.replace("’", "'").strip("-'")
    return POSSESSIVE.sub("", word) if not word[:1].isdigit() else word


def _flaggable(token, safe):
    if token[0].isdigit():
        return True
    if not token[0].isupper():
        return False
    word = normalise(token).lower()
    return bool(word) and word not in safe and word not in COMMON_WORDS


def find_flags(text, *, safe=frozenset(), phrases=None, kept=frozenset()):
    """The flags in ``text``, in order of first appearance.

    ``safe``: extra safe words, lower case; ``phrases``: a ``phrase_pattern`` of
    directory names; ``kept``: words already kept with a reason (as ``normalise`` gives).
    """
    found = {}
    for match in TOKEN.finditer(_masked(text, phrases)):
        token = match.group()
        if not _flaggable(token, safe):
            continue
        word = normalise(token)
        if word in kept:
            continue
        if word in found:
            flag = found[word]
            found[word] = Flag(word, flag.count + 1, flag.first, flag.kind)
        else:
            kind = "number" if word[0].isdigit() else "word"
            found[word] = Flag(word, 1, match.start(), kind)
    return sorted(found.values(), key=lambda f: f.first)


def occurrences(text, word):
    """The spans of ``word`` in ``text`` as a whole word (with a possessive after it, the
    word alone), outside tags."""
    masked = _masked(text, None)
    pattern = re.escape(word).replace("'", "['’]")
    after = r"(?![.,:/]?\d)" if word[:1].isdigit() else ""
    return [m.span() for m in re.finditer(rf"(?<![\w\[]){pattern}(?![\w\]]){after}", masked)]


def context(text, start, end, width=60):
    """A line of text around a span, for the person deciding on a flag."""
    before = text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    after = text[end : end + width].split("\n", 1)[0]
    return before, text[start:end], after
