"""The demo pages read true: the made-up interviews' released panels agree with the study's
bullets beside them, and small-number protection hides none of them."""

import html
import re

import pytest

from activities.reference.services import demo_data_load
from interviews.demo.services import interviews_demo_load
from reports.interview_figures.release import interview_figures_release
from reports.study.services import study_highlights_load
from scoping.tests.data_once import loaded_once

pytestmark = pytest.mark.django_db


def _release():
    interview_figures_release(note="The made-up demo interviews")


# The demo directory, highlights and interviews, released, once for this module's tests.
released = loaded_once(demo_data_load, study_highlights_load, interviews_demo_load, _release)


@pytest.fixture
def demo(released, client_for, commissioner):
    client = client_for(commissioner)

    def read(url):
        page = client.get(url).content.decode()
        return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))

    return read


def hidden(text):
    """How many figures the page hides (beyond the rule that says so)."""
    return text.count("not shown") - text.count("counts of 1 or 2 are “not shown”")


def beside(text, bullet):
    """What the page shows beside ``bullet``: up to the next bullet."""
    return text.split(bullet, 1)[1].split("The study's own words", 2)[1]


def test_wakefields_interviewees_were_mostly_volunteers(demo):
    text = demo("/reports/wakefield/")
    said = beside(text, "Vast majority of people we interviewed were volunteers.")
    assert "Participants paid or volunteer, as released: Volunteer 9; Paid 3." in said
    said = beside(
        text,
        "Majority of interviews we did with the peer workforce was within the Third Sector and NHS.",
    )
    assert (
        "Participants by sector, as released: Third Sector 6; NHS 3; Partnership incl. NHS 3."
        in said
    )
    assert hidden(text) == 0  # nothing in the panels needed hiding


# (page, the study's bullet, what the released panel beside it shows)
AGREEING = [
    (
        "/reports/",
        "Vast majority of people we interviewed were paid workers, followed by volunteers",
        "Paid 50; Volunteer 22.",
    ),
    (
        "/reports/",
        "Interesting to find lower numbers for the local authority.",
        "Third Sector 30; NHS 16; Partnership incl. NHS 13; Community 10; Local Authority 3.",
    ),
    (
        "/reports/bradford-craven/",
        "Interesting to note more interview representation from local Community groups than NHS contacts",
        "Third Sector 5; Community 4; NHS 3; Partnership incl. NHS 3.",
    ),
    (
        "/reports/harrogate-rural-district/",
        "Near equal balance of NHS and community participants",
        "Third Sector 4; Community 3; NHS 3; Partnership incl. NHS 3.",
    ),
    (
        "/reports/kirklees/",
        "Vast majority of people we interviewed were paid workers.",
        "Paid 10; Volunteer 3.",
    ),
    (
        "/reports/leeds/",
        "Majority of the interviews were with paid staff, showing the value of peer support within Leeds.",
        "Paid 10; Volunteer 3.",
    ),
]


def test_each_pages_interview_bullets_have_released_figures_that_agree(demo):
    for url, bullet, figures in AGREEING:
        text = demo(url)
        assert figures in beside(text, bullet), (url, bullet)
        assert hidden(text) == 0, url
