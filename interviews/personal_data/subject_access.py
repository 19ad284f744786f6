"""Subject access: everything held about one participant, as a JSON-ready dict (the export
is itself logged): who they are, their consent (every statement of the version signed in its
words, a later version's new statements too), interviews and who held them, transcripts,
what the anonymiser replaced in them and how each flag was decided, excerpts and whether
each was published as a quote, shadowing visits, the admin's history of their records,
and who viewed their records."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from interviews.models import (
    Consent,
    Excerpt,
    Interview,
    Participant,
    ParticipantIdentity,
    RedactionLogEntry,
    ShadowingVisit,
)
from interviews.personal_data.access_log import access_record


def _username(user):
    return user.get_username() if user else None


def _when(moment):
    return moment.isoformat() if moment else None


def subject_access_export(*, participant, by):
    """Everything held about one participant, as a JSON-ready dict."""
    access_record(user=by, participant=participant, event="subject_access")
    identity = getattr(participant, "identity", None)
    consent = getattr(participant, "consent", None)
    interviews = participant.interviews.select_related(
        "guide", "interviewer", "approved_by"
    ).order_by("held_on", "pk")
    excerpts = (
        Excerpt.objects.filter(interview__participant=participant)
        .select_related("publication__approved_by")
        .prefetch_related("themes")
        .order_by("interview_id", "start")
    )
    redactions = (
        RedactionLogEntry.objects.filter(interview__participant=participant)
        .select_related("by")
        .order_by("interview_id", "start", "pk")
    )
    visits = participant.shadowing_visits.select_related("shadowed_by").order_by("started_on", "pk")
    return {
        "participant": {
            "code": participant.code,
            "place": participant.place.name,
            "sector": participant.get_sector_display(),
            "role": participant.get_role_display(),
            "paid": participant.paid,
            "organisation": participant.organisation.name if participant.organisation else None,
        },
        "identity": (
            {
                "name": identity.name,
                "other_names": identity.other_name_list(),
                "contact": identity.contact,
            }
            if identity
            else None
        ),
        "consent": (
            {
                **{s: getattr(consent, s) for s in Consent.STATEMENTS},
                # a later version's statements of a new kind, by name: {name: ticked}
                "other_answers": consent.other_answers,
                "software_transcription": consent.software_transcription,
                "signed_on": consent.signed_on.isoformat(),
                "form_version": consent.form.version,
                "statements_signed": [
                    {"name": key, "statement": text, "ticked": ticked}
                    for _, rows in consent.statement_groups()
                    for key, text, ticked in rows
                ],
                "collected_by": _username(consent.collected_by),
            }
            if consent
            else None
        ),
        "interviews": [
            {
                "id": i.pk,
                "held_on": i.held_on.isoformat(),
                "interviewer": _username(i.interviewer),
                "mode": i.get_mode_display(),
                "question_guide": str(i.guide),
                "transcription_method": i.get_transcription_method_display(),
                "recording_deleted_on": _when(i.recording_deleted_on),
                "anonymisation_status": i.get_status_display(),
                "approved_by": _username(i.approved_by),
                "approved_on": _when(i.approved_on),
                "transcript": i.transcript,
            }
            for i in interviews
        ],
        "redaction_log": [
            {
                "interview": r.interview_id,
                "kind": r.kind,
                "original": r.original,
                "replacement": r.replacement,
                "start": r.start,
                "end": r.end,
                "reason": r.reason,
                "by": _username(r.by),
                "at": _when(r.at),
            }
            for r in redactions
        ],
        "excerpts": [
            {
                "interview": e.interview_id,
                "start": e.start,
                "end": e.end,
                "quote": e.quote,
                "themes": sorted(t.name for t in e.themes.all()),
                "memo": e.memo,
                "coding": e.get_coding_display(),
                "published": _publication(e),
            }
            for e in excerpts
        ],
        "shadowing_visits": [
            {
                "started_on": v.started_on.isoformat(),
                "days": v.days,
                "shadowed_by": _username(v.shadowed_by),
                "notes": v.notes,
            }
            for v in visits
        ],
        "admin_history": admin_history(participant),
        "access_log": [
            {"event": a.get_event_display(), "by": _username(a.user), "at": a.at.isoformat()}
            for a in participant.access_log.select_related("user").order_by("at", "pk")
        ],
    }


def _publication(excerpt):
    approval = getattr(excerpt, "publication", None)
    if approval is None:
        return None
    return {
        "approved_by": _username(approval.approved_by),
        "approved_on": _when(approval.approved_on),
    }


def admin_history(participant):
    """The admin's log of changes to this participant's records (their participant row,
    identity, consent, interviews, excerpts, redaction log and shadowing visits)."""
    rows = {
        Participant: [participant.pk],
        ParticipantIdentity: ParticipantIdentity.objects.filter(participant=participant),
        Consent: Consent.objects.filter(participant=participant),
        Interview: Interview.objects.filter(participant=participant),
        Excerpt: Excerpt.objects.filter(interview__participant=participant),
        RedactionLogEntry: RedactionLogEntry.objects.filter(interview__participant=participant),
        ShadowingVisit: ShadowingVisit.objects.filter(participant=participant),
    }
    types = ContentType.objects.get_for_models(*rows)
    condition = Q(pk__in=[])
    for model, ids in rows.items():
        if not isinstance(ids, list):
            ids = list(ids.values_list("pk", flat=True))
        if ids:
            condition |= Q(content_type=types[model], object_id__in=[str(pk) for pk in ids])
    entries = LogEntry.objects.filter(condition).select_related("user", "content_type")
    return [
        {
            "record": f"{entry.content_type.name}: {entry.object_repr}",
            "action": entry.get_action_flag_display(),
            "by": _username(entry.user),
            "at": entry.action_time.isoformat(),
            "change": entry.get_change_message(),
        }
        for entry in entries.order_by("action_time", "pk")
    ]
