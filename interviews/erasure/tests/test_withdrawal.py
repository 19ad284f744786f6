"""Withdrawal before and after the deadline, and the retention purge, with a frozen clock."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command

from activities.models import Activity, Place
from activities.tests.factories import make_activity
from interviews.coding.services import excerpt_create
from interviews.erasure.purge import purge_date
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import (
    AccessLogEntry,
    Consent,
    Excerpt,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    RedactionLogEntry,
    StaffName,
    Theme,
    Withdrawal,
)
from interviews.personal_data.access_log import access_record
from interviews.tests.factories import make_interview, make_participant, make_theme, round_dates

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2020, 9, 30)
BEFORE = datetime.datetime(2020, 9, 30, 20, 0, tzinfo=datetime.UTC)  # 21:00 in London
AFTER = datetime.datetime(2020, 10, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def deadlines(settings):
    round_dates(withdrawal_deadline=DEADLINE)
    round_dates(project_end=datetime.date(2021, 3, 31))


def contribute(user, name="Jane Smith"):
    """A participant with something in every interview table."""
    participant = make_participant(name=name)
    interview = make_interview(participant, transcript="I'm [NAME 1]. Groups help.")
    excerpt = excerpt_create(interview=interview, start=13, end=25, themes=[make_theme()], by=user)
    RedactionLogEntry.objects.create(
        interview=interview, kind="name", original="Jane", replacement="[NAME 1]", start=4, end=8
    )
    access_record(user=user, participant=participant, event="identity")
    access_record(user=user, participant=participant, interview=interview, event="transcript")
    for obj in (participant, participant.identity, participant.consent, interview, excerpt):
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=[obj], action_flag=CHANGE, change_message="Changed."
        )
    return participant


def rows_about(participant_pk, interview_pks, excerpt_pks, identity_pk, consent_pk):
    """Every row anywhere that belongs to this participant, per table."""

    def log_entries(model, pks):
        return LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).count()

    return {
        "participant": Participant.objects.filter(pk=participant_pk).count(),
        "identity": ParticipantIdentity.objects.filter(participant_id=participant_pk).count(),
        "consent": Consent.objects.filter(participant_id=participant_pk).count(),
        "interviews": Interview.objects.filter(participant_id=participant_pk).count(),
        "excerpts": Excerpt.objects.filter(pk__in=excerpt_pks).count(),
        "excerpt themes": Excerpt.themes.through.objects.filter(excerpt_id__in=excerpt_pks).count(),
        "redaction log": RedactionLogEntry.objects.filter(interview_id__in=interview_pks).count(),
        "access log": AccessLogEntry.objects.filter(participant_id=participant_pk).count(),
        "admin history": log_entries(Participant, [participant_pk])
        + log_entries(ParticipantIdentity, [identity_pk])
        + log_entries(Consent, [consent_pk])
        + log_entries(Interview, interview_pks)
        + log_entries(Excerpt, excerpt_pks),
    }


def keys_of(participant):
    return {
        "participant_pk": participant.pk,
        "interview_pks": list(participant.interviews.values_list("pk", flat=True)),
        "excerpt_pks": list(
            Excerpt.objects.filter(interview__participant=participant).values_list("pk", flat=True)
        ),
        "identity_pk": participant.identity.pk,
        "consent_pk": participant.consent.pk,
    }


def test_only_the_codebook_keeps_history_and_it_holds_nothing_personal():
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert historical, "the directory keeps history, so the check can find some"
    assert [m for m in historical if m._meta.app_label == "interviews"] == [Theme.history.model]
    fields = {f.name for f in Theme.history.model._meta.get_fields()}
    assert fields == {
        *("id", "name", "parent", "description", "source"),
        *("history_id", "history_date", "history_change_reason", "history_type"),
        "history_user",
    }


@time_machine.travel(BEFORE, tick=False)
def test_withdrawal_before_the_deadline_leaves_nothing_but_a_tombstone(interviewer):
    withdrawn = contribute(interviewer)
    other = contribute(interviewer, name="Ann Other")
    keys = keys_of(withdrawn)
    assert all(rows_about(**keys).values())

    tombstone = withdraw_participant(participant=withdrawn, by=interviewer)

    assert rows_about(**keys) == dict.fromkeys(rows_about(**keys), 0)
    assert (tombstone.code, tombstone.withdrawn_by) == (withdrawn.code, interviewer)
    assert tombstone.withdrawn_on == BEFORE
    assert list(Withdrawal.objects.values_list("code", flat=True)) == [withdrawn.code]
    # The other participant's data and the codebook are untouched.
    assert all(rows_about(**keys_of(other)).values())
    assert Theme.objects.filter(name="Boundaries").exists()
    # Coding and withdrawal leave the codebook's history as it was: no quote reaches it.
    assert list(Theme.history.values_list("name", "history_type")) == [("Boundaries", "+")]


@time_machine.travel(AFTER, tick=False)
def test_withdrawal_after_the_deadline_is_refused(interviewer):
    participant = contribute(interviewer)
    keys = keys_of(participant)
    with pytest.raises(ValidationError, match="deadline \\(30 September 2020\\) has passed"):
        withdraw_participant(participant=participant, by=interviewer)
    assert all(rows_about(**keys).values())
    assert not Withdrawal.objects.exists()


@time_machine.travel(BEFORE, tick=False)
def test_the_admin_action_withdraws(client_for, interviewer):
    participant = contribute(interviewer)
    response = client_for(interviewer).post(
        "/admin/interviews/participant/",
        {"action": "withdraw", "_selected_action": [participant.pk], "confirm": "yes"},
        follow=True,
    )
    assert f"{participant.code} withdrawn" in response.content.decode()
    assert not Participant.objects.filter(pk=participant.pk).exists()


@time_machine.travel(AFTER, tick=False)
def test_the_admin_action_says_why_it_refuses(client_for, interviewer):
    participant = contribute(interviewer)
    response = client_for(interviewer).post(
        "/admin/interviews/participant/",
        {"action": "withdraw", "_selected_action": [participant.pk], "confirm": "yes"},
        follow=True,
    )
    assert "has passed" in response.content.decode()
    assert Participant.objects.filter(pk=participant.pk).exists()


def purge(*args):
    out = StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_purge_waits_for_six_months_after_the_project_end(interviewer):
    contribute(interviewer)
    with time_machine.travel(datetime.datetime(2021, 9, 29, 22, 0, tzinfo=datetime.UTC)):
        output = purge()  # 23:00 on 29 September in London: one day early
    assert "Nothing deleted: interview data is kept until 30 September 2021" in output
    assert Participant.objects.count() == 1


def test_purge_dry_run_deletes_nothing(interviewer):
    contribute(interviewer)
    with time_machine.travel(datetime.datetime(2021, 10, 1, 9, 0, tzinfo=datetime.UTC)):
        output = purge("--dry-run")
    assert "Would delete 1 participants." in output
    assert "Would delete 1 interviews." in output
    assert "Would delete 1 excerpts." in output
    assert Participant.objects.count() == 1


def test_purge_deletes_all_interview_data_and_nothing_else(interviewer):
    make_activity()
    with time_machine.travel(datetime.datetime(2020, 9, 1, 9, 0, tzinfo=datetime.UTC)):
        withdraw_participant(participant=contribute(interviewer, "Ann Other"), by=interviewer)
    keys = [keys_of(contribute(interviewer)), keys_of(contribute(interviewer, "Bob Jones"))]
    StaffName.objects.create(name="Claire Dawson")
    kept = (
        Activity.objects.count(),
        Place.objects.count(),
        Theme.objects.count(),
        InterviewGuide.objects.count(),
    )
    with time_machine.travel(datetime.datetime(2021, 9, 30, 9, 0, tzinfo=datetime.UTC)):
        output = purge()
    assert "Deleted 2 participants." in output
    assert "Deleted 2 interviews." in output
    assert "Deleted 1 withdrawals." in output
    assert "Deleted 1 names to anonymise." in output
    for participant_keys in keys:
        assert not any(rows_about(**participant_keys).values())
    for model in (
        Participant,
        ParticipantIdentity,
        Consent,
        Interview,
        Excerpt,
        Withdrawal,
        StaffName,
    ):
        assert model.objects.count() == 0, model
    assert not AccessLogEntry.objects.exists() and not RedactionLogEntry.objects.exists()
    assert not LogEntry.objects.filter(content_type__app_label="interviews").exists()
    assert kept == (
        Activity.objects.count(),
        Place.objects.count(),
        Theme.objects.count(),
        InterviewGuide.objects.count(),
    )


def test_a_withdrawn_code_is_not_given_out_again(client_for, superuser):
    Withdrawal.objects.create(code="LDS-07", withdrawn_on=BEFORE)
    response = client_for(superuser).post(
        "/admin/interviews/participant/add/",
        {
            "code": "LDS-07",
            "place": Place.objects.get(slug="leeds").pk,
            "sector": "nhs",
            "role": "worker",
        },
    )
    assert (
        "LDS-07 belonged to a participant who withdrew: use a new code."
        in response.content.decode()
    )
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "end,first_purge_day",
    [
        (datetime.date(2021, 3, 31), datetime.date(2021, 9, 30)),
        (datetime.date(2021, 8, 31), datetime.date(2022, 2, 28)),
        (datetime.date(2023, 8, 31), datetime.date(2024, 2, 29)),
        (datetime.date(2021, 12, 15), datetime.date(2022, 6, 15)),
    ],
)
def test_the_purge_date_is_six_calendar_months_after_the_end(settings, end, first_purge_day):
    round_dates(project_end=end)
    assert purge_date() == first_purge_day
