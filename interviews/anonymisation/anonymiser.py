"""Find and replace personal details in a transcript, offline, with regular expressions.

``redact(text, names=...)`` finds e-mail addresses, URLs with a personal path, UK
telephone numbers, UK postcodes (whole or the first half: "LS6"), NHS numbers
(checksum-validated, however grouped), contact details said in words (``spoken``) and the
given names in any case, and replaces each with a bracketed tag. Names are numbered per
person in order of first appearance, so a transcript stays readable: "[NAME 1] said
[NAME 2]'s group helped". A part of a name that is also an ordinary word or a place
("Will", "May", "Wakefield") is replaced only where it reads as a name
(``name_context``). Organisation names are left alone (the flags take them).
"""

import re
from dataclasses import dataclass, field

from interviews.anonymisation.flags import COMMON_WORDS
from interviews.anonymisation.name_context import reads_as_name
from interviews.anonymisation.name_lists import ORDINARY_NAME_WORDS, local_places
from interviews.anonymisation.spoken import spoken_findings


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    value: str
    replacement: str


@dataclass
class Redaction:
    text: str
    findings: list = field(default_factory=list)


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# A URL with something after the host: a profile, a personal page. Bare domains
# (an organisation's website) stay.
URL = re.compile(
    r"(?:https?://|www\.|\b(?:facebook|instagram|twitter|x|linkedin|tiktok|youtube)\.com/)"
    r"[^\s<>\"']+",
    re.IGNORECASE,
)
URL_TRAILING = ".,;:!?)]}'\""

# A candidate telephone number: +44 or a leading 0, then digits with spaces,
# hyphens or brackets between them. Candidates are checked by their digits.
PHONE = re.compile(
    r"(?<![\w+(])(?:\(?(?:\+\s?|00)44\)?[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)\d[\d\s().-]{6,18}\d(?!\d)"
)
PHONE_PREFIXES = ("01", "02", "03", "05", "07", "08")

# Ten digits however grouped ("943 476 5919", "9434 765 919", "94-34-76-59-19"), not
# starting with 0 (a phone number); the check digit decides.
NHS_NUMBER = re.compile(r"(?<![\w+(])[1-9](?:[ -]?\d){9}(?![ -]?\d)(?!\w)")

POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])",
    re.IGNORECASE,
)

# The first half of a postcode ("LS6", "bd7"): two-letter areas only, so that
# motorways (M62), vitamins (B12) and grades stay.
POSTCODE_AREAS = [
    "AB",
    "AL",
    "BA",
    "BB",
    "BD",
    "BH",
    "BL",
    "BN",
    "BR",
    "BS",
    "BT",
    "CA",
    "CB",
    "CF",
    "CH",
    "CM",
    "CO",
    "CR",
    "CT",
    "CV",
    "CW",
    "DA",
    "DD",
    "DE",
    "DG",
    "DH",
    "DL",
    "DN",
    "DT",
    "DY",
    "EC",
    "EH",
    "EN",
    "EX",
    "FK",
    "FY",
    "GL",
    "GU",
    "GY",
    "HA",
    "HD",
    "HG",
    "HP",
    "HR",
    "HS",
    "HU",
    "HX",
    "IG",
    "IM",
    "IP",
    "IV",
    "JE",
    "KA",
    "KT",
    "KW",
    "KY",
    "LA",
    "LD",
    "LE",
    "LL",
    "LN",
    "LS",
    "LU",
    "ME",
    "MK",
    "ML",
    "NE",
    "NG",
    "NN",
    "NP",
    "NR",
    "NW",
    "OL",
    "OX",
    "PA",
    "PE",
    "PH",
    "PL",
    "PO",
    "PR",
    "RG",
    "RH",
    "RM",
    "SA",
    "SE",
    "SG",
    "SK",
    "SL",
    "SM",
    "SN",
    "SO",
    "SP",
    "SR",
    "SS",
    "ST",
    "SW",
    "SY",
    "TA",
    "TD",
    "TF",
    "TN",
    "TQ",
    "TR",
    "TS",
    "TW",
    "UB",
    "WA",
    "WC",
    "WD",
    "WF",
    "WN",
    "WR",
    "WS",
    "WV",
    "YO",
    "ZE",
]
PARTIAL_POSTCODE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(POSTCODE_AREAS)})[0-9][0-9A-Z]?(?![\w-])",
    re.IGNORECASE,
)
NOT_POSTCODES = {"co2", "co1"}  # carbon dioxide and monoxide, said as a formula

TAGS = {
    "email": "[EMAIL]",
    "url": "[URL]",
    "phone": "[PHONE]",
    "nhs_number": "[NHS NUMBER]",
    "postcode": "[POSTCODE]",
}
# When two findings overlap, the longer wins ("+44 113 496 0000" is a phone number even
# though "113 496 0000" may pass the NHS checksum); at equal length, the earlier kind here.
PRIORITY = ["email", "url", "nhs_number", "phone", "postcode", "name"]


