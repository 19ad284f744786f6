"""Subject access: everything held about one participant, as a JSON-ready dict (the export
is itself logged)."""

from interviews.models import Consent, Excerpt
from interviews.personal_data.access_log import access_record


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
