"""Issue 29, finding 1: PostgreSQL's planner statistics (``pg_stats``, and the
``pg_statistic`` file on disk) keep nothing of a withdrawn or purged participant."""

import datetime
import importlib
from io import StringIO

import psycopg2
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from activities.reference.services import reference_data_load
from interviews.coding.services import excerpt_create
from interviews.erasure.statistics import catalogue_rewrite_allowed, personal_columns
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import ParticipantIdentity
from interviews.tests.factories import make_interview, make_participant, make_theme, round_dates

MIGRATION = importlib.import_module("interviews.migrations.0011_erasure_statistics")
ROUNDS = importlib.import_module("interviews.migrations.0014_research_rounds")
POSTGRESQL = connection.vendor == "postgresql"
NAME, EMAIL = "Zebedee Quuxington", "ZEBEDEE.QUUXINGTON@NHS.NET"
SAMPLED = {  # (table, column) sampled in the test, as before the migration
    ("interviews_participantidentity", "name"),
    ("interviews_participantidentity", "contact"),
    ("interviews_interview", "transcript"),
    ("interviews_excerpt", "memo"),
}


def test_the_migration_covers_every_personal_column():
    """A new free-text column in an interview table needs a migration setting its target."""
    columns = {**MIGRATION.COLUMNS, **ROUNDS.COLUMNS}
    del columns["interviews_consent"]  # its only one, form_version, went with 0014
    assert personal_columns() == columns


def sqlite_samples(cursor):
    """Every value in SQLite's statistics tables (``sqlite_stat1`` holds counts only)."""
    cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")
    values = []
    for (table,) in cursor.fetchall():
        cursor.execute(f"SELECT * FROM {table}")
        values += [str(v).lower() for row in cursor.fetchall() for v in row]
    return values


@pytest.mark.django_db
def test_no_personal_column_is_ever_sampled(interviewer):
    if not POSTGRESQL:
        make_participant(code="ZZZ-97", name=NAME)
        make_participant(code="ZZZ-98", name=NAME)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            assert not [v for v in sqlite_samples(cursor) if "quuxington" in v]
        return
    wanted = {(t, c) for t, columns in personal_columns().items() for c in columns}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, a.attstattarget FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = ANY(%s) AND a.attnum > 0",
            [list(personal_columns())],
        )
        targets = {(t, c): target for t, c, target in cursor.fetchall() if (t, c) in wanted}
    assert set(targets) == wanted
    assert set(targets.values()) == {0}


def stats_naming(cursor, needle):
    """pg_stats rows of this schema whose samples hold ``needle`` (any case)."""
    cursor.execute(
        "SELECT tablename, attname FROM pg_stats WHERE schemaname = current_schema() AND "
        "concat_ws(' ', most_common_vals::text, histogram_bounds::text) ILIKE %s",
        [f"%{needle}%"],
    )
    return cursor.fetchall()


def catalogue_bytes(cursor):
    """The pg_statistic file and its TOAST file as they are on disk."""
    cursor.execute("CHECKPOINT")
    cursor.execute(
        "SELECT pg_relation_filepath('pg_statistic'), pg_relation_filepath(reltoastrelid) "
        "FROM pg_class WHERE relname = 'pg_statistic'"
    )
    data = b""
    for path in cursor.fetchone():
        cursor.execute("SELECT pg_read_binary_file(%s)", [path])
        data += bytes(cursor.fetchone()[0])
    return data.lower()


def plant(user):
    """Three participants, sampled as they would have been before the migration."""
    reference_data_load()  # a transactional test may run after another emptied the tables
    for name, code in [(NAME, "ZZZ-97"), ("Ann Other", "LDS-02"), ("Bob Jones", "LDS-03")]:
        participant = make_participant(code=code, name=name)
        ParticipantIdentity.objects.filter(participant=participant).update(
            contact=EMAIL if code == "ZZZ-97" else f"{code}@example.org"
        )
        interview = make_interview(participant, transcript=f"I am {name}. Groups help.")
        excerpt_create(
            interview=interview,
            start=0,
            end=5,
            themes=[make_theme()],
            memo=f"cf {name}",
            by=user,
        )
    with connection.cursor() as cursor:
        if not POSTGRESQL:
            cursor.execute("ANALYZE")
            assert sqlite_samples(cursor), "ANALYZE ran"
            return
        for table, column in SAMPLED:
            cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET STATISTICS -1')
        cursor.execute("ANALYZE")
        assert {(t, c) for t, c in stats_naming(cursor, "quuxington")} == SAMPLED
        assert b"quuxington" in catalogue_bytes(cursor)


