"""The disclosure audit and the release started from the admin as jobs: who may, what the
job page ends with (a report to download; a link to the release), plain failures, and no
second run while one is under way."""

import pytest
from django.contrib.messages import get_messages

from activities.vocabulary.terms import Sector
from interviews.disclosure.control import CannotProtect
from interviews.tests.factories import make_round, study_round
from reports.interview_figures import jobs
from reports.models import InterviewRelease
from reports.tests.interview_dataset import WORKER, add_participant, make_known_interviews
from scoping.jobs.models import Job, JobFile

pytestmark = pytest.mark.django_db
ADMIN = "/admin/reports/interviewrelease/"


@pytest.fixture
def people():
    people = make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    return people


def test_the_interview_team_audits_from_the_admin_and_downloads_the_report(
    client_for, interviewer, people
):
    client = client_for(interviewer)
    listing = client.get(ADMIN).content.decode()
    assert f'href="{ADMIN}run/"' in listing and "Audit or release the figures" in listing
    assert "Run the audit" in client.get(f"{ADMIN}run/").content.decode()
    response = client.post(f"{ADMIN}audit/")
    job = Job.objects.get(kind=jobs.AUDIT)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.owner, job.state, job.done, job.total, job.unit) == (
        interviewer, Job.State.DONE, 3, 3, "steps",
    )  # fmt: skip
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Audit passed" in page and "3 of 3 steps" in page and 'href="/jobs/' in page
    report = client.get(f"/jobs/{job.pk}/file/")
    assert report["Content-Type"] == "text/plain; charset=utf-8"
    text = report.content.decode()
    assert text.startswith("Disclosure audit of the interview figures, ")
    assert "No earlier release" in text and "Audit passed" in text
    assert "Bradford & Craven: participants interviewed: 1 to " in text  # ranges listed
    assert "Bradford & Craven: participants interviewed: 1 to 1\n" not in text
    assert not InterviewRelease.objects.exists()  # the audit writes nothing


def test_an_audit_that_finds_something_says_do_not_release(
    client_for, interviewer, people, monkeypatch
):
    monkeypatch.setattr(
        "reports.interview_figures.release.protect",
        lambda values, lines, *a, **k: {key for key, count in values.items() if 0 < count < 3},
    )
    client_for(interviewer).post(f"{ADMIN}audit/")
    job = Job.objects.get(kind=jobs.AUDIT)
    assert job.state == Job.State.DONE
    assert job.message.startswith("The audit found figures that could be worked out.")
    assert "do not release" in job.message
    text = bytes(JobFile.objects.get(job=job).data).decode()
    assert "Can be worked out: Bradford & Craven: participants interviewed" in text


def test_the_interview_team_releases_with_a_note_and_lands_on_the_release(
    client_for, interviewer, people
):
    client = client_for(interviewer)
    response = client.post(f"{ADMIN}release/", {"note": "For the board"})
    job = Job.objects.get(kind=jobs.RELEASE)
    assert response["Location"] == f"/jobs/{job.pk}/"
    release = InterviewRelease.objects.get()
    assert (release.note, release.released_by) == ("For the board", interviewer)
    assert job.state == Job.State.DONE
    assert job.result_url == f"{ADMIN}{release.pk}/change/"
    assert "the report pages show these figures now" in job.message
    page = client.get(job.result_url).content.decode()
    assert "For the board" in page and "Figures shown" in page


def test_a_note_too_long_is_named_and_nothing_starts(client_for, interviewer, people):
    response = client_for(interviewer).post(f"{ADMIN}release/", {"note": "x" * 301})
    assert response.status_code == 400
    assert "The note must be 300 characters or fewer." in response.content.decode()
    assert not Job.objects.exists()


def test_a_change_too_small_to_publish_fails_in_plain_words(
    client_for, interviewer, people, monkeypatch
):
    def cannot(*args, **kwargs):
        raise CannotProtect("No pattern of hidden figures protects the change.")

    monkeypatch.setattr("reports.interview_figures.release.protect", cannot)
    client = client_for(interviewer)
    client.post(f"{ADMIN}release/")
    job = Job.objects.get(kind=jobs.RELEASE)
    assert job.state == Job.State.FAILED and not InterviewRelease.objects.exists()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "too small to publish: wait for more interviews" in page
    assert "Traceback" not in page


@pytest.mark.parametrize("role", ["champion", "analyst", "commissioner"])
def test_no_other_role_may_audit_or_release(client_for, role, request, people):
    client = client_for(request.getfixturevalue(role))
    for url in (f"{ADMIN}audit/", f"{ADMIN}release/"):
        response = client.post(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:  # no staff status: the admin's sign-in
            assert response["Location"].startswith("/admin/login/")
    assert not Job.objects.exists() and not InterviewRelease.objects.exists()


def test_a_second_click_lands_on_the_audit_under_way(client_for, interviewer, make_user):
    running = Job.objects.create(
        owner=interviewer, kind=jobs.AUDIT, title="Audit", state=Job.State.RUNNING
    )
    response = client_for(interviewer).post(f"{ADMIN}audit/")
    assert response["Location"] == f"/jobs/{running.pk}/"
    colleague = make_user("colleague", "Interview team", is_staff=True)
    response = client_for(colleague).post(f"{ADMIN}audit/")
    assert response["Location"] == f"{ADMIN}run/"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("“Audit”, started by someone else, is under way" in m for m in said)
    assert Job.objects.filter(kind=jobs.AUDIT).count() == 1


def test_the_round_chosen_is_the_one_audited_and_released(client_for, interviewer, people):
    study, later = study_round(), make_round("2025-26")
    client = client_for(interviewer)
    run_page = client.get(f"{ADMIN}run/").content.decode()
    assert f'<option value="{later.pk}" selected>{later.name}</option>' in run_page
    assert f'<option value="{study.pk}">{study.name}</option>' in run_page
    client.post(f"{ADMIN}audit/", {"audit-research_round": study.pk})
    audit_job = Job.objects.get(kind=jobs.AUDIT)
    assert audit_job.title == f"Disclosure audit of the interview figures, {study.name}"
    report = JobFile.objects.get(job=audit_job)
    assert (
        bytes(report.data)
        .decode()
        .startswith(f"Disclosure audit of the interview figures, {study.name}, ")
    )
    assert report.name.startswith(f"interview-figures-audit-{study.slug}-")
    client.post(f"{ADMIN}release/", {"research_round": study.pk, "note": "The study"})
    release = InterviewRelease.objects.get()
    assert (release.round, release.note) == (study, "The study")
    listing = client.get(ADMIN).content.decode()
    assert study.name in listing
    assert f"{study.name}, released " in client.get(f"{ADMIN}run/").content.decode()


def test_an_unknown_round_is_named_and_nothing_starts(client_for, interviewer, people):
    client = client_for(interviewer)
    for url, data in ((f"{ADMIN}audit/", {"audit-research_round": 999}),
                      (f"{ADMIN}release/", {"research_round": 999})):  # fmt: skip
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Choose one of the research rounds listed." in response.content.decode()
    assert not Job.objects.exists()
