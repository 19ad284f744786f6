"""Applying a master-sheet plan and recording the run: all or nothing, in bulk.

``master_sheet_import`` is the one entry point for the command and the admin:
open the workbook, plan, and (unless it is a dry run or a row is wrong) write
every row in one transaction. Writes are batched: organisations with
``bulk_create_with_history``, new activities and their history rows as multi-row
INSERTs of values (``new_rows``), edits with ``bulk_update_with_history`` (each
bumps ``Activity.version``), shared experiences as through rows in bulk. The history
of the shared-experience many-to-many is not recorded by these bulk paths
(django-simple-history only records it on ``save()``); the activity's own history
row is. An admin preview keeps the rows it read (``kept_rows``) for its confirmation.

Edits are written before new rows: a row matched by its published id may rename or
move its activity away from the place, organisation and name a new row takes. The
activities a row renames, moves or gives another organisation first get a placeholder
name key, so no identity is held twice halfway (two activities swapping names).

A plan made earlier (the admin's preview) is applied only if every activity
it matched still has the version it had then and every row it called new is
still new; otherwise ``StalePlan`` says which rows changed and nothing is
written.
"""

import hashlib
import zipfile
import zlib
from collections import defaultdict
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from activities.master_sheet.files import UnreadableWorkbook, spreadsheet_open
from activities.master_sheet.kept_rows import Recording, kept_book, rows_pack
from activities.master_sheet.layout import CANONICAL_HEADER
from activities.master_sheet.new_rows import rows_create
from activities.master_sheet.plan import master_sheet_plan
from activities.models import Activity, ImportRowResult, ImportRun, Organisation
from activities.records.bulk import place_links_insert, rows_insert, shared_experience_links_insert
from activities.records.data_version import data_changed

Result = ImportRowResult.Result
# What a damaged file can raise while it is read (the planner itself raises none of these).
READ_ERRORS = (
    UnreadableWorkbook,
    ParseError,
    DefusedXmlException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
)

BATCH_SIZE = 2000
# Row results are kept for this many most recent runs; older runs keep their counts.
KEEP_ROW_RESULTS_FOR_RUNS = 20
STALE_ROWS_SHOWN = 10
# A row's stored message (all its errors) is cut at this many characters.
ROW_MESSAGE_STORED = 1000
RESULT_FIELDS = [
    "run",
    "sheet",
    "row",
    "result",
    "activity",
    "activity_version",
    "name",
    "serves",
    "identified_by",
    "changes",
    "message",
]


class StalePlan(Exception):
    """The directory changed since the plan was made; the message says where."""


def master_sheet_import(
    *,
    data,
    file_name,
    user=None,
    source=ImportRun.Source.COMMAND,
    dry_run=False,
    preview=None,
    kept=None,
    progress=None,
):
    """Import the workbook in ``data`` (bytes); return ``(run, plan)``.

    ``plan`` is None when the file could not be read at all (the run's problems
    say why). ``preview``, a dry-run ``ImportRun`` of the same file, makes
    the import refuse (``StalePlan``) if the directory changed since; ``kept``, the
    rows that preview read (``ImportRun.kept_rows``), are planned from instead of
    parsing ``data`` again. An admin preview keeps its rows (``kept_rows``).
    ``progress(done, total=None, message=None)`` hears how far it has got, in rows.
    """
    started = timezone.now()
    keep = dry_run and source == ImportRun.Source.ADMIN
    try:
        book = kept_book(kept) or spreadsheet_open(data, file_name)
        if keep:
            book = Recording(book)
        try:
            plan = master_sheet_plan(book, progress)
        finally:
            book.close()
    except READ_ERRORS as error:
        if not isinstance(error, UnreadableWorkbook):
            error = UnreadableWorkbook(
                f"The {book.kind} file could not be read ({type(error).__name__}); open it, "
                "save it again and retry."
            )
        run = ImportRun.objects.create(
            file_name=file_name,
            imported_by=user,
            source=source,
            outcome=ImportRun.Outcome.FAILED,
            started=started,
            finished=timezone.now(),
            errors=1,
            problems=[str(error)],
        )
        return run, None
    if preview is not None:
        plan_check_against_preview(plan=plan, preview=preview)
    if not plan.ok:
        outcome = ImportRun.Outcome.FAILED
    elif dry_run:
        outcome = ImportRun.Outcome.DRY_RUN
    else:
        outcome = ImportRun.Outcome.APPLIED
    if outcome == ImportRun.Outcome.APPLIED:
        writing = plan.count(Result.NEW) + plan.count(Result.UPDATED)
        plan.report(0, total=writing, message="Writing the rows: all of them or none")
    try:
        with transaction.atomic():
            if outcome == ImportRun.Outcome.APPLIED:
                plan_apply(plan=plan, user=user, change_reason=f"Imported from {file_name}"[:100])
            run = run_record(
                plan=plan,
                file_name=file_name,
                user=user,
                source=source,
                outcome=outcome,
                started=started,
                upload=data if outcome == ImportRun.Outcome.DRY_RUN and keep else None,
                kept_rows=rows_pack(book)
                if outcome == ImportRun.Outcome.DRY_RUN and keep
                else None,
            )
    except IntegrityError as error:
        raise StalePlan(
            "Someone changed the directory while this import ran (an activity or organisation "
            "with the same name was added); nothing was written. Run the import again."
        ) from error
    return run, plan


