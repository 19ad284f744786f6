"""Erasure that holds: a participant's other names (nicknames, former names), and no
planner statistics of any free-text column of the interview tables or the admin's log
(PostgreSQL: statistics target 0, samples already taken dropped, pg_statistic rewritten;
nothing to do on SQLite). interviews/erasure/statistics.py says why."""

from django.db import migrations, models

from interviews.erasure.statistics import statistics_clear, statistics_target_zero

# As the models had them when this migration was written (statistics.personal_columns).
COLUMNS = {
    "django_admin_log": ["object_repr", "change_message"],
    "interviews_consent": ["form_version"],
    "interviews_excerpt": ["quote", "memo"],
    "interviews_historicaltheme": ["name", "description", "history_change_reason"],
    "interviews_interview": ["transcript"],
    "interviews_interviewguide": ["slug", "version", "name"],
    "interviews_participant": ["code"],
    "interviews_participantidentity": ["name", "contact", "other_names"],
    "interviews_redactionlogentry": ["kind", "original", "replacement", "reason"],
    "interviews_safeword": ["word", "note"],
    "interviews_shadowingvisit": ["notes"],
    "interviews_signposting": ["text"],
    "interviews_staffname": ["name"],
    "interviews_theme": ["name", "description"],
    "interviews_withdrawal": ["code"],
}


def no_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    statistics_target_zero(connection, COLUMNS)
    statistics_clear(connection, COLUMNS)  # and rewrites pg_statistic, outside a transaction


def default_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            for column in columns:
                cursor.execute(
                    f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS -1"
                )


class Migration(migrations.Migration):
    atomic = False  # VACUUM FULL pg_statistic cannot run inside a transaction

    dependencies = [
        ("interviews", "0010_excerpt_publication"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="participantidentity",
            name="other_names",
            field=models.CharField(
                "also known as",
                blank=True,
                help_text="Nicknames or other names they go by, separated by commas "
                "(e.g. Bob, Bobby).",
                max_length=300,
            ),
        ),
        migrations.RunPython(no_statistics, default_statistics),
    ]
