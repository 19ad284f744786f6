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
    ResearchRound,
    Theme,
)
from interviews.rounds.services import study_round_load

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


def study_round():
    """The first research round (the 2019-20 study), made by the migration that made rounds
    (and again here after a transactional test emptied the tables)."""
    return ResearchRound.objects.order_by("starts_on", "pk").first() or study_round_load()


def round_dates(research_round=None, *, withdrawal_deadline=None, project_end=None):
    """Set a round's withdrawal deadline and/or its deletion date (six months after
    ``project_end``, as the study kept data). The database requires the deletion date after
    the deadline: when the one given breaks that, the other moves (a new deadline pushes the
    deletion date to the day after it; a new deletion date pulls the deadline to the end)."""
    from interviews.erasure.purge import RETENTION_MONTHS, add_months

    research_round = research_round or study_round()
    if withdrawal_deadline is not None:
        research_round.withdrawal_deadline = withdrawal_deadline
    if project_end is not None:
        research_round.retention_until = add_months(project_end, RETENTION_MONTHS)
    if research_round.retention_until <= research_round.withdrawal_deadline:
        if project_end is not None:
            research_round.withdrawal_deadline = project_end
        else:
            research_round.retention_until = withdrawal_deadline + datetime.timedelta(1)
    research_round.save()
    return research_round


def make_round(slug="2025-26", *, starts_on=datetime.date(2025, 9, 1), consent_form=None):
    """A later research round, on the study's consent form unless told otherwise."""
    return ResearchRound.objects.create(
        name=f"Round {slug}",
        slug=slug,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=300),
        withdrawal_deadline=starts_on + datetime.timedelta(days=250),
        retention_until=starts_on + datetime.timedelta(days=480),
        consent_form=consent_form or study_round().consent_form,
    )


def make_participant(
    code=None,
    place="leeds",
    sector=Sector.THIRD_SECTOR,
    role=ParticipantRole.WORKER,
    paid=False,
    name="Jane Smith",
    consent=True,
    research_round=None,
):
    participant = Participant.objects.create(
        code=code or f"LDS-{next(_codes):02d}",
        round=research_round or study_round(),
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
            form=participant.round.consent_form,
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
