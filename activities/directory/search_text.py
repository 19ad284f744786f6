"""The directory's free-text search, bounded before it reaches the database.

A search of hundreds of words built an SQLite expression too deep to run
(four LIKEs a word) and made the streamed CSV export end empty; a run of 33
hyphens made PostgreSQL's ``websearch_to_tsquery`` nest a NOT per hyphen
until its stack ran out. So a search keeps at most ``MAX_SEARCH_WORDS`` words
(a hyphenated word counts each part) and ``MAX_SEARCH_CHARACTERS`` characters,
runs of symbols shrink to their first, and tokens with no letter or digit are
dropped (a lone ``"`` stays, for phrases). The person is told when their
search was changed, with what was searched instead.
"""

import re
from dataclasses import dataclass

MAX_SEARCH_WORDS = 12
MAX_SEARCH_CHARACTERS = 200

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SYMBOL_RUN = re.compile(r"[^\w\s]{2,}")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchText:
    text: str
    note: str = ""


def search_text_bound(raw):
    """A ``SearchText``: what to search for, and a note for the person if it was changed."""
    original = " ".join(_CONTROL.sub(" ", raw or "").split())
    tokens = []
    for token in original.split():
        token = _SYMBOL_RUN.sub(lambda run: run.group()[0], token)
        if token == '"' or _WORD.search(token):
            tokens.append(token)
    kept, words, cut = [], 0, False
    for token in tokens:
        parts = list(_WORD.finditer(token))
        if words + len(parts) > MAX_SEARCH_WORDS:
            room = MAX_SEARCH_WORDS - words
            if room:
                kept.append(token[: parts[room - 1].end()])
            cut = True
            break
        kept.append(token)
        words += len(parts)
    text = " ".join(kept)
    if len(text) > MAX_SEARCH_CHARACTERS:
        text = text[:MAX_SEARCH_CHARACTERS].rstrip()
        cut = True
    if cut:
        note = (
            f"A search uses at most {MAX_SEARCH_WORDS} words and {MAX_SEARCH_CHARACTERS} "
            f"characters, so this one was cut to: “{text}”."
        )
    elif text != original:
        note = (
            f"Runs of symbols such as “--” cannot be searched for, so this searched for: “{text}”."
        )
    else:
        note = ""
    return SearchText(text, note)
