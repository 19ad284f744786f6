"""Writes of the interview study: recording, anonymising, approving, coding,
withdrawing, purging, subject access and the reference data (guides, codebook)."""

import calendar
import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from simple_history.utils import bulk_update_with_history

from activities.models import Place
from interviews.anonymisation.anonymiser import redact, redact_names, shift_offset
from interviews.anonymisation.flag_decisions import flag_resolve, transcript_open_flags
from interviews.anonymisation.known_names import names_to_anonymise
from interviews.demo import STAFF, demo_participants
from interviews.erasure import storage
from interviews.models import (
    AccessLogEntry,
    AnonymisationStatus,
    Consent,
    Excerpt,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    PublicationApproval,
    RedactionLogEntry,
    ShadowingVisit,
    StaffName,
    Theme,
    Withdrawal,
    consent_problems,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
RETENTION_MONTHS = 6
DEMO_KEPT = "A made-up demo transcript: no real person or detail."


# Reference data -----------------------------------------------------------


@transaction.atomic
def interview_reference_load(*, fixtures_dir=FIXTURES):
    """Create the question guides and codebook themes that are missing.

    Rows that exist already are left as they are, so edits made in the admin
    survive a second ``make run``. Returns counts of what was added.
    """
    guides = json.loads((fixtures_dir / "interview_guides.json").read_text(encoding="utf-8"))
    existing = set(InterviewGuide.objects.values_list("slug", "version"))
    new_guides = [InterviewGuide(**g) for g in guides if (g["slug"], g["version"]) not in existing]
    InterviewGuide.objects.bulk_create(new_guides)

    codebook = json.loads((fixtures_dir / "codebook.json").read_text(encoding="utf-8"))
    themes = {t.name: t for t in Theme.objects.all()}
    added = 0
    for entry in codebook:  # parents come before their children in the file
        if entry["name"] in themes:
            continue
        theme = Theme.objects.create(
            name=entry["name"],
            description=entry.get("description", ""),
            source=entry["source"],
            parent=themes.get(entry.get("parent") or ""),
        )
        themes[theme.name] = theme
        added += 1
    return {"question guides": len(new_guides), "themes": added}


@transaction.atomic
def interviews_demo_load(*, by=None):
    """Made-up participants with approved, anonymised and coded interviews, once.

    Only into a database with no participant and no withdrawal, so real data
    (or a withdrawal) is never mixed with the demo.
    """
    if Participant.objects.exists() or Withdrawal.objects.exists():
        return 0
    interview_reference_load()
    for name in STAFF:
        StaffName.objects.get_or_create(name=name)
    places = {p.slug: p for p in Place.objects.all()}
    guides = {g.slug: g for g in InterviewGuide.objects.order_by("pk")}  # the latest version
    themes = {t.name: t for t in Theme.objects.all()}
    rows = demo_participants()
    for row in rows:
        participant = Participant.objects.create(
            code=row["code"],
            place=places[row["place"]],
            sector=row["sector"],
            role=row["role"],
            paid=row["paid"],
        )
        ParticipantIdentity.objects.create(
            participant=participant, name=row["name"], contact=row["contact"]
        )
        Consent.objects.create(
            participant=participant,
            signed_on=row["held_on"] - datetime.timedelta(days=7),
            collected_by=by,
            software_transcription=True,
            **dict.fromkeys(Consent.STATEMENTS, True),
        )
        interview = interview_create(
            participant=participant,
            by=by,
            held_on=row["held_on"],
            mode=row["mode"],
            guide=guides[row["guide"]],
            transcript=row["transcript"],
            recording_deleted_on=row["held_on"] + datetime.timedelta(days=14),
        )
        transcript_anonymise(interview=interview, by=by)
        for flag in transcript_open_flags(interview):  # made up: nothing in them is anyone
            flag_resolve(
                interview=interview, word=flag.word, decision="keep", by=by, reason=DEMO_KEPT
            )
        interview_mark_checked(interview=interview, by=by)
        interview_approve(interview=interview, by=by)
        for theme, answer in row["coded"]:
            start, end = span_from_quote(interview=interview, quote=answer)
            excerpt_create(interview=interview, start=start, end=end, themes=[themes[theme]], by=by)
    return len(rows)


# Recording and anonymising ------------------------------------------------


def normalise_transcript(text):
    """One newline convention, so offsets in the browser and the database agree."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@sensitive_variables("transcript")
def interview_create(*, participant, by, transcript="", **fields):
    """Record an interview; refused unless a consent signed beforehand covers it."""
    consent_problems(
        participant,
        held_on=fields.get("held_on"),
        transcription_method=fields.get("transcription_method"),
    )
    return Interview.objects.create(
        participant=participant,
        interviewer=fields.pop("interviewer", None) or by,
        transcript=normalise_transcript(transcript),
        **fields,
    )


def transcript_edited(*, interview):
    """An edited transcript goes back to draft: it is checked, and approved, again.

    For a caller that has changed the transcript of a recorded interview (the
    admin); the caller saves. An approved transcript cannot be edited at all.
    """
    interview.status = AnonymisationStatus.DRAFT


def transcript_findings(interview):
    """What the anonymiser would still replace in this transcript."""
    return redact(interview.transcript, names=names_to_anonymise(interview)).findings


@sensitive_variables("redaction")
@transaction.atomic
def transcript_anonymise(*, interview, by):
    """Replace the personal details the anonymiser finds; log what was replaced."""
    if interview.is_approved:
        raise ValidationError("An approved transcript cannot be changed.")
    redaction = redact(interview.transcript, names=names_to_anonymise(interview))
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


def check_blockers(interview):
    """Why a person cannot mark this transcript as checked yet (empty: they can)."""
    if interview.is_approved:
        return ["The transcript is approved already."]
    if interview.status == AnonymisationStatus.DRAFT:
        return ["Run the anonymiser first: a person checks what it has done."]
    return []


def interview_mark_checked(*, interview, by):
    """A person has read the anonymised transcript and found nothing it missed."""
    blockers = check_blockers(interview)
    if blockers:
        raise ValidationError(blockers)
    interview.status = AnonymisationStatus.CHECKED
    interview.save(update_fields=["status"])


def approval_blockers(interview):
    """Why this transcript cannot be approved yet (empty: it can).

    The one list of approval's preconditions: the transcript page explains them
    and ``interview_approve`` enforces them, so a new rule is added here only.
    """
    if interview.is_approved:
        return ["The transcript is approved already."]
    blockers = []
    if interview.status != AnonymisationStatus.CHECKED:
        blockers.append("A person must mark the anonymised transcript as checked.")
    findings = transcript_findings(interview)
    if findings:
        kinds = sorted({f.kind.replace("_", " ") for f in findings})
        blockers.append(
            f"The anonymiser still finds {len(findings)} item(s) ({', '.join(kinds)}) in "
            f"the transcript of {interview.participant.code}: anonymise it again."
        )
    flags = transcript_open_flags(interview)
    if flags:
        blockers.append(
            f"{len(flags)} flagged word(s) or number(s) in the transcript of "
            f"{interview.participant.code} still need a decision: redact each, or keep it "
            "with a reason, on its review page."
        )
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


# Coding -------------------------------------------------------------------


RECENT_THEMES = 8


def recent_themes(user, limit=RECENT_THEMES):
    """The themes this person coded with most recently, newest first (one query)."""
    rows = (
        Excerpt.themes.through.objects.filter(excerpt__coded_by=user)
        .values("theme_id")
        .annotate(last=Max("excerpt__coded_on"))
        .order_by("-last", "theme_id")[:limit]
    )
    return [row["theme_id"] for row in rows]


def span_from_quote(*, interview, quote):
    """The offsets of a quote typed or pasted in (the page without JavaScript)."""
    quote = normalise_transcript(quote).strip()
    if not quote:
        raise ValidationError("Enter the offsets or paste the passage.")
    text = interview.transcript
    count = text.count(quote)
    if count == 0:
        raise ValidationError("That passage is not in the transcript, word for word.")
    if count > 1:
        raise ValidationError(
            f"That passage appears {count} times in the transcript: "
            "paste a longer one, or give the start and end offsets."
        )
    start = text.index(quote)
    return start, start + len(quote)


def _check_span(interview, start, end):
    if not interview.is_approved:
        raise ValidationError("Only an approved transcript can be coded.")
    if not Interview.objects.consented().filter(pk=interview.pk).exists():
        raise ValidationError(
            "This interview has no consent signed on or before its date: it cannot be coded."
        )
    if not (0 <= start < end <= len(interview.transcript)):
        raise ValidationError(
            f"The passage must lie within the transcript: start and end between 0 and "
            f"{len(interview.transcript)}, start before end."
        )


@transaction.atomic
def excerpt_create(*, interview, start, end, themes, by, memo=""):
    _check_span(interview, start, end)
    if not themes:
        raise ValidationError("Choose at least one theme.")
    excerpt = Excerpt.objects.create(
        interview=interview,
        start=start,
        end=end,
        quote=interview.transcript[start:end],
        memo=memo,
        coded_by=by,
    )
    excerpt.themes.set(themes)
    return excerpt


@transaction.atomic
def excerpt_update(*, excerpt, start, end, themes, memo, by):
    _check_span(excerpt.interview, start, end)
    if not themes:
        raise ValidationError("Choose at least one theme.")
    excerpt.start, excerpt.end, excerpt.memo = start, end, memo
    excerpt.quote = excerpt.interview.transcript[start:end]
    excerpt.save()
    excerpt.themes.set(themes)
    return excerpt


@transaction.atomic
def theme_merge(*, source, target):
    """Move every excerpt and child of ``source`` to ``target``, then delete ``source``."""
    if source.pk == target.pk:
        raise ValidationError("Choose two different themes to merge.")
    if target.is_within(source):
        raise ValidationError(f"“{target}” sits under “{source}”: merge the other way.")
    through = Excerpt.themes.through
    already = set(through.objects.filter(theme=target).values_list("excerpt_id", flat=True))
    moving = through.objects.filter(theme=source)
    through.objects.bulk_create(
        through(excerpt_id=e, theme=target)
        for e in moving.values_list("excerpt_id", flat=True)
        if e not in already
    )
    moving.delete()
    children = list(Theme.objects.filter(parent=source))
    for child in children:
        child.parent = target
    bulk_update_with_history(children, Theme, ["parent"])  # the move shows in their history
    source.delete()


# Access log ---------------------------------------------------------------


def access_record(*, user, participant, event, interview=None):
    return AccessLogEntry.objects.create(
        user=user, participant=participant, interview=interview, event=event
    )


def access_search_record(*, user, rows, event):
    """One entry per participant among ``rows`` (identities, interviews, redactions) shown."""
    entries = {}
    for row in rows:
        participant_id = getattr(row, "participant_id", None)
        interview_id = None
        if participant_id is None:  # a redaction log entry: through its interview
            interview_id = row.interview_id
            participant_id = row.interview.participant_id
        elif isinstance(row, Interview):
            interview_id = row.pk
        entries.setdefault((participant_id, interview_id), None)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(user=user, participant_id=p, interview_id=i, event=event) for p, i in entries
    )


# Withdrawal and retention -------------------------------------------------


def _delete_admin_history(querysets):
    """Drop the admin's change log of deleted rows: it is a copy of what they held."""
    for queryset in querysets:
        ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        if ids:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(queryset.model),
                object_id__in=ids,
            ).delete()


