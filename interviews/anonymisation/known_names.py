"""The names of people the system knows: the anonymiser replaces them in every transcript."""

from interviews.models import ParticipantIdentity, StaffName


def all_known_names():
    """Every name the system holds for a participant (their name and the other names they
    go by: nicknames, former names) and every member of staff's name."""
    identities = ParticipantIdentity.objects.only("name", "other_names")
    names = [name for identity in identities for name in identity.all_names()]
    return [*names, *StaffName.objects.values_list("name", flat=True)]


def names_to_anonymise(interview):
    """The names the anonymiser replaces in a transcript: its own participant's first (so
    they are [NAME 1] when they say it first), then everyone else's the system knows, since
    participants mention each other and the staff."""
    own = interview.participant.name_parts()
    return [*own, *(n for n in all_known_names() if n not in own)]
