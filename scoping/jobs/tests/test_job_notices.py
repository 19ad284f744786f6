"""The owner of a long job hears by e-mail that it has finished; a short one sends nothing."""

import pytest
from django.core import mail

from scoping.jobs import notices
from scoping.jobs.services import job_start
from scoping.jobs.tests.tasks import count_rows

pytestmark = pytest.mark.django_db


def start(owner, **params):
    return job_start(task=count_rows, kind="count", title="Count rows", owner=owner, params=params)


@pytest.fixture
def owner(champion):
    champion.email = "champ@example.org"
    champion.save()
    return champion


def test_a_long_job_tells_its_owner_how_it_ended(owner, monkeypatch):
    monkeypatch.setattr(notices, "NOTICE_AFTER_SECONDS", 0)
    job = start(owner, total=3)
    [message] = mail.outbox
    assert message.to == ["champ@example.org"]
    assert message.subject == "Count rows: has finished"
    assert "Counted 3 rows." in message.body
    assert f"http://127.0.0.1:8000/jobs/{job.pk}/" in message.body
    failed = start(owner, total=3, refuse_at=2)
    assert mail.outbox[1].subject == "Count rows: stopped with a problem"
    assert "Row 2 cannot be counted." in mail.outbox[1].body
    assert f"/jobs/{failed.pk}/" in mail.outbox[1].alternatives[0][0]


def test_a_short_job_or_an_owner_without_an_address_sends_nothing(owner, analyst, monkeypatch):
    start(owner, total=2)  # finished within the minute
    monkeypatch.setattr(notices, "NOTICE_AFTER_SECONDS", 0)
    start(analyst, total=2)  # no e-mail address
    assert mail.outbox == []
