"""Whether a word that is also an ordinary word or a place reads as a person's name where
it stands ("my colleague Will", "called may", "Sarah English", "Mr Wakefield"), so the
anonymiser and its flags take it there and leave "I will", "in May", "English" and
"Wakefield" the town alone.
"""

import re

from interviews.anonymisation.name_lists import CAPITALISED_ANYWAY, first_names, surnames

# Before a name in any case: "called will", "Mrs English", "known as gaz".
STRONG_CUES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "called", "named", "nicknamed"]
) | frozenset(
    [
        "name's",
        "name is",
        "name was",
        "known as",
        "call me",
        "calls me",
        "call him",
        "call her",
        "calls him",
        "calls her",
        "called me",
        "nickname is",
        "nickname's",
        "goes by",
    ]
)
# Before a capitalised name: the people in someone's life, and talking to them.
WEAK_CUES = frozenset(
    [
        "colleague",
        "colleagues",
        "friend",
        "friends",
        "mate",
        "mates",
        "manager",
        "boss",
        "supervisor",
        "husband",
        "wife",
        "partner",
        "son",
        "daughter",
        "sister",
        "brother",
        "mum",
        "mam",
        "mom",
        "dad",
        "nan",
        "nana",
        "grandma",
        "gran",
        "grandad",
        "grandpa",
        "auntie",
        "aunty",
        "aunt",
        "uncle",
        "cousin",
        "nephew",
        "niece",
        "our",
        "lady",
        "fella",
        "bloke",
        "lad",
        "girl",
        "told",
        "asked",
        "ask",
        "tell",
        "thank",
        "thanks",
        "with",
    ]
)
# After a capitalised name: "May said", "Will rang".
AFTER = frozenset(
    [
        "said",
        "says",
        "told",
        "asked",
        "rang",
        "rings",
        "phoned",
        "texted",
        "messaged",
        "reckons",
        "helped",
        "emailed",
    ]
)
# Words after a capitalised month that do not make it a first name ("May Day").
NOT_SURNAMES = frozenset(
    [
        "day",
        "days",
        "bank",
        "time",
        "holiday",
        "holidays",
        "half",
        "term",
        "fair",
        "festival",
        "fool",
        "fools",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)

# Words before a month ("in May", "since June") or after it ("May 2020", "June half term").
MONTH_BEFORE = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "of",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "end",
        "each",
        "every",
        "this",
        "that",
        "before",
        "after",
        "during",
        "through",
        "to",
        "and",
        "or",
        "between",
    ]
)
MONTH_AFTER = frozenset(["bank", "half", "term", "holiday", "holidays", "time"])

_WORD = r"[^\W\d_][\w'’-]*"
_PREVIOUS = re.compile(rf"({_WORD})[ \t]+$")
_NEXT = re.compile(rf"(?:['’]s?)?[ \t]+({_WORD})")
_BRACKETS = re.compile(r"\[[^\]\n]*\]")
_TITLE_DOT = re.compile(r"(?i)\b(mrs|mr|ms|mx|dr)\.")
_SENTENCE_END = '.!?:;\n"“(['


def _bare(word):
    return re.sub(r"['’]s?$", "", word).lower()


def words_before(text, start, count=2):
    """Up to ``count`` words before ``start`` in the same sentence, lower case, nearest first."""
    window = _TITLE_DOT.sub(r"\1 ", text[max(0, start - 60) : start])
    window = _BRACKETS.sub(" ", window)  # a tag or a note: "[NAME 1] is" is no "name is"
    cut = max(window.rfind(c) for c in _SENTENCE_END)
    return [w.lower() for w in re.findall(_WORD, window[cut + 1 :])][::-1][:count]


def sentence_initial(text, start):
    """Whether the word at ``start`` begins a sentence, a turn or a bracket."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END


def previous_word(text, start):
    match = _PREVIOUS.search(text[max(0, start - 40) : start])
    return match.group(1) if match else ""


def next_word(text, end):
    match = _NEXT.match(text, end)
    return match.group(1) if match else ""


def after_cue(text, start, cues):
    before = words_before(text, start)
    return bool(before) and (before[0] in cues or " ".join(before[1::-1]) in cues)


def month_context(text, start, end):
    """Whether the word at ``text[start:end]`` (May, June) stands as a month there."""
    before = text[max(0, start - 12) : start].rstrip()
    if before[-1:].isdigit():
        return True
    following = next_word(text, end)
    if following.lower() in MONTH_AFTER or re.match(r"\s+\d", text[end : end + 3]):
        return True
    return previous_word(text, start).lower() in MONTH_BEFORE


def reads_as_name(text, start, end, *, place=False):
    """Whether the word at ``text[start:end]`` reads as someone's name there.

    A place ("Wakefield") only after a title or cue ("Mr Wakefield", "called Wakefield")
    or as the surname after a first name ("Tom Wakefield"); a month or a language ("May",
    "English") also before a surname, after a relation or "told"/"asked", or before
    "said"; any other ordinary word ("Will", "Rose") wherever it is capitalised mid-sentence.
    """
    word = text[start:end]
    if after_cue(text, start, STRONG_CUES):
        return True
    if not word[:1].isupper():
        return False
    before = previous_word(text, start)
    if before[:1].isupper() and _bare(before) in first_names():
        return True
    if place:
        return False
    following = next_word(text, end)
    if following.lower() in AFTER:
        return True
    surname_after = following[:1].isupper() and _bare(following) not in NOT_SURNAMES
    if surname_after and (_bare(following) in surnames() or not sentence_initial(text, start)):
        return True
    if _bare(word) in CAPITALISED_ANYWAY:
        return after_cue(text, start, WEAK_CUES)
    return not sentence_initial(text, start) or word.endswith(("'s", "’s"))
