"""Find and replace personal details in a transcript, offline, with regular expressions.

``redact(text, names=...)`` finds e-mail addresses, URLs with a personal path, UK
telephone numbers, UK postcodes, NHS numbers (checksum-validated) and the given
names, and replaces each with a bracketed tag. Names are numbered per person in
order of first appearance, so a transcript stays readable: "[NAME 1] said
[NAME 2]'s group helped". Organisation names are left alone.
"""

import re
from dataclasses import dataclass, field


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

NHS_NUMBER = re.compile(r"(?<![\d\w])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d\w])")

POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])",
    re.IGNORECASE,
)

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
        if nhs_number_is_valid(match.group(1) + match.group(3) + match.group(4)):
            yield "nhs_number", match.start(), match.end(), None
    yield from _phones(text)
    for match in POSTCODE.finditer(text):
        yield "postcode", match.start(), match.end(), None


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


def _name_findings(text, names):
    pattern, person_of = _name_pattern(names)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        key = " ".join(match.group().lower().replace("’", "'").split())
        yield "name", match.start(), match.end(), person_of[key]


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


def redact(text, names=()):
    """Return the text with personal details replaced, and what was found where.

    Finding spans refer to the original text.
    """
    candidates = [*_pattern_findings(text), *_name_findings(text, list(names))]
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