def _participant_rows(participants):
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
    querysets = _participant_rows([participant.pk])
    _delete_admin_history(querysets)
    storage.admin_log_erase(models=erased_models(), codes=[participant.code])
    for queryset in querysets:
        queryset.delete()


def erased_models():
    """Every model withdrawal or the purge deletes from."""
    return [qs.model for qs in _participant_rows([])] + [Withdrawal, StaffName]


def erased_tables():
    """Their tables, and the admin's log: what ``storage.tables_vacuum`` rewrites."""
    tables = []
    for model in erased_models():
        tables.append(model._meta.db_table)
        tables.extend(
            field.remote_field.through._meta.db_table for field in model._meta.many_to_many
        )
    return [*tables, LogEntry._meta.db_table]


def vacuum_after_commit():
    transaction.on_commit(lambda: storage.tables_vacuum(erased_tables()))


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
        qs.model._meta.verbose_name_plural: qs.count() for qs in _participant_rows(participants)
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
        querysets = _participant_rows(Participant.objects.values("pk"))
        _delete_admin_history([*querysets, Withdrawal.objects.all(), StaffName.objects.all()])
        storage.admin_log_erase(models=erased_models())
        for queryset in querysets:
            queryset.delete()
        Withdrawal.objects.all().delete()
        StaffName.objects.all().delete()
        if any(counts.values()):
            storage.ledger_append(event="purge", at=timezone.now().isoformat())
            vacuum_after_commit()
    counts["backup files"] = len(storage.backups_purge(purge_day=purge_date(), dry_run=dry_run))
    return counts