@pytest.fixture
def target_zero_after():
    yield
    if not POSTGRESQL:
        return
    with connection.cursor() as cursor:
        for table, column in SAMPLED:
            cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET STATISTICS 0')


def withdraw(user):
    with time_machine.travel(datetime.datetime(2020, 9, 1, 9, tzinfo=datetime.UTC)):
        withdraw_participant(
            participant=ParticipantIdentity.objects.get(name=NAME).participant, by=user
        )


def purge(user):
    with time_machine.travel(datetime.datetime(2021, 10, 1, 9, tzinfo=datetime.UTC)):
        call_command("purge_expired", stdout=StringIO())


# serialized_rollback: the emptied database gets its reference rows back, and the flush
# after it leaves the content types to them (a flush that re-creates them gives new ids,
# and a later serialized_rollback test then fails to load its own).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("erase", [withdraw, purge], ids=["withdrawal", "purge"])
def test_statistics_keep_nothing_after_erasure(erase, settings, target_zero_after):
    from django.contrib.auth import get_user_model

    round_dates(withdrawal_deadline=datetime.date(2020, 9, 30))
    round_dates(project_end=datetime.date(2021, 3, 31))
    user = get_user_model().objects.create_user("interviewer-stats", password="x" * 20)
    plant(user)

    erase(user)  # commits: the vacuum, clearing and pg_statistic rewrite run after it

    wanted = {(t, c) for t, columns in personal_columns().items() for c in columns}
    with connection.cursor() as cursor:
        if not POSTGRESQL:  # SQLite samples no values; its file is rewritten by VACUUM
            cursor.execute("ANALYZE")
            assert not [v for v in sqlite_samples(cursor) if "quuxington" in v]
            return
        cursor.execute(
            "SELECT tablename, attname FROM pg_stats WHERE schemaname = current_schema()"
        )
        assert not [row for row in cursor.fetchall() if tuple(row) in wanted]
        for needle in ("quuxington", "zebedee", "nhs.net"):
            assert stats_naming(cursor, needle) == []
        assert b"quuxington" not in catalogue_bytes(cursor)


@pytest.mark.skipif(not POSTGRESQL, reason="pg_statistic is PostgreSQL's")
@pytest.mark.django_db
def test_the_databases_owner_may_rewrite_the_statistics_and_others_may_not():
    """An application role that owns its database (as ``make serve`` creates it) rewrites
    ``pg_statistic`` itself; a role that neither owns it nor is a superuser is told to ask."""
    params = connection.get_connection_params()
    suffix = f"{abs(hash(params['dbname'])) % 10**6}"
    owner, stranger, database = f"psd_owner_{suffix}", f"psd_stranger_{suffix}", f"psd_own_{suffix}"
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {database}")
        for role in (owner, stranger):
            cursor.execute(f"DROP ROLE IF EXISTS {role}")
            cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'x'")
        cursor.execute(f"CREATE DATABASE {database} OWNER {owner}")
    try:
        allowed = {}
        for role in (owner, stranger):
            other = psycopg2.connect(
                **{**params, "dbname": database, "user": role, "password": "x"}
            )
            with other, other.cursor() as cursor:
                allowed[role] = catalogue_rewrite_allowed(cursor)
            other.close()
        assert allowed == {owner: True, stranger: False}
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {database}")
            cursor.execute(f"DROP ROLE IF EXISTS {owner}")
            cursor.execute(f"DROP ROLE IF EXISTS {stranger}")
        admin.close()