def plan_check_against_preview(*, plan, preview):
    """Raise ``StalePlan`` unless ``plan`` does to each row, and to the organisations,
    what ``preview`` showed (an organisation renamed in the admin since changes the
    preview's "Organisation renamed: “Mind” → …" line)."""
    if preview.rows.count() != preview.rows_read:
        raise StalePlan("This preview has expired; upload the sheet again.")
    current = {(row.sheet, row.row): row for row in plan.rows}
    stale = []
    for sheet, number, result, activity_id, version in preview.rows.values_list(
        "sheet", "row", "result", "activity_id", "activity_version"
    ):
        row = current.get((sheet, number))
        if row is None or row.result == Result.ERROR:
            stale.append(f"{sheet}!{number} now has an error")
        elif result == Result.NEW and row.result != Result.NEW:
            stale.append(
                f"{sheet}!{number} “{row.name}” was added to the directory by someone else"
            )
        elif result in (Result.UPDATED, Result.UNCHANGED) and (
            row.activity_id != activity_id or row.version != version
        ):
            stale.append(f"{sheet}!{number} “{row.name}” was edited by someone else")
    previewed = set(preview.summary.splitlines())
    if preview.organisations_renamed != len(plan.organisation_renames) or any(
        line not in previewed for line in plan.organisation_lines()
    ):
        stale.append("the organisations it renames or creates are not the ones it showed")
    if stale:
        shown = stale[:STALE_ROWS_SHOWN]
        more = len(stale) - len(shown)
        raise StalePlan(
            "The directory changed since the preview, so nothing was imported: "
            + "; ".join(shown)
            + (f"; and {more} more" if more > 0 else "")
            + ". Upload the sheet again to see a fresh preview."
        )


def plan_apply(*, plan, user=None, change_reason=None, batch_size=BATCH_SIZE):
    """Write every row of a plan without problems; call inside a transaction."""
    if not plan.ok:
        raise ValueError("A plan with errors is never applied.")
    _lock_and_check_versions(plan, batch_size)
    history = {
        "default_user": user,
        "default_change_reason": change_reason,
        "default_date": timezone.now(),
    }
    _organisations_write(plan, history, batch_size)
    organisation_ids = Organisation.objects.ids_by_key(
        plan.new_organisations.values(),
        user=user,
        change_reason=change_reason,
        batch_size=batch_size,
    )
    # Updates first: a row matched by its published id may rename or move its activity
    # away from the identity a new row takes.
    _update(plan, organisation_ids, history, batch_size)
    rows_create(plan, organisation_ids, history, batch_size)
    data_changed()
    plan.report(plan.count(Result.NEW) + plan.count(Result.UPDATED), message="Recording the run")


