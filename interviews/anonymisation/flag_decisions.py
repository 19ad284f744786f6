"""Flag decisions (``flags``): which flags are still open, and deciding one.

The one place the rule lives: a transcript may be approved only when
``transcript_open_flags`` is empty (``transcripts.services.interview_approve`` asks), and an
excerpt is fit to publish only when ``excerpt_has_open_flags`` is False. A
decision is a row of the redaction log: kind "flagged" for each occurrence
redacted, kind "kept" (with the reason) for a word kept.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from activities.models import Organisation, Place
from interviews.anonymisation.anonymiser import redact
from interviews.anonymisation.flags import (
    context,
    find_flags,
    normalise,
    occurrences,
    phrase_pattern,
)
from interviews.anonymisation.known_names import all_known_names
from interviews.models import RedactionLogEntry, SafeWord

KEPT, FLAGGED = "kept", "flagged"  # the redaction log's kinds for flag decisions
REDACT_TAGS = ["[REDACTED]", "[NAME]", "[PLACE]", "[ORGANISATION]", "[NUMBER]"]
REASON_MAX = 500


def _safe_words():
    return frozenset(w.lower() for w in SafeWord.objects.values_list("word", flat=True))


def _directory_names():
    """Place and organisation names in the directory: not flagged (one pattern)."""
    names = [*Place.objects.values_list("name", flat=True)]
    names += Organisation.objects.values_list("name", flat=True)
    return phrase_pattern(names)


def _kept(interview):
    return frozenset(
        RedactionLogEntry.objects.filter(interview=interview, kind=KEPT).values_list(
            "original", flat=True
        )
    )


def _flags(text, interview):
    return find_flags(text, safe=_safe_words(), phrases=_directory_names(), kept=_kept(interview))


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
    names, safe, phrases = all_known_names(), _safe_words(), _directory_names()
    kept = {}
    decisions = RedactionLogEntry.objects.filter(
        interview__in={e.interview_id for e in excerpts}, kind=KEPT
    ).values_list("interview_id", "original")
    for interview_id, word in decisions:
        kept.setdefault(interview_id, set()).add(word)
    return {
        e.pk
        for e in excerpts
        if redact(e.quote, names=names).findings
        or find_flags(e.quote, safe=safe, phrases=phrases, kept=kept.get(e.interview_id, set()))
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
            [context(text, s, e) for s, e in occurrences(text, flag.word)[:limit]],
        )
        for flag in transcript_open_flags(interview)
    ]


@sensitive_variables("word", "reason", "text")
@transaction.atomic
def flag_resolve(*, interview, word, decision, by, reason="", tag="[REDACTED]"):
    """Resolve a flag: ``decision`` "redact" (every occurrence becomes ``tag``) or "keep"
    (with a ``reason``). Recorded in the redaction log. Returns the occurrences."""
    if interview.is_approved:
        raise ValidationError("An approved transcript cannot be changed.")
    word = normalise(word)
    if word not in {f.word for f in transcript_open_flags(interview)}:
        raise ValidationError("That word is not an open flag of this transcript.")
    text = interview.transcript
    spans = occurrences(text, word)
    if decision == "keep":
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("Say why the word can stay (for example: a place, not a person).")
        if len(reason) > REASON_MAX:
            raise ValidationError(f"Keep the reason to {REASON_MAX} characters.")
        start, end = spans[0] if spans else (0, 0)
        RedactionLogEntry.objects.create(
            interview=interview,
            kind=KEPT,
            original=word,
            replacement="(kept)",
            start=start,
            end=end,
            by=by,
            reason=reason,
        )
        return len(spans)
    if decision != "redact":
        raise ValidationError("Choose to redact the word or to keep it.")
    if tag not in REDACT_TAGS:
        raise ValidationError(f"Replace it with one of {', '.join(REDACT_TAGS)}.")
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
    for start, end in reversed(spans):
        text = text[:start] + tag + text[end:]
    interview.transcript = text
    interview.save(update_fields=["transcript"])
    return len(spans)
