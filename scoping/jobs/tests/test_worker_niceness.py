"""The job worker gives way to the web server for the processor (JOBS_WORKER_NICENESS)."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from scoping import environment
from scoping.management.commands.run_worker import niceness_set


def test_niceness_is_set_to_the_value_asked_not_added_each_time():
    code = (
        "import django; django.setup()\n"
        "from scoping.management.commands.run_worker import niceness_set\n"
        "print(niceness_set(7), niceness_set(7), niceness_set(3))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "scoping.settings_test"},
    )  # fmt: skip
    start = os.nice(0)
    # 7, still 7 (not 14), and never back down to 3 (only root may raise priority)
    assert out.stdout.split() == [str(max(7, start))] * 3
    assert niceness_set(start) == start  # asking for what it is changes nothing


@pytest.mark.parametrize("value", ["-1", "20", "ten", "1.5"])
def test_a_niceness_out_of_range_stops_the_settings_saying_what_is_allowed(monkeypatch, value):
    monkeypatch.setenv("JOBS_WORKER_NICENESS", value)
    with pytest.raises(ImproperlyConfigured, match="must be a whole number from 0 to 19"):
        environment.whole_number("JOBS_WORKER_NICENESS", 0, 19)


def test_the_default_is_ten(monkeypatch):
    monkeypatch.delenv("JOBS_WORKER_NICENESS", raising=False)
    assert environment.whole_number("JOBS_WORKER_NICENESS", 0, 19) == 10