def _organisations_write(plan, history, batch_size):
    """Rename the organisations the sheet renames by their ids, then create those it
    names by ids the directory did not have, with those ids. Renamed ones first get a
    placeholder name key, so two organisations can swap names."""
    renames = {rename.pk: rename for rename in plan.organisation_renames}
    if renames:
        placeholder = Concat(Value(RELEASED_PREFIX), Cast("pk", output_field=CharField()))
        organisations = Organisation.objects.select_for_update().in_bulk(list(renames))
        Organisation.objects.filter(pk__in=list(renames)).update(name_key=placeholder)
        for pk, organisation in organisations.items():
            organisation.name = renames[pk].after
            organisation.name_key = renames[pk].key
        bulk_update_with_history(
            list(organisations.values()),
            Organisation,
            ["name", "name_key"],
            batch_size=batch_size,
            **history,
        )
    if plan.organisations_with_ids:
        bulk_create_with_history(
            [
                Organisation(name=entry.name, name_key=entry.key, uuid=entry.uuid)
                for entry in plan.organisations_with_ids.values()
            ],
            Organisation,
            batch_size=batch_size,
            **history,
        )


def _lock_and_check_versions(plan, batch_size):
    expected = {row.activity_id: row.version for row in plan.rows if row.result == Result.UPDATED}
    ids = list(expected)
    changed = []
    for start in range(0, len(ids), batch_size):
        for pk, version in (
            Activity.objects.select_for_update()
            .filter(pk__in=ids[start : start + batch_size])
            .values_list("pk", "version")
        ):
            if expected[pk] != version:
                changed.append(pk)
    if changed:
        raise StalePlan(
            f"{len(changed)} activities were edited by someone else while this import ran; "
            "nothing was written. Run the import again."
        )


IDENTITY_FIELDS = {"place", "organisation", "name"}
IDENTITY_COLUMNS = ["coverage", "place", "places_key", "organisation", "name", "name_key"]


def _update(plan, organisation_ids, history, batch_size):
    rows = [row for row in plan.rows if row.result == Result.UPDATED]
    if not rows:
        return
    now = timezone.now()
    fields = {"version", "updated"}
    relinked = []
    moved = []
    activities = []
    by_id = {}
    ids = [row.activity_id for row in rows]
    for start in range(0, len(ids), batch_size):
        by_id.update(Activity.objects.in_bulk(ids[start : start + batch_size]))
    reidentified = [row.activity_id for row in rows if IDENTITY_FIELDS & set(row.changes)]
    _identities_release(reidentified, batch_size)
    for row in rows:
        activity = by_id[row.activity_id]
        for name in row.changes:
            if name in ("shared_experiences", "place", "organisation"):
                continue
            setattr(activity, name, row.values[name])
            fields.add(name)
        if "shared_experiences" in row.changes:
            relinked.append(row)
        if "place" in row.changes:
            values = row.values
            activity.coverage = values["coverage"]
            activity.place_id = values["place_id"]
            activity.places_key = values["places_key"]
            moved.append(row)
        if "organisation" in row.changes:
            activity.organisation_id = organisation_ids.get(row.identity[1])
        if IDENTITY_FIELDS & set(row.changes):
            activity.set_name(activity.name)  # its name key was a placeholder
            fields.update(IDENTITY_COLUMNS)
        activity.version += 1
        activity.updated = now
        row.version = activity.version
        activities.append(activity)
    bulk_update_with_history(activities, Activity, sorted(fields), batch_size=batch_size, **history)
    through = Activity.shared_experiences.through
    relinked_ids = [row.activity_id for row in relinked]
    for start in range(0, len(relinked_ids), batch_size):
        through.objects.filter(activity_id__in=relinked_ids[start : start + batch_size]).delete()
    shared_experience_links_insert(
        [
            (row.activity_id, experience_id)
            for row in relinked
            for experience_id in row.values["shared_experiences"]
        ]
    )
    places = Activity.places.through
    moved_ids = [row.activity_id for row in moved]
    for start in range(0, len(moved_ids), batch_size):
        places.objects.filter(activity_id__in=moved_ids[start : start + batch_size]).delete()
    place_links_insert(
        [(row.activity_id, place_id) for row in moved for place_id in row.values["places"]]
    )


