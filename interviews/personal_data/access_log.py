"""Writing the access log: one entry for each transcript or identity opened, and one per
participant a search on personal data showed."""

from interviews.models import AccessLogEntry, Interview


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
