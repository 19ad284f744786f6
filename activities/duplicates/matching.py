"""When two names (of activities, or of organisations) are close enough to be one thing.

Champions in neighbouring places write the same service down a little differently:
"Walk & Talk" and "Walk and Talk", "Hearing Voices Group (Leeds)" and "Hearing Voice
Group", "Leeds Mind Ltd" and "Leeds Mind". The rule (docs/directory.md, "Possible
duplicates") is, after ``words`` has normalised both names:

- the same words, in any order, each allowing a small slip of spelling: the same
  first letter and at most ``SLIPS_SHORT`` letter(s) different in a word of up to
  five letters, ``SLIPS_LONG`` in a longer one ("voices"/"voice", "centre"/"center";
  never "mens"/"womens" or "walk"/"talk");
- the same numbers ("Group 2" is not "Group 3");
- and the whole names at least ``THRESHOLD`` per cent alike (rapidfuzz's
  ``token_sort_ratio``, which ignores word order).

Because each word must keep its first letter, two names that match always have the
same letters starting their words: ``block_key`` is that set, and candidates are only
ever compared inside one block (``activities.duplicates.finder``).
"""

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

THRESHOLD = 85
SLIPS_SHORT = 1
SLIPS_LONG = 2
SHORT_WORD = 5

_BRACKETED = re.compile(r"[(\[][^)\]]*[)\]]")
_AMPERSAND = re.compile(r"&|\+")
_NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)
# Words that tell nothing apart: articles and joining words, and an organisation's
# legal form ("Leeds Mind Ltd" is Leeds Mind).
_NAME_FILLER = frozenset({"the", "and", "a", "an", "of", "for", "in", "at", "n"})
_ORGANISATION_FILLER = _NAME_FILLER | frozenset(
    {"ltd", "limited", "cic", "cio", "plc", "inc", "llp", "uk"}
)


def _words(text, filler):
    text = unicodedata.normalize("NFKD", str(text or "")).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))  # "café"
    text = _BRACKETED.sub(" ", text)  # "(Leeds)", "[closed]"
    text = _AMPERSAND.sub(" and ", text)
    text = text.replace("'", "").replace("\u2019", "")  # "men's" is "mens"
    return tuple(word for word in _NOT_WORD.sub(" ", text).split() if word not in filler)


@lru_cache(maxsize=65536)
def words(name):
    """An activity's name as the words that count: "The Walk & Talk (Leeds)" -> ("walk", "talk")."""
    return _words(name, _NAME_FILLER)


@lru_cache(maxsize=16384)
def organisation_words(name):
    """An organisation's name as the words that count: "Leeds Mind Ltd." -> ("leeds", "mind")."""
    return _words(name, _ORGANISATION_FILLER)


def block_key(word_list):
    """The first letters of the words, sorted: names that can match share it."""
    return "".join(sorted(word[0] for word in word_list))


def _word_close(a, b):
    if a == b:
        return True
    if a[0] != b[0] or a.isdigit() or b.isdigit():
        return False
    slips = SLIPS_SHORT if max(len(a), len(b)) <= SHORT_WORD else SLIPS_LONG
    return Levenshtein.distance(a, b, score_cutoff=slips) <= slips


def similarity(a, b):
    """How alike two word lists are, 0-100, ignoring word order."""
    return fuzz.token_sort_ratio(" ".join(a), " ".join(b))


def close(a, b):
    """Whether two word lists (``words`` or ``organisation_words``) name one thing."""
    if a == b:
        return bool(a)
    if not a or not b or len(a) != len(b) or block_key(a) != block_key(b):
        return False
    unmatched = list(b)
    for word in a:
        partner = next((other for other in unmatched if _word_close(word, other)), None)
        if partner is None:
            return False
        unmatched.remove(partner)
    return similarity(a, b) >= THRESHOLD


def names_close(a, b):
    """Two activity names (as written) close enough to be one activity."""
    return close(words(a), words(b))


def organisations_close(a, b):
    """Two organisations' names (as written; blank for none) close enough to be one.

    Two activities with no organisation count as having the same (none)."""
    a_words, b_words = organisation_words(a), organisation_words(b)
    if not a_words and not b_words:
        return True
    return close(a_words, b_words)