def _identities_release(ids, batch_size):
    """Give activities whose name, place or organisation a row changes a placeholder name
    key first, so that no unique identity is held twice halfway through the update (two
    activities swapping names, or one taking the name another leaves)."""
    placeholder = Concat(Value(RELEASED_PREFIX), Cast("pk", output_field=CharField()))
    for start in range(0, len(ids), batch_size):
        Activity.objects.filter(pk__in=ids[start : start + batch_size]).update(name_key=placeholder)


# No spelling key starts with it (keys are letters, digits and “+”).
RELEASED_PREFIX = "#released "


def run_record(*, plan, file_name, user, source, outcome, started, upload=None, kept_rows=None):
    """The ``ImportRun`` and its row results, in bulk; prunes old runs' row results."""
    problems = plan.problems
    run = ImportRun.objects.create(
        file_name=file_name[:255],
        imported_by=user,
        source=source,
        outcome=outcome,
        started=started,
        finished=timezone.now(),
        rows_read=len(plan.rows),
        new=plan.count(Result.NEW),
        updated=plan.count(Result.UPDATED),
        unchanged=plan.count(Result.UNCHANGED),
        organisations_renamed=len(plan.organisation_renames),
        errors=len(problems),
        summary="\n".join(plan.summary_lines()),
        problems=problems_stored(plan.problem_messages()),
        upload=upload,
        kept_rows=kept_rows,
        file_sha256=hashlib.sha256(upload).hexdigest() if upload else "",
    )
    messages = defaultdict(list)
    for problem in problems:
        messages[(problem.sheet, problem.row)].append(str(problem))
    for key, texts in messages.items():
        messages[key] = ["\n".join(texts)[:ROW_MESSAGE_STORED]]
    changes_field = ImportRowResult._meta.get_field("changes")
    connection = connections[router.db_for_write(ImportRowResult)]
    no_changes = changes_field.get_db_prep_save({}, connection)
    rows_insert(
        model=ImportRowResult,
        fields=RESULT_FIELDS,
        rows=[
            (
                run.pk,
                row.sheet[:100],
                row.row,
                row.result,
                row.activity_id,
                row.version,
                row.name[:300],
                row.serves[:200],
                row.identified_by if row.result != Result.ERROR else "",
                changes_field.get_db_prep_save(
                    {CANONICAL_HEADER[name]: pair for name, pair in row.changes.items()},
                    connection,
                )
                if row.changes
                else no_changes,
                "\n".join(messages.get((row.sheet, row.row), [])),
            )
            for row in plan.rows
        ],
    )
    runs_prune()
    return run


def problems_stored(messages):
    """The first ``MASTER_SHEET_PROBLEMS_STORED`` messages, and how many more there were.

    The planner stops at that many errors and says so in one more message, kept too.
    """
    limit = settings.MASTER_SHEET_PROBLEMS_STORED
    if len(messages) <= limit + 1:
        return messages
    return [
        *messages[:limit],
        f"… and {len(messages) - limit:,} more errors not listed here (the first {limit:,} are "
        "kept); correct these and import again to see the rest.",
    ]


def runs_prune(*, keep=KEEP_ROW_RESULTS_FOR_RUNS):
    """Drop row results (and stored uploads and rows) of all but the ``keep`` most recent runs."""
    recent = ImportRun.objects.order_by("-started", "-pk").values_list("started", flat=True)
    cutoff = list(recent[keep - 1 : keep])
    if not cutoff:
        return
    cutoff = cutoff[0]
    ImportRowResult.objects.filter(run__started__lt=cutoff).delete()
    ImportRun.objects.filter(started__lt=cutoff, upload__isnull=False).update(
        upload=None, kept_rows=None
    )
