"""A transcript's way to coding: run the anonymiser, mark it read through, approve it.

Each step has one list of what stops it (``read_through_blockers``, ``approval_blockers``):
the transcript page explains them and the step enforces them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from interviews.anonymisation.anonymiser import redact
from interviews.anonymisation.flag_decisions import directory_place_names, transcript_open_flags
from interviews.anonymisation.known_names import names_to_anonymise
from interviews.models import AnonymisationStatus, RedactionLogEntry
from interviews.recording.services import normalise_transcript


def transcript_edited(*, interview):
    """An edited transcript goes back to draft: it is read through, and approved, again.

    For a caller that has changed the transcript of a recorded interview (the
    admin); the caller saves. An approved transcript cannot be edited at all.
    """
    interview.status = AnonymisationStatus.DRAFT


@sensitive_variables("text")
@transaction.atomic
def transcript_replace(*, interview, text, by):
    """The transcript becomes ``text`` (read from a file): a draft again, to be anonymised,
    read through and approved. Refused once approved, as any edit is."""
    if interview.is_approved:
        raise ValidationError("An approved transcript cannot be changed.")
    interview.transcript = normalise_transcript(text)
    transcript_edited(interview=interview)
    interview.save(update_fields=["transcript", "status"])


def transcript_findings(interview):
    """What the anonymiser would still replace in this transcript."""
    return _redact(interview).findings


def _redact(interview):
    return redact(
        interview.transcript,
        names=names_to_anonymise(interview),
        places=directory_place_names(),
    )


@sensitive_variables("redaction")
@transaction.atomic
def transcript_anonymise(*, interview, by):
    """Replace the personal details the anonymiser finds; log what was replaced."""
    if interview.is_approved:
        raise ValidationError("An approved transcript cannot be changed.")
    redaction = _redact(interview)
    RedactionLogEntry.objects.bulk_create(
        RedactionLogEntry(
            interview=interview,
            kind=f.kind,
            original=f.value,
            replacement=f.replacement,
            start=f.start,
            end=f.end,
            by=by,
        )
        for f in redaction.findings
    )
    interview.transcript = redaction.text
    if interview.status == AnonymisationStatus.DRAFT:
        interview.status = AnonymisationStatus.ANONYMISED
    interview.save(update_fields=["transcript", "status"])
    return len(redaction.findings)


def read_through_blockers(interview):
    """Why a person cannot mark this transcript as read through yet (empty: they can)."""
    if interview.is_approved:
        return ["The transcript is approved already."]
    if interview.status == AnonymisationStatus.DRAFT:
        return ["Run the anonymiser first: a person reads through what it has done."]
    flags = transcript_open_flags(interview)
    if flags:
        return [_open_flags_message(interview, flags)]
    return []


def _open_flags_message(interview, flags):
    return (
        f"{len(flags)} flagged word(s) or number(s) in the transcript of "
        f"{interview.participant.code} still need a decision: redact each, or keep it "
        "with a reason, on its Flagged words page."
    )


def interview_mark_read_through(*, interview, by):
    """A person has read the anonymised transcript through, decided every flag, and found
    nothing it missed."""
    blockers = read_through_blockers(interview)
    if blockers:
        raise ValidationError(blockers)
    interview.status = AnonymisationStatus.READ_THROUGH
    interview.save(update_fields=["status"])


def approval_blockers(interview):
    """Why this transcript cannot be approved yet (empty: it can).

    The one list of approval's preconditions: the transcript page explains them
    and ``interview_approve`` enforces them, so a new rule is added here only.
    """
    if interview.is_approved:
        return ["The transcript is approved already."]
    blockers = []
    if interview.status != AnonymisationStatus.READ_THROUGH:
        blockers.append("A person must mark the anonymised transcript as read through.")
    findings = transcript_findings(interview)
    if findings:
        kinds = sorted({f.kind.replace("_", " ") for f in findings})
        blockers.append(
            f"The anonymiser still finds {len(findings)} item(s) ({', '.join(kinds)}) in "
            f"the transcript of {interview.participant.code}: anonymise it again."
        )
    flags = transcript_open_flags(interview)
    if flags:
        blockers.append(_open_flags_message(interview, flags))
    return blockers


def interview_approve(*, interview, by):
    """Approve a transcript for coding once every precondition holds (``approval_blockers``)."""
    blockers = approval_blockers(interview)
    if blockers:
        raise ValidationError(blockers)
    interview.status = AnonymisationStatus.APPROVED
    interview.approved_by = by
    interview.approved_on = timezone.now()
    interview.save(update_fields=["status", "approved_by", "approved_on"])
