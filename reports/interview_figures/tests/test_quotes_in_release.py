"""Issue 29, finding 2: the quotes are part of the interview figures' release.

Three local-authority managers in Kirklees are quoted; a quote shows its place only
when three people interviewed share its labels, so a reader knows Kirklees has at
least three LA managers. Put beside the panels, that pinned Leeds LA = 1, Bradford
LA = 1 and Kirklees Community = 1 while the quotes page was live and outside the
audit. Now the quotes are released with the figures, their labels are constraints
of the audit, and a withdrawal takes them down with the figures.
"""

import datetime

import pytest
from django.test import Client

from activities.models import Place
from activities.vocabulary.terms import Sector
from interviews.disclosure.audit import pinned_cells
from interviews.disclosure.control import protect
from interviews.erasure.withdrawal import withdraw_participant
from interviews.publication.models import PublicationApproval
from interviews.tests.factories import make_interview, make_participant, round_dates
from reports.figures.summaries import ReportOptions, report_build
from reports.interview_figures.release import (
    EXEMPT,
    audit,
    interview_figures_release,
    release_candidate,
)
from reports.models import InterviewRelease
from reports.tests.interview_dataset import MANAGER, WORKER

pytestmark = pytest.mark.django_db

LA, NHS, TS, COMMUNITY = (
    Sector.LOCAL_AUTHORITY,
    Sector.NHS,
    Sector.THIRD_SECTOR,
    Sector.COMMUNITY,
)
SAID = "Peer support means being alongside someone who has been there too."  # in TRANSCRIPT

# Kirklees: three LA managers (quoted) and a Community worker; Leeds and Bradford:
# one LA worker each among three others.
PEOPLE = [
    ("KIR-01", "kirklees", LA, MANAGER),
    ("KIR-02", "kirklees", LA, MANAGER),
    ("KIR-03", "kirklees", LA, MANAGER),
    ("KIR-04", "kirklees", COMMUNITY, WORKER),
    ("LDS-01", "leeds", LA, WORKER),
    ("LDS-02", "leeds", NHS, WORKER),
    ("LDS-03", "leeds", NHS, WORKER),
    ("LDS-04", "leeds", NHS, WORKER),
    ("BRD-01", "bradford-craven", LA, WORKER),
    ("BRD-02", "bradford-craven", TS, WORKER),
    ("BRD-03", "bradford-craven", TS, WORKER),
    ("BRD-04", "bradford-craven", TS, WORKER),
]


def make_people():
    from interviews.coding.services import excerpt_create
    from interviews.tests.factories import make_theme

    people = {}
    for code, place, sector, role in PEOPLE:
        person = make_participant(code, place=place, sector=sector, role=role, paid=True)
        interview = make_interview(person)
        if code.startswith("KIR") and sector == LA:
            start = interview.transcript.index(SAID)
            excerpt = excerpt_create(
                interview=interview,
                start=start,
                end=start + len(SAID),
                themes=[make_theme("Funding")],
                by=None,
            )
            PublicationApproval.objects.create(excerpt=excerpt)
        people[code] = person
    return people


def key(kind, table, place_slug, value):
    return (kind, table, Place.objects.get(slug=place_slug).pk, value)


def leaked():
    """The issue's three: Leeds LA = 1, Bradford LA = 1, Kirklees Community = 1."""
    return {
        key("cell", "interview_sector", "leeds", LA),
        key("cell", "interview_sector", "bradford-craven", LA),
        key("cell", "interview_sector", "kirklees", COMMUNITY),
    }


def reader(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_quotes_labels_are_audited_with_the_figures(commissioner):
    make_people()
    candidate = release_candidate()
    quotes = candidate.quotes
    assert len(quotes) == 3 and all("place" in q["attributes"] for q in quotes)
    # The finding: the figures protected as if the quotes were not there, read with them.
    shown_only = {k: v for k, v in candidate.values.items() if k not in candidate.latent}
    lines = [
        (m, t) for m, t in candidate.lines if t in shown_only and all(x in shown_only for x in m)
    ]
    blind = protect(shown_only, lines, candidate.at_most, previous=None, exempt=EXEMPT)
    blind |= candidate.latent
    pinned = pinned_cells(
        candidate.values,
        blind,
        candidate.lines,
        candidate.at_most,
        3,
        candidate.at_least,
        candidate.latent,
    )
    assert leaked() <= set(pinned), pinned
    # ...and only with the quotes: without them that pattern pins none of the three.
    alone = pinned_cells(
        candidate.values, blind, candidate.lines, candidate.at_most, latent=candidate.latent
    )
    assert not leaked() & set(alone)
    # Now: nothing can be worked out from the figures and the quotes together.
    assert audit(candidate) == ([], [])
    release = interview_figures_release(note="with quotes")
    shown = {tuple(k): v for k, v in release.figures["figures"]}
    assert all(v is None or v == 0 or v >= 3 for v in shown.values())
    assert not any(k[0] == "cross" for k in shown)  # the cells behind the labels stay unpublished
    html = reader(commissioner).get("/study/quotes/").content.decode()
    assert html.count(SAID) == 3
    assert html.count("Place: Kirklees") == 3


def test_a_withdrawal_takes_the_quotes_down_with_the_figures(settings, commissioner):
    round_dates(withdrawal_deadline=datetime.date(2999, 12, 31))
    people = make_people()
    interview_figures_release()
    page = reader(commissioner)
    assert page.get("/study/quotes/").content.decode().count(SAID) == 3
    withdraw_participant(participant=people["KIR-01"], by=None)
    html = page.get("/study/quotes/").content.decode()
    assert SAID not in html and "Kirklees" not in html
    assert "being revised" in html
    assert report_build(options=ReportOptions()).interview_breakdowns == []
    # The next release is audited against the last, with both releases' quotes.
    candidate = release_candidate()
    assert audit(candidate) == ([], [])
    interview_figures_release()
    html = page.get("/study/quotes/").content.decode()
    assert html.count(SAID) == 2
    assert "Place: Kirklees" not in html  # two LA managers there now: too few to say where
    # The earlier release keeps the quotes' labels for the next audit, not their words.
    first = InterviewRelease.objects.order_by("released_on").first()
    assert all(q["quote"] == "" for q in first.figures["quotes"])


def test_a_quote_changed_after_the_release_takes_the_page_down_not_one_quote(commissioner):
    make_people()
    interview_figures_release()
    PublicationApproval.objects.first().delete()
    html = reader(commissioner).get("/study/quotes/").content.decode()
    assert SAID not in html and "being revised" in html


def test_a_withdrawn_persons_words_leave_the_stored_release_at_once(settings):
    """Not only off the page: the release's stored quotes lose their words (their labels
    stay for the next audit); everyone else's quotes are untouched."""
    from interviews.models import Excerpt

    round_dates(withdrawal_deadline=datetime.date(2999, 12, 31))
    people = make_people()
    leaver = set(
        Excerpt.objects.filter(interview__participant=people["KIR-01"]).values_list("pk", flat=True)
    )
    interview_figures_release()
    withdraw_participant(participant=people["KIR-01"], by=None)

    stored = InterviewRelease.objects.get().figures["quotes"]
    assert [q["quote"] for q in stored if q["excerpt"] in leaver] == [""]
    assert [q["quote"] for q in stored if q["excerpt"] not in leaver] == [SAID, SAID]
    assert all(q["labels"] for q in stored)
