"""Recording an interview: refused unless a consent signed beforehand covers it."""

from django.views.decorators.debug import sensitive_variables

from interviews.models import Interview, consent_problems


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
