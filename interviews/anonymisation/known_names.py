"""The names of people the system knows: the anonymiser replaces them in every transcript."""

from interviews.models import ParticipantIdentity, StaffName


def all_known_names():
    """Every participant's and every member of staff's name the system holds."""
    return [
        *ParticipantIdentity.objects.exclude(name="").values_list("name", flat=True),
        *StaffName.objects.values_list("name", flat=True),
    ]


def names_to_anonymise(interview):
    """The names the anonymiser replaces in a transcript: its own participant's first (so
    they are [NAME 1] when they say it first), then everyone else's the system knows, since
    participants mention each other and the staff."""
    own = interview.participant.name_parts()
    return [*own, *(n for n in all_known_names() if n not in own)]