# Subject access -----------------------------------------------------------


def subject_access_export(*, participant, by):
    """Everything held about one participant, as a JSON-ready dict."""
    access_record(user=by, participant=participant, event="subject_access")
    identity = getattr(participant, "identity", None)
    consent = getattr(participant, "consent", None)
    interviews = participant.interviews.select_related("guide").order_by("held_on", "pk")
    excerpts = (
        Excerpt.objects.filter(interview__participant=participant)
        .prefetch_related("themes")
        .order_by("interview_id", "start")
    )
    return {
        "participant": {
            "code": participant.code,
            "place": participant.place.name,
            "sector": participant.get_sector_display(),
            "role": participant.get_role_display(),
            "paid": participant.paid,
            "organisation": participant.organisation.name if participant.organisation else None,
        },
        "identity": {"name": identity.name, "contact": identity.contact} if identity else None,
        "consent": (
            {
                **{s: getattr(consent, s) for s in Consent.STATEMENTS},
                "software_transcription": consent.software_transcription,
                "signed_on": consent.signed_on.isoformat(),
                "form_version": consent.form_version,
                "collected_by": consent.collected_by.get_username()
                if consent.collected_by
                else None,
            }
            if consent
            else None
        ),
        "interviews": [
            {
                "id": i.pk,
                "held_on": i.held_on.isoformat(),
                "mode": i.get_mode_display(),
                "question_guide": str(i.guide),
                "transcription_method": i.get_transcription_method_display(),
                "recording_deleted_on": i.recording_deleted_on.isoformat()
                if i.recording_deleted_on
                else None,
                "anonymisation_status": i.get_status_display(),
                "transcript": i.transcript,
            }
            for i in interviews
        ],
        "excerpts": [
            {
                "interview": e.interview_id,
                "start": e.start,
                "end": e.end,
                "quote": e.quote,
                "themes": sorted(t.name for t in e.themes.all()),
                "memo": e.memo,
            }
            for e in excerpts
        ],
        "shadowing_visits": [
            {"started_on": v.started_on.isoformat(), "days": v.days, "notes": v.notes}
            for v in participant.shadowing_visits.order_by("started_on", "pk")
        ],
        "access_log": [
            {"event": a.get_event_display(), "at": a.at.isoformat()}
            for a in participant.access_log.order_by("at", "pk")
        ],
    }
