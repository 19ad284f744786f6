"""The retention purge: all interview data deleted six months after the project ends
(``PROJECT_END_DATE``), with the backups and admin log that still hold it."""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interviews.erasure import storage
from interviews.erasure.tables import (
    delete_admin_history,
    erased_models,
    participant_rows,
    vacuum_after_commit,
)
from interviews.models import Participant, StaffName, Withdrawal

RETENTION_MONTHS = 6


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def purge_date():
    """The first day on which interview data must be gone."""
    return add_months(settings.PROJECT_END_DATE, RETENTION_MONTHS)


def purge_counts():
    """How many rows of each interview table a purge would delete."""
    participants = Participant.objects.values("pk")
    counts = {
        qs.model._meta.verbose_name_plural: qs.count() for qs in participant_rows(participants)
    }
    counts[Withdrawal._meta.verbose_name_plural] = Withdrawal.objects.count()
    counts[StaffName._meta.verbose_name_plural] = StaffName.objects.count()
    return counts


@transaction.atomic
def interviews_purge(*, dry_run=False):
    """Delete all interview data once the retention period is over.

    Returns the counts deleted (or that would be), or None if it is too early.
    Backups made before the purge hold the same data, so they go too
    (``storage.backups_purge``); the admin's log of the deleted rows goes, even
    of rows deleted earlier in the admin.
    The staff names given to the anonymiser go too (they are people's names);
    the codebook and the question guides hold nothing personal and stay.
    """
    if timezone.localdate() < purge_date():
        return None
    counts = purge_counts()
    if not dry_run:
        querysets = participant_rows(Participant.objects.values("pk"))
        delete_admin_history([*querysets, Withdrawal.objects.all(), StaffName.objects.all()])
        storage.admin_log_erase(models=erased_models())
        for queryset in querysets:
            queryset.delete()
        Withdrawal.objects.all().delete()
        StaffName.objects.all().delete()
        if any(counts.values()):
            storage.ledger_append(event="purge", at=timezone.now().isoformat())
            vacuum_after_commit()
    # A dry run counts the backups the real run would delete: those made until now, when
    # there is data to purge (the real run records the purge first, then deletes them).
    expired = storage.backups_purge(
        purge_day=purge_date(), dry_run=dry_run, purging_now=any(counts.values())
    )
    counts["backup files"] = len(expired)
    return counts
