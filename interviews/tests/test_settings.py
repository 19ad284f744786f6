"""The study's dates come from the environment as ISO dates."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from scoping.settings import env_date


def test_an_iso_date_from_the_environment(monkeypatch):
    monkeypatch.setenv("PROJECT_END_DATE", "2021-03-31")
    assert env_date("PROJECT_END_DATE", "2027-06-30") == datetime.date(2021, 3, 31)


def test_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("PROJECT_END_DATE", raising=False)
    assert env_date("PROJECT_END_DATE", "2027-06-30") == datetime.date(2027, 6, 30)


def test_a_bad_date_says_what_is_expected(monkeypatch):
    monkeypatch.setenv("PROJECT_END_DATE", "31/03/2021")
    with pytest.raises(ImproperlyConfigured, match="PROJECT_END_DATE must be an ISO date"):
        env_date("PROJECT_END_DATE", "2027-06-30")
