"""What withdrawal and the purge erase: the one list of the rows held about a participant
(``participant_rows``), the models and tables they delete from, and the traces of
deleted rows outside them (the admin's change log, the table files, the planner's
statistics)."""

import logging

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from interviews.erasure import storage
from interviews.erasure.statistics import personal_columns, statistics_clear
from interviews.models import (
    AccessLogEntry,
    Consent,
    Excerpt,
    Interview,
    Participant,
    ParticipantIdentity,
    PublicationApproval,
    RedactionLogEntry,
    ShadowingVisit,
    StaffName,
    Withdrawal,
)


def delete_admin_history(querysets):
    """Drop the admin's change log of deleted rows: it is a copy of what they held."""
    for queryset in querysets:
        ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        if ids:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(queryset.model),
                object_id__in=ids,
            ).delete()


def participant_rows(participants):
    """Querysets of every row held about these participants, children first.

    The one list of the tables that hold something about a participant: withdrawal
    and the purge both delete (and count) through it.
    """
    return [
        PublicationApproval.objects.filter(excerpt__interview__participant__in=participants),
        AccessLogEntry.objects.filter(participant__in=participants),
        RedactionLogEntry.objects.filter(interview__participant__in=participants),
        Excerpt.objects.filter(interview__participant__in=participants),
        Interview.objects.filter(participant__in=participants),
        ShadowingVisit.objects.filter(participant__in=participants),
        Consent.objects.filter(participant__in=participants),
        ParticipantIdentity.objects.filter(participant__in=participants),
        Participant.objects.filter(pk__in=participants),
    ]


def erased_models():
    """Every model withdrawal or the purge deletes from."""
    return [qs.model for qs in participant_rows([])] + [Withdrawal, StaffName]


def erased_tables():
    """Their tables, and the admin's log: what ``storage.tables_vacuum`` rewrites."""
    tables = []
    for model in erased_models():
        tables.append(model._meta.db_table)
        tables.extend(
            field.remote_field.through._meta.db_table for field in model._meta.many_to_many
        )
    return [*tables, LogEntry._meta.db_table]


log = logging.getLogger(__name__)


def erasure_vacuum():
    """After an erasure commits: rewrite the tables, then drop any planner statistics of
    their personal columns and rewrite pg_statistic. Returns the VACUUM statements run."""
    statements = storage.tables_vacuum(erased_tables())
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        try:
            statistics_clear(connection, personal_columns())
        except Exception:  # the rows are gone; docs/erasure.md says what to run by hand
            log.exception("Clearing statistics after an erasure failed (docs/erasure.md)")
    return statements


def vacuum_after_commit():
    transaction.on_commit(erasure_vacuum)
