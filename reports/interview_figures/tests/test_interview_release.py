"""The interview team's commands: audit what a release would publish, then release it."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from activities.vocabulary.terms import Sector
from interviews.erasure.withdrawal import withdraw_participant
from interviews.tests.factories import round_dates
from reports.figures.summaries import ReportOptions, report_build
from reports.models import InterviewRelease
from reports.tests.interview_dataset import WORKER, add_participant, make_known_interviews

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_nothing_is_shown_before_the_first_release(client_for, commissioner):
    make_known_interviews()
    html = client_for(commissioner).get("/reports/").content.decode()
    assert "has not released any interview figures yet" in html
    assert 'id="table-interview_sector"' not in html
    assert 'id="headline-interviewed"' not in html


def test_the_audit_passes_and_the_release_freezes_the_figures(client_for, commissioner):
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    out = run("audit_interview_figures", "--ranges")
    assert "No earlier release" in out
    assert "Audit passed" in out
    assert "Bradford & Craven: participants interviewed: 1 to " in out  # a range, never 1
    assert "Bradford & Craven: participants interviewed: 1 to 1" not in out
    assert InterviewRelease.objects.count() == 0  # the audit writes nothing
    assert "2019-20 study interview figures released on" in run(
        "release_interview_figures", "--note", "Board"
    )
    release = InterviewRelease.objects.get()
    assert release.note == "Board"
    assert [None, 1] not in [[v is None, v] for _, v in release.figures["figures"]]
    assert all(v is None or v == 0 or v >= 3 for _, v in release.figures["figures"])
    before = report_build(options=ReportOptions())
    add_participant("WKF-04", "wakefield", Sector.NHS, WORKER, True)  # after the release
    after = report_build(options=ReportOptions())
    assert after.interview_breakdowns == before.interview_breakdowns  # frozen
    html = client_for(commissioner).get("/reports/").content.decode()
    assert "These figures are those the interview team released on" in html


def test_a_withdrawal_takes_the_figures_off_the_pages_until_the_next_release(settings):
    round_dates(withdrawal_deadline=datetime.date(2999, 12, 31))
    people = make_known_interviews()
    run("release_interview_figures")
    withdraw_participant(participant=people["WKF-01"], by=None)
    assert report_build(options=ReportOptions()).interview_breakdowns == []
    assert "Audit passed" in run("audit_interview_figures")
    run("release_interview_figures")
    assert report_build(options=ReportOptions()).interview_breakdowns != []


def test_the_audit_fails_loudly_when_something_can_be_worked_out(monkeypatch):
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    # Only the counts of 1 or 2 hidden: Bradford's 1 = 11 - 7 (Leeds) - 3 (Wakefield).
    monkeypatch.setattr(
        "reports.interview_figures.release.protect",
        lambda values, lines, *a, **k: {key for key, count in values.items() if 0 < count < 3},
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="could be worked out"):
        call_command("audit_interview_figures", stdout=out)
    assert "Can be worked out: Bradford & Craven: participants interviewed" in out.getvalue()
    with pytest.raises(AssertionError):
        run("release_interview_figures")
    assert InterviewRelease.objects.count() == 0
