"""The retention purge: a research round's interview data deleted from its deletion date
(``ResearchRound.retention_until``), with the backups and admin log that still hold it."""

import calendar
import datetime

from django.db import transaction
from django.utils import timezone

from interviews.erasure import storage
from interviews.erasure.tables import (
    delete_admin_history,
    erased_models,
    participant_rows,
    vacuum_after_commit,
)
from interviews.models import Participant, ResearchRound, StaffName, Withdrawal

RETENTION_MONTHS = 6  # the study's: "six months beyond the end of the project"


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def purge_date():
    """The next day on which a round's interview data must be gone: the earliest deletion
    date of the rounds that still hold participants (of any round if none do)."""
    rounds = ResearchRound.objects.order_by("retention_until")
    first = rounds.filter(participants__isnull=False).first() or rounds.first()
    return first.retention_until if first else None


def purge_counts(participants, *, everything):
    """How many rows of each interview table a purge would delete."""
    counts = {
        qs.model._meta.verbose_name_plural: qs.count() for qs in participant_rows(participants)
    }
    counts[Withdrawal._meta.verbose_name_plural] = Withdrawal.objects.count() if everything else 0
    counts[StaffName._meta.verbose_name_plural] = StaffName.objects.count() if everything else 0
    return counts


@transaction.atomic
def interviews_purge(*, dry_run=False):
    """Delete the interview data of every round whose deletion date has come.

    Returns the counts deleted (or that would be), or None if no round's date has come.
    Backups made before the purge hold the same data, so they go too
    (``storage.backups_purge``); the admin's log of the deleted rows goes, even
    of rows deleted earlier in the admin. Once every round has expired, the
    withdrawals' tombstones and the staff names given to the anonymiser go too
    (they are people's names and codes); the codebook and the question guides
    hold nothing personal and stay.
    """
    expired = list(ResearchRound.objects.expired(timezone.localdate()))
    if not expired:
        return None
    everything = not ResearchRound.objects.exclude(pk__in=[r.pk for r in expired]).exists()
    participants = Participant.objects.filter(round__in=expired)
    codes = list(participants.values_list("code", flat=True))
    counts = purge_counts(participants.values("pk"), everything=everything)
    if not dry_run:
        querysets = participant_rows(participants.values("pk"))
        if everything:
            delete_admin_history([*querysets, Withdrawal.objects.all(), StaffName.objects.all()])
            storage.admin_log_erase(models=erased_models())
        else:
            delete_admin_history(querysets)
            storage.admin_log_erase(models=erased_models(), codes=codes)
        for queryset in querysets:
            queryset.delete()
        if everything:
            Withdrawal.objects.all().delete()
            StaffName.objects.all().delete()
        if any(counts.values()):
            storage.ledger_append(event="purge", at=timezone.now().isoformat())
            vacuum_after_commit()
    # A dry run counts the backups the real run would delete: those made until now, when
    # there is data to purge (the real run records the purge first, then deletes them).
    expired_backups = storage.backups_purge(
        purge_day=max(r.retention_until for r in expired),
        dry_run=dry_run,
        purging_now=any(counts.values()),
    )
    counts["backup files"] = len(expired_backups)
    return counts
