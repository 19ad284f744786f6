"""Withdrawal: a participant's data deleted, their name taken out of everyone else's
transcripts, a tombstone and a ledger line left; re-applied after a restore."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from interviews.anonymisation.anonymiser import redact_names, shift_offset
from interviews.erasure import storage
from interviews.erasure.tables import (
    delete_admin_history,
    erased_models,
    erased_tables,
    participant_rows,
    vacuum_after_commit,
)
from interviews.models import Excerpt, Interview, Participant, RedactionLogEntry, Withdrawal

WITHDRAWN_NAME = "[a withdrawn participant's name]"  # in other interviews' redaction logs


def _names_redact_elsewhere(*, names, participant):
    """Take a withdrawing participant's name out of everyone else's interviews: the
    transcripts (approved ones too, moving their excerpts' offsets with the text), the
    excerpts' quotes and memos, and the redaction logs that recorded it."""
    if not names:
        return
    others = Interview.objects.exclude(participant=participant)
    parts = {p.strip(".,") for n in names for p in [n, *n.split()]}  # as the anonymiser has it
    parts = {p for p in parts if len(p) >= 2}
    for interview in others.filter(_any_contains("transcript", parts)):
        redaction = redact_names(interview.transcript, names)
        if not redaction.findings:
            continue
        excerpts = list(interview.excerpts.all())
        for excerpt in excerpts:
            excerpt.start = shift_offset(excerpt.start, redaction.findings)
            excerpt.end = shift_offset(excerpt.end, redaction.findings, end=True)
            excerpt.quote = redaction.text[excerpt.start : excerpt.end]
        Excerpt.objects.bulk_update(excerpts, ["start", "end", "quote"])
        interview.transcript = redaction.text
        interview.save(update_fields=["transcript"])
    memos = list(
        Excerpt.objects.exclude(interview__participant=participant).filter(
            _any_contains("memo", parts)
        )
    )
    for excerpt in memos:
        excerpt.memo = redact_names(excerpt.memo, names).text
    Excerpt.objects.bulk_update(memos, ["memo"])
    logged = RedactionLogEntry.objects.exclude(interview__participant=participant)
    for entry in logged.filter(_any_contains("original", parts)):
        if redact_names(entry.original, names).findings:
            entry.original = WITHDRAWN_NAME
            entry.save(update_fields=["original"])


def _any_contains(field, parts):
    """Rows whose ``field`` holds any of ``parts`` (ignoring case): a cheap first filter."""
    condition = Q(pk__in=[])
    for part in parts:
        condition |= Q(**{f"{field}__icontains": part})
    return condition


def withdrawal_deadline():
    return settings.INTERVIEWS_WITHDRAWAL_DEADLINE


@transaction.atomic
def withdraw_participant(*, participant, by):
    """Delete everything a participant contributed, leaving a tombstone.

    Refused after the reporting date (``INTERVIEWS_WITHDRAWAL_DEADLINE``).
    """
    deadline = withdrawal_deadline()
    if timezone.localdate() > deadline:
        raise ValidationError(
            f"{participant.code} cannot be withdrawn: the withdrawal deadline "
            f"({deadline:%d %B %Y}) has passed."
        )
    code = participant.code
    participant_data_delete(participant)
    withdrawal = Withdrawal.objects.create(code=code, withdrawn_on=timezone.now(), withdrawn_by=by)
    storage.withdrawal_record(code=code, withdrawn_on=withdrawal.withdrawn_on, by=by)
    vacuum_after_commit()
    return withdrawal


def participant_data_delete(participant):
    """Delete every row held about one participant, and the admin's log of them.

    Withdrawal calls it, and so does re-applying withdrawals after a restore
    (a restore brings back other transcripts that still name the participant).
    """
    _names_redact_elsewhere(names=participant.name_parts(), participant=participant)
    querysets = participant_rows([participant.pk])
    delete_admin_history(querysets)
    storage.admin_log_erase(models=erased_models(), codes=[participant.code])
    for queryset in querysets:
        queryset.delete()


def withdrawals_reapply():
    """After a restore: withdraw again every ledger code the database holds.

    Returns the codes withdrawn again. Tombstones lost with the restore are
    recreated with their first date, so the codes stay unusable.
    """
    entries = [e for e in storage.ledger_entries() if e.get("event") == "withdrawal"]
    if not entries:
        return []
    User = get_user_model()
    reapplied = []
    with transaction.atomic():
        for entry in entries:
            participant = Participant.objects.filter(code=entry["code"]).first()
            if participant is not None:
                participant_data_delete(participant)
                reapplied.append(entry["code"])
            if not Withdrawal.objects.filter(code=entry["code"]).exists():
                by = User.objects.filter(**{User.USERNAME_FIELD: entry.get("by") or ""}).first()
                Withdrawal.objects.create(
                    code=entry["code"],
                    withdrawn_on=datetime.datetime.fromisoformat(entry["at"]),
                    withdrawn_by=by,
                )
    if reapplied:
        storage.tables_vacuum(erased_tables())
    return reapplied
