"""How a person is written: every form of a withdrawing participant's names, nicknames,
contact details and code as one pattern, matched ignoring case and only as whole words,
and text with those traces replaced.

``PersonTraces.of(participant)`` is built before their rows are deleted; withdrawal then
uses it on what is left of everyone else's records (``interviews.erasure.elsewhere``).

- **Names**: the full name and each other name (``ParticipantIdentity.other_names``:
  nicknames, former names) as written, any spacing; and each part of them of two
  letters or more (a first name alone, a surname alone), except titles such as "Dr".
- **E-mail addresses**: as written, in any case (``JANE.SMITH@NHS.NET``).
- **Telephone numbers**: by their digits, with any spaces, hyphens, dots or brackets
  between them, and with ``+44``/``0044`` for the leading 0.
- **The code** (``LDS-07``), as a whole word.

A single name part is ambiguous (another Jane); the erasure errs on the side of the
withdrawn person: a first name alone is replaced too. Only the names list keeps a row
that shares a mere name part with them (``concerns_only_them``).
"""

import re
from dataclasses import dataclass

# Contact details and the code first: at one position they win over a name part
# ("jane" of jane.smith@nhs.net).
TAGS = {"email": "[EMAIL]", "phone": "[PHONE]", "code": "[WITHDRAWN]", "name": "[NAME]"}
# Titles and particles are not a trace of anyone in particular.
NOT_A_NAME = {
    *("mr", "mrs", "ms", "mx", "miss", "dr", "prof", "rev", "sir", "dame", "lady", "lord"),
    *("de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "st", "bin", "al"),
}
NAME_PART = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
SEPARATORS = re.compile(r"\s*(?:[,;/]|\bor\b)\s*")
PHONE_SEPARATOR = r"[\s().-]*"


@dataclass(frozen=True)
class Trace:
    kind: str
    start: int
    end: int
    text: str
    tag: str


def _words(text):
    """A name or phrase as a pattern: its words in any spacing, either apostrophe."""
    words = text.replace("’", "'").split()
    return r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)


def _phone(item):
    """A telephone number by its digits, in any grouping, national or +44."""
    digits = re.sub(r"\D", "", item)
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and item.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    if digits.startswith("0"):
        rest = PHONE_SEPARATOR.join(digits[1:])
        lead = r"(?:\+\s*44|0044|0)[\s().-]*(?:\(0\)[\s().-]*)?"
        return rf"(?<![\d+]){lead}{rest}(?!\d)"
    return rf"(?<![\d+]){PHONE_SEPARATOR.join(digits)}(?!\d)"


def _is_phone(item):
    return len(re.sub(r"\D", "", item)) >= 7 and re.fullmatch(r"[\d\s().+-]+", item)


class PersonTraces:
    """Every way one person is written, and text with those ways replaced."""

    def __init__(self, *, names=(), contacts=(), code=""):
        whole = {}  # pattern -> kind: what names the person on its own
        parts = {}
        for name in names:
            name = " ".join(name.split())
            if not name:
                continue
            whole[rf"(?<!\w){_words(name)}(?!\w)"] = "name"
            for part in NAME_PART.findall(name):
                if len(part) >= 2 and part.lower() not in NOT_A_NAME:
                    parts[rf"(?<!\w){_words(part)}(?!\w)"] = "name"
        for contact in contacts:
            for item in SEPARATORS.split(contact or ""):
                item = item.strip()
                if not item:
                    continue
                if "@" in item:
                    whole[rf"(?<![\w.+-]){re.escape(item)}(?![\w-]|\.\w)"] = "email"
                elif _is_phone(item):
                    whole[_phone(item)] = "phone"
                elif len(item) >= 3:
                    whole[rf"(?<!\w){_words(item)}(?!\w)"] = "name"
        if code:
            whole[rf"(?<![\w-]){re.escape(code)}(?![\w]|-\w)"] = "code"
        self.empty = not whole
        self._whole = self._compile(whole)
        self._all = self._compile({**parts, **whole})

    @classmethod
    def of(cls, participant):
        identity = getattr(participant, "identity", None)
        if identity is None:
            return cls(code=participant.code)
        return cls(
            names=[identity.name, *identity.other_name_list()],
            contacts=[identity.contact],
            code=participant.code,
        )

    @staticmethod
    def _compile(patterns):
        if not patterns:
            return None
        # Longest first, so "Jane Smith" wins over "Jane"; each alternative a named kind.
        ordered = sorted(patterns, key=len, reverse=True)
        groups = {kind: [p for p in ordered if patterns[p] == kind] for kind in TAGS}
        body = "|".join(f"(?P<{kind}>{'|'.join(found)})" for kind, found in groups.items() if found)
        return re.compile(body, re.IGNORECASE)

    def find(self, text, *, whole=False):
        """Every trace of the person in ``text``, in order (spans in ``text``); with
        ``whole``, only whole names, nicknames, contact details and the code."""
        pattern = self._whole if whole else self._all
        if pattern is None or not text:
            return []
        return [
            Trace(m.lastgroup, m.start(), m.end(), m.group(), TAGS[m.lastgroup])
            for m in pattern.finditer(text)
        ]

    def replace(self, text, *, whole=False):
        """``text`` with every trace replaced by its tag, and the traces found."""
        traces = self.find(text, whole=whole)
        if not traces:
            return text, []
        pieces, position = [], 0
        for trace in traces:
            pieces += [text[position : trace.start], trace.tag]
            position = trace.end
        pieces.append(text[position:])
        return "".join(pieces), traces

    def concerns_only_them(self, text):
        """Whether ``text`` names the person by a whole name, nickname, contact or code
        (not a mere first name another person may share)."""
        return bool(self._whole and text and self._whole.search(text))


def offset_shift(offset, traces, *, end=False):
    """Where ``offset`` in the original text lands once ``traces`` are replaced; an offset
    inside a replaced span moves to the tag's start (or its end, for an ``end``)."""
    moved = 0
    for trace in traces:
        if trace.end <= offset:
            moved += len(trace.tag) - (trace.end - trace.start)
        elif trace.start < offset:
            return trace.start + moved + (len(trace.tag) if end else 0)
    return offset + moved
