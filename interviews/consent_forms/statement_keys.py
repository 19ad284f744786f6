"""What a consent form statement may be called.

Each statement of a version has a name (its ``key``). Twelve names are the study's
statements (``CONSENT_ANSWERS``): a consent records each as a field of its own, and four of
them are read by the app (``GATES``). Any other name is a statement of a new kind, added by
a later version ("I agree to my interview being video recorded"): a consent records its
answer in ``Consent.other_answers``; it is shown and exported with the rest, and gates
nothing.
"""

import re

from interviews.recording.choices import CONSENT_ANSWERS

KEY_MAX_LENGTH = 40
KEY_PATTERN = re.compile(rf"[a-z][a-z0-9_]{{0,{KEY_MAX_LENGTH - 1}}}")

# The study's statements the app acts on, and what each one allows.
GATES = {
    "happy_to_be_interviewed": "an interview can be recorded",
    "happy_to_be_shadowed": "a shadowing visit can be recorded",
    "contributions_in_report": "a quote from the interview can be approved for the report",
    "details_anonymised": "a quote from the interview can be approved for the report",
}

# The consent record's other fields (and its form's): a new statement's name may not be one
# of them, or its answer would be taken for them. ``test_new_statements`` checks this list
# against the model.
CONSENT_RECORD_FIELDS = (
    "id",
    "participant",
    "form",
    "other_answers",
    "software_transcription",
    "signed_on",
    "collected_by",
)

EXAMPLE = "video_recorded"


def key_problem(key):
    """Why ``key`` cannot name a statement (None if it can: one of the twelve, or a new one)."""
    if key in CONSENT_ANSWERS:
        return None
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        return (
            "is not a name a statement can have: use a short lowercase name of letters, "
            f"digits and underscores, starting with a letter, at most {KEY_MAX_LENGTH} "
            f"characters (e.g. {EXAMPLE})"
        )
    if key in CONSENT_RECORD_FIELDS:
        return (
            "is the name of another part of the consent record, not a statement: choose "
            f"another name (e.g. {EXAMPLE})"
        )
    return None


def is_new_statement(key):
    """A statement of a kind the study's form did not have: recorded, shown, gates nothing."""
    return key not in CONSENT_ANSWERS
