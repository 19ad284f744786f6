"""Research rounds: the 2019-20 study is the first (every existing row joined it); a round
sets its own withdrawal deadline and deletion date; the participants' list shows one round."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError

from interviews.erasure.purge import add_months, interviews_purge, purge_date
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import Interview, Participant, ResearchRound, Withdrawal
from interviews.tests.factories import (
    make_interview,
    make_participant,
    make_round,
    round_dates,
    study_round,
)

pytestmark = pytest.mark.django_db


def on(day):
    return time_machine.travel(datetime.datetime(*day, 9, tzinfo=datetime.UTC), tick=False)


def test_the_study_is_the_first_round_with_the_settings_as_its_deadlines():
    study = ResearchRound.objects.get()
    assert (study.name, study.slug) == ("2019-20 study", "2019-20")
    assert (study.starts_on, study.ends_on) == (
        datetime.date(2019, 10, 1),
        datetime.date(2020, 7, 31),
    )
    assert study.withdrawal_deadline == settings.INTERVIEWS_WITHDRAWAL_DEADLINE
    assert study.retention_until == add_months(settings.PROJECT_END_DATE, 6)
    assert study.consent_form.version == 1
    assert make_participant().round == study  # new participants join the current round


def test_withdrawal_follows_the_participants_round(interviewer):
    round_dates(withdrawal_deadline=datetime.date(2020, 9, 30))
    second = make_round(starts_on=datetime.date(2025, 9, 1))  # withdrawal until 9 May 2026
    studied, current = make_participant(), make_participant(research_round=second)
    with on((2025, 12, 1)):
        with pytest.raises(ValidationError, match="deadline \\(30 September 2020\\) has passed"):
            withdraw_participant(participant=studied, by=interviewer)
        withdraw_participant(participant=current, by=interviewer)
    assert list(Participant.objects.all()) == [studied]
    assert Withdrawal.objects.get().code == current.code


def test_the_purge_deletes_only_the_rounds_whose_date_has_come(interviewer):
    round_dates(project_end=datetime.date(2021, 3, 31))  # deleted from 30 September 2021
    second = make_round(starts_on=datetime.date(2021, 6, 1))  # deleted from 24 September 2022
    studied = make_interview(make_participant()).participant
    current = make_interview(make_participant(research_round=second)).participant
    with on((2021, 6, 1)):
        withdraw_participant(participant=make_participant(research_round=second), by=interviewer)
    assert purge_date() == datetime.date(2021, 9, 30)
    with on((2021, 9, 29)):
        assert interviews_purge() is None
    with on((2021, 10, 1)):
        counts = interviews_purge()
    assert counts["participants"] == 1 and counts["withdrawals"] == 0
    assert list(Participant.objects.all()) == [current]
    assert not Interview.objects.filter(participant_id=studied.pk).exists()
    assert Withdrawal.objects.exists()  # the second round still needs its tombstones
    assert purge_date() == datetime.date(2022, 9, 24)
    with on((2022, 9, 24)):
        counts = interviews_purge()
    assert counts["participants"] == 1 and counts["withdrawals"] == 1
    assert not Participant.objects.exists() and not Withdrawal.objects.exists()


def test_a_rounds_deletion_date_comes_after_its_withdrawal_deadline():
    from django.db import IntegrityError, transaction

    study = study_round()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResearchRound.objects.filter(pk=study.pk).update(retention_until=study.withdrawal_deadline)


def test_the_participants_list_shows_one_round(client_for, interviewer, django_assert_num_queries):
    second = make_round()
    make_participant(code="OLD-01")
    make_interview(make_participant(code="NEW-01", research_round=second), approved=False)
    client = client_for(interviewer)
    page = client.get("/interviews/participants/").content.decode()
    assert "NEW-01" in page and "OLD-01" not in page  # the current round unless chosen
    assert "Participants: Round 2025-26" in page
    page = client.get("/interviews/participants/?round=2019-20").content.decode()
    assert "OLD-01" in page and "NEW-01" not in page
    make_participant(research_round=second)
    client.get("/interviews/participants/")
    with django_assert_num_queries(QUERIES):
        client.get("/interviews/participants/")


# session, user, permissions; the rounds, the participants with consent and identity,
# their interviews, the interviews without consent
QUERIES = 7
