"""Made-up interviews loaded into an empty study, each recorded, anonymised, approved and
coded through the same services as real ones."""

import datetime

from django.db import transaction

from activities.models import Place
from interviews.anonymisation.flag_decisions import flag_resolve, transcript_open_flags
from interviews.coding.services import excerpt_create, span_from_quote
from interviews.demo.generator import STAFF, demo_participants
from interviews.models import (
    Consent,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    StaffName,
    Theme,
    Withdrawal,
)
from interviews.recording.services import interview_create
from interviews.reference.services import interview_reference_load
from interviews.transcripts.services import (
    interview_approve,
    interview_mark_read_through,
    transcript_anonymise,
)

DEMO_KEPT = "A made-up demo transcript: no real person or detail."


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
        interview_mark_read_through(interview=interview, by=by)
        interview_approve(interview=interview, by=by)
        for theme, answer in row["coded"]:
            start, end = span_from_quote(interview=interview, quote=answer)
            excerpt_create(interview=interview, start=start, end=end, themes=[themes[theme]], by=by)
    return len(rows)
