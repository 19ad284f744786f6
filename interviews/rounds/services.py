"""Loading the first research round (the 2019-20 study) where there is none: the migration
that made rounds creates it on every database; this brings it back on one emptied since
(a test database flushed, a local copy reset) and gives it the study's question guides."""

import calendar
import datetime

from django.conf import settings
from django.db import transaction

from interviews.consent_forms import study_form
from interviews.models import ConsentFormVersion, InterviewGuide, ResearchRound

STUDY_ROUND = {"name": "2019-20 study", "slug": "2019-20"}


def _six_months_after(day):
    month = day.month - 1 + 6
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def study_round_load():
    """The study's round (created with consent form version 1 when there is no round), with
    the question guides loaded so far when it names none; returns it."""
    form, _ = ConsentFormVersion.objects.get_or_create(
        version=1,
        defaults={
            "title": study_form.TITLE,
            "statements": study_form.STATEMENTS,
            "information_sheet": study_form.INFORMATION_SHEET,
            "withdraw_until": study_form.WITHDRAW_UNTIL,
            "kept_until": study_form.KEPT_UNTIL,
        },
    )
    study, _ = ResearchRound.objects.get_or_create(
        slug=STUDY_ROUND["slug"],
        defaults={
            "name": STUDY_ROUND["name"],
            "starts_on": datetime.date(2019, 10, 1),
            "ends_on": datetime.date(2020, 7, 31),
            "withdrawal_deadline": settings.INTERVIEWS_WITHDRAWAL_DEADLINE,
            "retention_until": _six_months_after(settings.PROJECT_END_DATE),
            "consent_form": form,
        },
    )
    if not study.guides.exists():
        study.guides.set(InterviewGuide.objects.all())
    return study
