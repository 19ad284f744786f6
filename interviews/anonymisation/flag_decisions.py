"""Flag decisions (``flags``): which flags are still open, and deciding one.

The one place the rule lives: a transcript may be approved only when
``transcript_open_flags`` is empty (``transcripts.services.interview_approve`` asks), and an
excerpt is fit to publish only when ``excerpt_has_open_flags`` is False. A
decision is a row of the redaction log: kind "flagged" for each occurrence
redacted, kind "kept" (with the reason) for a word kept.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from activities.models import Organisation, Place
from interviews.anonymisation.anonymiser import redact
from interviews.anonymisation.flags import (
    context,
    decision_spans,
    find_flags,
    key,
    phrase_pattern,
    replace_spans,
)
from interviews.anonymisation.known_names import all_known_names
from interviews.anonymisation.name_lists import local_places
from interviews.models import RedactionLogEntry, SafeWord

KEPT, FLAGGED = "kept", "flagged"  # the redaction log's kinds for flag decisions
REDACT_TAGS = ["[REDACTED]", "[NAME]", "[PLACE]", "[ORGANISATION]", "[NUMBER]"]
REASON_MAX = 500


def _safe_words():
    return frozenset(w.lower() for w in SafeWord.objects.values_list("word", flat=True))


def directory_place_names():
    """The directory's places, each also by its parts ("Bradford & Craven": "Bradford")."""
    names = set()
    for name in Place.objects.values_list("name", flat=True):
        names.add(name)
        names.update(part for part in re.split(r"\s+(?:&|and)\s+", name) if part.strip())
    return names


def _places():
    """Places, left alone unless they read as a name: the directory's and the region's."""
    return phrase_pattern([*directory_place_names(), *local_places()])


def _organisations():
    """Organisations in the directory: each flagged as one phrase (where someone works says
    who they are)."""
    return phrase_pattern(Organisation.objects.values_list("name", flat=True))


def _kept(interview):
    return frozenset(
        RedactionLogEntry.objects.filter(interview=interview, kind=KEPT).values_list(
            "original", flat=True
        )
    )


def _flags(text, interview, places=None):
    return find_flags(
        text,
        safe=_safe_words(),
        places=places or _places(),
        organisations=_organisations(),
        kept=_kept(interview),
    )


def transcript_open_flags(interview):
    """The flags of this transcript still to be redacted or kept with a reason."""
    return _flags(interview.transcript, interview)


def excerpt_has_open_flags(excerpt):
    """Whether an excerpt's quote holds a flag nobody has resolved, or a name the
    anonymiser would replace now (a participant or member of staff added since)."""
    return excerpt.pk in excerpts_with_open_flags([excerpt])


def excerpts_with_open_flags(excerpts):
    """The pks of those ``excerpts`` that ``excerpt_has_open_flags``, in a fixed number of
    queries whatever their number (for a list of excerpts)."""
    names, safe, place_names = all_known_names(), _safe_words(), directory_place_names()
    places, organisations = phrase_pattern([*place_names, *local_places()]), _organisations()
    kept = {}
    decisions = RedactionLogEntry.objects.filter(
        interview__in={e.interview_id for e in excerpts}, kind=KEPT
    ).values_list("interview_id", "original")
    for interview_id, word in decisions:
        kept.setdefault(interview_id, set()).add(word)
    return {
        e.pk
        for e in excerpts
        if redact(e.quote, names=names, places=place_names).findings
        or find_flags(
            e.quote,
            safe=safe,
            places=places,
            organisations=organisations,
            kept=kept.get(e.interview_id, set()),
        )
    }


@dataclass(frozen=True)
class FlagInContext:
    """A flag with where it appears, for the Flagged words page."""

    word: str
    kind: str
    count: int
    contexts: list  # [(before, word, after)], the first few


def open_flags_in_context(interview, limit=3):
    """The open flags with a few lines of context each (for the Flagged words page)."""
    text = interview.transcript
    return [
        FlagInContext(
            flag.word,
            flag.kind,
            flag.count,
            [context(text, s, e) for s, e in flag.spans[:limit]],
        )
        for flag in transcript_open_flags(interview)
    ]


@sensitive_variables("word", "reason", "text", "flag")
@transaction.atomic
def flag_resolve(*, interview, word, decision, by, reason="", tag="[REDACTED]"):
    """Resolve a flag: ``decision`` "redact" (every occurrence, in any case, becomes
    ``tag``: a phrase becomes one tag) or "keep" (with a ``reason``). Recorded in the
    redaction log. Returns the occurrences."""
    if interview.is_approved:
        raise ValidationError("An approved transcript cannot be changed.")
    text = interview.transcript
    places = _places()
    flag = next((f for f in _flags(text, interview, places) if key(f.word) == key(word)), None)
    if flag is None:
        raise ValidationError("That word is not an open flag of this transcript.")
    if decision == "keep":
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("Say why the word can stay (for example: a place, not a person).")
        if len(reason) > REASON_MAX:
            raise ValidationError(f"Keep the reason to {REASON_MAX} characters.")
        start, end = flag.spans[0]
        RedactionLogEntry.objects.create(
            interview=interview,
            kind=KEPT,
            original=flag.word,
            replacement="(kept)",
            start=start,
            end=end,
            by=by,
            reason=reason,
        )
        return flag.count
    if decision != "redact":
        raise ValidationError("Choose to redact the word or to keep it.")
    if tag not in REDACT_TAGS:
        raise ValidationError(f"Replace it with one of {', '.join(REDACT_TAGS)}.")
    spans = decision_spans(text, flag, places)
    RedactionLogEntry.objects.bulk_create(
        RedactionLogEntry(
            interview=interview,
            kind=FLAGGED,
            original=text[start:end],
            replacement=tag,
            start=start,
            end=end,
            by=by,
        )
        for start, end in spans
    )
    interview.transcript = replace_spans(text, spans, tag)
    interview.save(update_fields=["transcript"])
    return len(spans)