def nhs_number_is_valid(digits):
    """The NHS number's modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def phone_digits_are_valid(candidate):
    digits = re.sub(r"\D", "", candidate)
    compact = re.sub(r"[\s().-]", "", candidate)
    if compact.startswith(("+44", "0044")):
        digits = digits.removeprefix("00")[2:]
        if re.match(r"\(?(?:\+|00)44\)?[\s.-]?\(0\)", candidate):
            digits = digits[1:]
        digits = "0" + digits
    return len(digits) in (10, 11) and digits.startswith(PHONE_PREFIXES)


def _phones(text):
    for match in PHONE.finditer(text):
        candidate = match.group()
        # Shrink from the right, a group at a time, until the digits make a number.
        while candidate:
            if phone_digits_are_valid(candidate):
                start = match.start()
                yield "phone", start, start + len(candidate.rstrip(" -.(")), None
                break
            cut = max(candidate.rfind(c) for c in " -.")
            if cut <= 0:
                break
            candidate = candidate[:cut].rstrip(" -.(")


def _urls(text):
    for match in URL.finditer(text):
        value = match.group().rstrip(URL_TRAILING)
        host_and_path = re.sub(r"^(?:https?://)?", "", value, flags=re.IGNORECASE)
        path = host_and_path.partition("/")[2].strip("/")
        if path:
            yield "url", match.start(), match.start() + len(value), None


def _pattern_findings(text):
    for match in EMAIL.finditer(text):
        yield "email", match.start(), match.end(), None
    yield from _urls(text)
    for match in NHS_NUMBER.finditer(text):
        if nhs_number_is_valid(re.sub(r"\D", "", match.group())):
            yield "nhs_number", match.start(), match.end(), None
    yield from _phones(text)
    for match in POSTCODE.finditer(text):
        yield "postcode", match.start(), match.end(), None
    for match in PARTIAL_POSTCODE.finditer(text):
        if match.group().lower() not in NOT_POSTCODES:
            yield "postcode", match.start(), match.end(), None


def _all_pattern_findings(text):
    """The patterns' findings, then details said in words where no pattern found one (so
    "94-34-76-59-19, four..." stays the NHS number written in figures)."""
    written = list(_pattern_findings(text))
    said = spoken_findings(text, phone_ok=phone_digits_are_valid, nhs_ok=nhs_number_is_valid)
    return written + [s for s in said if not any(s[1] < w[2] and w[1] < s[2] for w in written)]


def _name_pattern(names):
    """One alternation of every name and name part, longest first, mapped to a person."""
    person_of = {}
    for person, name in enumerate(names):
        name = " ".join(name.replace("’", "'").split())
        if not name:
            continue
        parts = [name, *name.split(" ")]
        for part in parts:
            part = part.strip(".,")
            if len(part) >= 2 and part.lower() not in person_of:
                person_of[part.lower()] = person
    if not person_of:
        return None, {}
    alternatives = sorted(person_of, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+").replace("'", "['’]") for a in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), person_of


def _name_findings(text, names, ambiguous=frozenset(), places=frozenset()):
    """Every name in any case; one in ``ambiguous`` (an ordinary word) or ``places`` only
    where it reads as a name."""
    pattern, person_of = _name_pattern(names)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        key = " ".join(match.group().lower().replace("’", "'").split())
        if key in places:
            if not reads_as_name(text, match.start(), match.end(), place=True):
                continue
        elif key in ambiguous and not reads_as_name(text, match.start(), match.end()):
            continue
        yield "name", match.start(), match.end(), person_of[key]


def ambiguous_words():
    """Words that are names and ordinary words at once: taken as names only in context."""
    return ORDINARY_NAME_WORDS | COMMON_WORDS


def _resolve_overlaps(candidates):
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    chosen = []
    taken = []
    for kind, start, end, person in sorted(
        candidates, key=lambda c: (-(c[2] - c[1]), rank[c[0]], c[1])
    ):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append((kind, start, end, person))
    return sorted(chosen, key=lambda c: c[1])


def redact(text, names=(), places=()):
    """Return the text with personal details replaced, and what was found where.

    ``places``: place names besides the region's (``name_lists.local_places``), such as
    the directory's; a name that is one is replaced only where it reads as a name.
    Finding spans refer to the original text.
    """
    places = local_places() | {" ".join(p.lower().split()) for p in places}
    names_found = _name_findings(text, list(names), ambiguous_words(), places)
    candidates = [*_all_pattern_findings(text), *names_found]
    numbers = {}
    findings = []
    pieces = []
    position = 0
    for kind, start, end, person in _resolve_overlaps(candidates):
        if kind == "name":
            numbers.setdefault(person, len(numbers) + 1)
            tag = f"[NAME {numbers[person]}]"
        else:
            tag = TAGS[kind]
        findings.append(Finding(kind, start, end, text[start:end], tag))
        pieces.append(text[position:start])
        pieces.append(tag)
        position = end
    pieces.append(text[position:])
    return Redaction(text="".join(pieces), findings=findings)


def redact_names(text, names, tag="[NAME]"):
    """Only the given names, each replaced by ``tag`` (a withdrawn participant's name in
    other people's transcripts: their number in those transcripts would mean nothing)."""
    findings, pieces, position = [], [], 0
    for _, start, end, _ in _resolve_overlaps(list(_name_findings(text, list(names)))):
        findings.append(Finding("name", start, end, text[start:end], tag))
        pieces += [text[position:start], tag]
        position = end
    pieces.append(text[position:])
    return Redaction(text="".join(pieces), findings=findings)


def shift_offset(offset, findings, *, end=False):
    """Where ``offset`` in the original text lands once ``findings`` are replaced.

    An offset inside a replaced span moves to the replacement's start (``end`` False)
    or end (``end`` True), so a passage keeps the whole tag."""
    moved = 0
    for f in findings:
        if f.end <= offset:
            moved += len(f.replacement) - (f.end - f.start)
        elif f.start < offset:
            return f.start + moved + (len(f.replacement) if end else 0)
    return offset + moved
