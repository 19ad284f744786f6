"""Contact details as people say them, for the anonymiser: e-mail addresses spelled out
("jane dot smith at hotmail dot co dot uk") and numbers read out digit by digit ("oh seven
seven double oh nine double oh one two three"), which a transcriber writes down as words.
"""

import re

_TLD = r"(?:com|org|net|uk|co|gov|ac|nhs|info|me|io|biz|edu)"
_DOT = r"\s+(?:dot|point)\s+"
SPOKEN_EMAIL = re.compile(
    r"(?<![\w.@])[a-z0-9][\w.+-]*"
    r"(?:\s+(?:dot|underscore|hyphen|dash)\s+[a-z0-9][\w+-]*)*"
    rf"\s+(?:at|@)\s+[a-z0-9][\w-]*(?:{_DOT}[a-z0-9][\w-]*)*?{_DOT}{_TLD}"
    rf"(?:{_DOT}(?:uk|com|org|net))?(?!\w)",
    re.IGNORECASE,
)

DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_UNIT = (
    r"\b(?:(?:double|triple|treble)[\s-]+)?"
    r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|\d+)\b"
)
SPOKEN_NUMBER = re.compile(rf"(?<![\w]){_UNIT}(?:[\s,-]+{_UNIT}){{3,}}(?!\w)", re.IGNORECASE)
_UNIT_ONE = re.compile(rf"({_UNIT})", re.IGNORECASE)


def spoken_digits(said):
    """The digits of a number read out: "oh seven double oh" → "0700"."""
    digits = []
    for unit in _UNIT_ONE.findall(said):
        parts = unit.lower().replace("-", " ").split()
        times = {"double": 2, "triple": 3, "treble": 3}.get(parts[0], 1)
        word = parts[-1]
        digits.append(DIGIT_WORDS.get(word, word) * times)
    return "".join(digits)


def spoken_findings(text, *, phone_ok, nhs_ok):
    """("email" | "phone" | "nhs_number", start, end, None) for each detail said in words.

    A number needs at least one digit said as a word (numbers written in figures are the
    anonymiser's own patterns) and is a phone number or an NHS number by its digits."""
    for match in SPOKEN_EMAIL.finditer(text):
        value = match.group()
        if re.search(r"\s(?:dot|point)\s", value, re.IGNORECASE):
            yield "email", match.start(), match.end(), None
    for match in SPOKEN_NUMBER.finditer(text):
        if not re.search(r"[a-z]", match.group(), re.IGNORECASE):
            continue
        found = _longest_number(match, phone_ok, nhs_ok)
        if found:
            yield found


def _longest_number(match, phone_ok, nhs_ok):
    """The longest run of the units said that makes a phone or NHS number (a stray "one"
    before or after the number is left out)."""
    text, offset = match.string, match.start()
    units = [(m.start() + offset, m.end() + offset) for m in _UNIT_ONE.finditer(match.group())]
    best = None
    for i in range(len(units)):
        for j in range(len(units) - 1, i - 1, -1):
            start, end = units[i][0], units[j][1]
            if best and end - start <= best[2] - best[1]:
                break
            if not re.search(r"[a-z]", text[start:end], re.IGNORECASE):
                continue
            digits = spoken_digits(text[start:end])
            kind = "phone" if phone_ok(digits) else "nhs_number" if nhs_ok(digits) else None
            if kind:
                best = (kind, start, end, None)
                break
    return best
