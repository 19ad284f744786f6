"""Withdrawal: a participant's data deleted, they are taken out of everyone else's records
wherever they are written (``elsewhere``), a tombstone and a ledger line left; re-applied
after a restore."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from interviews.erasure import storage
from interviews.erasure.elsewhere import traces_erase
from interviews.erasure.signals import participant_erased
from interviews.erasure.tables import (
    delete_admin_history,
    erased_models,
    erasure_vacuum,
    participant_rows,
    vacuum_after_commit,
)
from interviews.erasure.traces import PersonTraces
from interviews.models import Excerpt, Participant, Withdrawal


def withdrawal_deadline(participant):
    """The last day a participant may withdraw: their research round's deadline."""
    return participant.round.withdrawal_deadline


@transaction.atomic
def withdraw_participant(*, participant, by):
    """Delete everything a participant contributed, leaving a tombstone.

    Refused after the withdrawal deadline of the participant's research round.
    """
    deadline = withdrawal_deadline(participant)
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
    """Delete every row held about one participant and the admin's log of them, then
    take them out of everyone else's records (``elsewhere.traces_erase``), and tell the
    layers above (``signals.participant_erased``: released quotes lose their words).

    Withdrawal calls it, and so does re-applying withdrawals after a restore
    (a restore brings back other records that still name the participant).
    """
    traces = PersonTraces.of(participant)  # read before their identity goes
    excerpts = list(
        Excerpt.objects.filter(interview__participant=participant).values_list("pk", flat=True)
    )
    participant_erased.send(sender=Participant, excerpts=excerpts)
    querysets = participant_rows([participant.pk])
    delete_admin_history(querysets)
    storage.admin_log_erase(models=erased_models(), codes=[participant.code])
    for queryset in querysets:
        queryset.delete()
    return traces_erase(traces)


def withdrawals_reapply(ledger=None):
    """After a restore: withdraw again every ledger code the database holds.

    ``ledger``: the entries as checked before the restore (read again if not given).
    Returns the codes withdrawn again. Tombstones lost with the restore are
    recreated with their first date, so the codes stay unusable.
    """
    ledger = storage.ledger_entries() if ledger is None else ledger
    entries = [e for e in ledger if e.get("event") == "withdrawal"]
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
        erasure_vacuum()
    return reapplied
