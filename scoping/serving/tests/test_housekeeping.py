"""Sign-in records and API uses are deleted once past their keeping period; nothing else."""

import datetime
import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

from activities.api.models import ApiPartner, ApiUse
from scoping.serving.housekeeping import logs_prune
from scoping.tests.test_setup import settings_import

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def sign_in_record(model, days, username="ada", **fields):
    record = model.objects.create(
        username=username, ip_address="192.0.2.7", user_agent="x", **fields
    )
    model.objects.filter(pk=record.pk).update(attempt_time=days_ago(days))  # auto_now_add
    return record


def api_use(partner, days):
    return ApiUse.objects.create(
        partner=partner, at=days_ago(days), path="/api/services", status=200
    )


def test_old_sign_in_records_and_api_uses_go_and_recent_ones_stay():
    old_log, recent_log = sign_in_record(AccessLog, 91), sign_in_record(AccessLog, 89)
    old_failure = sign_in_record(AccessFailureLog, 120)
    # a lockout in force is axes' own business (it ends with the cool-off)
    lockout = sign_in_record(AccessAttempt, 200, username="locked", failures_since_start=5)
    partner = ApiPartner(name="Leeds directory")
    partner.issue_token()
    partner.save()
    old_use, recent_use = api_use(partner, 366), api_use(partner, 300)

    output = io.StringIO()
    call_command("prune_logs", stdout=output)

    assert output.getvalue().strip() == (
        "Deleted 2 sign-in records older than 90 days and 1 API use older than 365 days; "
        "0 sender's e-mail addresses older than 90 days; "
        "0 expired job files, 0 finished jobs and 0 queue rows older than 30 days."
    )
    assert list(AccessLog.objects.all()) == [recent_log]
    assert not AccessFailureLog.objects.filter(pk=old_failure.pk).exists()
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()
    assert list(ApiUse.objects.all()) == [recent_use]
    assert not ApiUse.objects.filter(pk=old_use.pk).exists()
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()


def test_the_keeping_periods_come_from_the_settings(settings):
    settings.SIGN_IN_LOG_DAYS = 7
    kept, gone = sign_in_record(AccessLog, 6), sign_in_record(AccessLog, 8)
    assert logs_prune() == {
        "sign-in records": 1, "API uses": 0, "sender addresses": 0, "job files": 0, "jobs": 0,
        "queue rows": 0,
    }  # fmt: skip
    assert list(AccessLog.objects.all()) == [kept]
    assert gone.pk != kept.pk


@pytest.mark.parametrize("value", ["ninety", "0", "-3"])
def test_a_keeping_period_that_is_not_a_number_of_days_stops_the_app_saying_so(value):
    result = settings_import({"DEBUG": "1", "SIGN_IN_LOG_DAYS": value})
    assert result.returncode != 0
    assert f"SIGN_IN_LOG_DAYS must be a whole number of days, 1 or more, not '{value}'." in (
        result.stderr
    )
