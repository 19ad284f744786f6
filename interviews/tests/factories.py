"""Small factories for the interview study; reference data comes from the session set-up."""

import datetime
import itertools

from activities.models import Place
from activities.vocabulary.terms import Sector
from interviews.models import (
    AnonymisationStatus,
    Consent,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    ParticipantRole,
    Theme,
)

_codes = itertools.count(1)

TRANSCRIPT = (
    "Interviewer: Tell me about your organisation.\n"
    "Participant: I volunteer at the Sunrise Centre. Peer support means being alongside "
    "someone who has been there too.\n"
    "Interviewer: And the challenges?\n"
    "Participant: Boundaries, mostly. And waiting lists are long.\n"
)


def make_guide(slug="worker"):
    guide, _ = InterviewGuide.objects.get_or_create(
        slug=slug,
        defaults={"name": f"Guide {slug}", "role": ParticipantRole.WORKER, "questions": ["Q1"]},
    )
    return guide


def make_participant(
    code=None,
    place="leeds",
    sector=Sector.THIRD_SECTOR,
    role=ParticipantRole.WORKER,
    paid=False,
    name="Jane Smith",
    consent=True,
):
    participant = Participant.objects.create(
        code=code or f"LDS-{next(_codes):02d}",
        place=Place.objects.get(slug=place),
        sector=sector,
        role=role,
        paid=paid,
    )
    if name:
        ParticipantIdentity.objects.create(
            participant=participant, name=name, contact="jane@example.org"
        )
    if consent:
        Consent.objects.create(
            participant=participant,
            signed_on=datetime.date(2020, 1, 10),
            **dict.fromkeys(Consent.STATEMENTS, True),
        )
    return participant


def make_interview(participant=None, transcript=TRANSCRIPT, approved=True, **fields):
    participant = participant or make_participant()
    return Interview.objects.create(
        participant=participant,
        held_on=fields.pop("held_on", datetime.date(2020, 2, 1)),
        mode=fields.pop("mode", "telephone"),
        guide=fields.pop("guide", None) or make_guide(),
        transcript=transcript,
        status=AnonymisationStatus.APPROVED if approved else AnonymisationStatus.DRAFT,
        **fields,
    )


def make_theme(name="Boundaries", parent=None):
    theme, _ = Theme.objects.get_or_create(name=name, defaults={"parent": parent})
    return theme
