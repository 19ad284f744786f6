"""A participant's way through the study, step by step, for the guided flow's pages."""

from dataclasses import dataclass

from django.urls import reverse

from interviews.models import AnonymisationStatus


@dataclass
class Step:
    label: str
    done: bool
    summary: str
    url: str | None  # where to do (or redo) it, if the user may


def participant_steps(participant, user):
    """Participant → identity → consent → interview → transcript, each done or not.

    Reads ``identity``, ``consent`` and ``interviews`` of a participant fetched
    with them (``Participant.objects.for_progress()``).
    """
    pk = participant.pk
    consent = _saved(getattr(participant, "consent", None))
    identity = _saved(getattr(participant, "identity", None))
    interviews = list(participant.interviews.all())
    statuses = [i.status for i in interviews]
    steps = [
        Step("Participant", True, participant.code, None),
        Step(
            "Identity",
            identity is not None,
            "Recorded" if identity is not None else "Not recorded",
            reverse("interviews:flow_identity", args=[pk])
            if user.has_perm("interviews.add_participantidentity")
            else None,
        ),
        Step(
            "Consent",
            bool(consent and consent.happy_to_be_interviewed),
            (
                f"Signed {consent.signed_on:%d %b %Y}"
                + ("" if consent.happy_to_be_interviewed else " (not to an interview)")
                if consent
                else "Not recorded"
            ),
            reverse("interviews:flow_consent", args=[pk])
            if user.has_perm("interviews.add_consent")
            else None,
        ),
        Step(
            "Interview",
            bool(interviews),
            f"{len(interviews)} recorded" if interviews else "Not interviewed",
            reverse("interviews:flow_interview", args=[pk])
            if user.has_perm("interviews.add_interview") and consent
            else None,
        ),
    ]
    for label, status in [
        ("Transcript anonymised", AnonymisationStatus.ANONYMISED),
        ("Transcript read through", AnonymisationStatus.READ_THROUGH),
        ("Transcript approved", AnonymisationStatus.APPROVED),
    ]:
        reached = sum(1 for s in statuses if _order(s) >= _order(status))
        steps.append(
            Step(
                label,
                bool(statuses) and reached == len(statuses),
                f"{reached} of {len(statuses)}" if statuses else "No transcript yet",
                None,
            )
        )
    return steps


def _saved(row):
    """A related row only if it is in the database (a step's form may hold a new one)."""
    return row if row is not None and row.pk is not None else None


def _order(status):
    return list(AnonymisationStatus.values).index(status)
