"""The interview panels of the report pages, from the known data set of ``interview_dataset``."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from activities.vocabulary.terms import Sector
from interviews.coding.services import excerpt_create
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import Interview
from interviews.tests.factories import make_theme, round_dates
from reports.figures.summaries import ReportOptions, report_build
from reports.figures.tests.test_exports import page_rows, read_csv
from reports.figures.tests.test_views import cells
from reports.tests.interview_dataset import WORKER, add_participant, make_known_interviews, release

pytestmark = pytest.mark.django_db
ALL = ReportOptions()
HIDDEN = None


def _text(percent):
    return None if percent is None else str(percent)


def rows(report, key):
    """[(label, count, percent[, region count, region percent], *extras)] in page order."""
    breakdown = report.breakdown(key)
    result = []
    for r in breakdown.rows:
        figures = [r.count, _text(r.percent)]
        if breakdown.compared:
            figures += [r.region_count, _text(r.region_percent)]
        result.append((r.label, *figures, *r.extras))
    return result


def test_region_figures_equal_hand_computed_values():
    make_known_interviews()
    release()
    report = report_build(options=ALL)
    assert (report.interviewed, report.region_interviewed) == (10, 10)
    assert rows(report, "interview_sector") == [
        ("Third Sector", 4, "40.0"),
        ("Community", 3, "30.0"),
        ("NHS", 3, "30.0"),
        ("Arts", 0, "0.0"),
        ("Local Authority", 0, "0.0"),
        ("Other", 0, "0.0"),
        ("Partnership incl. NHS", 0, "0.0"),
    ]
    assert rows(report, "interview_role") == [
        ("Peer support worker or volunteer", 7, "70.0"),
        ("Manager or co-ordinator", 3, "30.0"),
    ]
    assert rows(report, "interview_paid") == [("Paid", 7, "70.0"), ("Volunteer", 3, "30.0")]
    # Most participants first, then most interviews, then most excerpts, then by name;
    # Co-production (one participant) is hidden and comes last.
    assert rows(report, "interview_themes") == [
        ("Burnout", 6, "60.0", 6, 6),
        ("Boundaries", 3, "30.0", 4, 5),
        ("Autonomy", 3, "30.0", 3, 3),
        ("Safe space", 3, "30.0", 3, 3),
        ("Co-production", HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    ]


def test_a_place_is_compared_with_the_region():
    make_known_interviews()
    release()
    report = report_build(options=ALL, place_slug="leeds")
    assert (report.interviewed, report.region_interviewed) == (7, 10)
    assert rows(report, "interview_sector")[:4] == [
        ("Third Sector", 4, "57.1", 4, "40.0"),
        ("NHS", 3, "42.9", 3, "30.0"),
        ("Community", 0, "0.0", 3, "30.0"),
        ("Arts", 0, "0.0", 0, "0.0"),
    ]
    assert rows(report, "interview_role") == [
        ("Peer support worker or volunteer", 4, "57.1", 7, "70.0"),
        ("Manager or co-ordinator", 3, "42.9", 3, "30.0"),
    ]
    assert rows(report, "interview_paid") == [
        ("Paid", 4, "57.1", 7, "70.0"),
        ("Volunteer", 3, "42.9", 3, "30.0"),
    ]
    # Leeds's own interviews and excerpts; Boundaries's four interviews put it first.
    assert rows(report, "interview_themes") == [
        ("Boundaries", 3, "42.9", 3, "30.0", 4, 5),
        ("Burnout", 3, "42.9", 6, "60.0", 3, 3),
        ("Autonomy", 3, "42.9", 3, "30.0", 3, 3),
        ("Co-production", HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    ]


def test_a_place_with_no_interviews_shows_zeros_beside_the_region():
    make_known_interviews()
    release()
    report = report_build(options=ALL, place_slug="kirklees")
    assert (report.interviewed, report.region_interviewed) == (0, 10)
    assert rows(report, "interview_sector")[:3] == [
        ("Third Sector", 0, "0.0", 4, "40.0"),
        ("Community", 0, "0.0", 3, "30.0"),
        ("NHS", 0, "0.0", 3, "30.0"),
    ]
    assert report.breakdown("interview_themes").rows == []


def test_no_interviews_at_all_show_zeros():
    release()
    report = report_build(options=ALL)
    assert (report.interviewed, report.region_interviewed) == (0, 0)
    assert {(r.count, str(r.percent)) for r in report.breakdown("interview_role").rows} == {
        (0, "0.0")
    }


def test_a_participant_who_withdraws_drops_out_of_every_figure(settings):
    round_dates(withdrawal_deadline=datetime.date(2999, 12, 31))
    people = make_known_interviews()
    release()
    withdraw_participant(participant=people["LDS-07"], by=None)
    # Until the team releases again the pages show no interview figures at all.
    withheld = report_build(options=ALL, place_slug="leeds")
    assert withheld.interview_breakdowns == [] and withheld.interviewed is None
    assert "being revised" in withheld.interview_release.withheld
    release()
    # Released again, the leaver is gone: Co-production was theirs alone. In a study of
    # ten, hiding which cell one leaver left takes most figures with it (the release is
    # solved together with the one before: test_disclosure_audit); Burnout stays.
    region = report_build(options=ALL)
    assert [r.label for r in region.breakdown("interview_themes").rows] == [
        "Burnout",
        "Safe space",
        "Autonomy",
        "Boundaries",
    ]
    assert rows(region, "interview_themes")[0] == ("Burnout", 6, HIDDEN, 6, 6)
    leeds = report_build(options=ALL, place_slug="leeds")
    assert rows(leeds, "interview_sector")[1] == ("Third Sector", *[HIDDEN] * 4)


def test_the_report_options_do_not_change_the_interview_figures():
    make_known_interviews()
    release()
    options = ReportOptions(active_only=True, scoped_from=datetime.date(2030, 1, 1))
    for place in (None, "leeds"):
        everything = report_build(options=ALL, place_slug=place)
        narrowed = report_build(options=options, place_slug=place)
        assert narrowed.interview_breakdowns == everything.interview_breakdowns


def test_only_the_ten_most_frequent_themes_are_listed():
    # Twelve participants; "Theme k" is coded in the interviews of the first k + 1.
    for n in range(12):
        add_participant(f"KRK-{n:02d}", "kirklees", Sector.NHS, WORKER, True)
    for n, interview in enumerate(Interview.objects.order_by("participant__code")):
        excerpt_create(
            interview=interview,
            start=0,
            end=10,
            themes=[make_theme(f"Theme {k:02d}") for k in range(n, 12)],
            by=None,
        )
    release()
    report = report_build(options=ALL, place_slug="kirklees")
    themes = [(r.label, r.count) for r in report.breakdown("interview_themes").rows]
    assert themes == [(f"Theme {k:02d}", k + 1) for k in range(11, 1, -1)]


def test_small_counts_and_the_figures_that_would_give_them_away_are_hidden():
    make_known_interviews()
    # One participant in Bradford & Craven: Third Sector, worker, volunteer.
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    release()
    report = report_build(options=ALL)
    assert report.interviewed == 11
    # Line by line, Bradford's 1 took Leeds's Third Sector 4 with it (5 - 4 = 1), and so on;
    # but solved together the published figures still pinned Bradford's person down (the
    # audit: see test_disclosure_audit). So more goes: the region's sectors and paid or
    # volunteer figures, Leeds's total; the region's roles stay.
    assert rows(report, "interview_sector")[:3] == [
        ("Community", HIDDEN, HIDDEN),
        ("NHS", HIDDEN, HIDDEN),
        ("Third Sector", HIDDEN, HIDDEN),
    ]
    assert rows(report, "interview_role") == [
        ("Peer support worker or volunteer", 8, "72.7"),
        ("Manager or co-ordinator", 3, "27.3"),
    ]
    leeds = report_build(options=ALL, place_slug="leeds")
    assert leeds.interviewed == HIDDEN
    assert rows(leeds, "interview_sector")[:4] == [
        ("NHS", HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        ("Third Sector", HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        ("Arts", 0, HIDDEN, 0, "0.0"),  # a hidden region count sorts as 0
        ("Community", 0, HIDDEN, HIDDEN, HIDDEN),
    ]
    assert rows(leeds, "interview_role") == [
        ("Manager or co-ordinator", 3, HIDDEN, 3, "27.3"),
        ("Peer support worker or volunteer", HIDDEN, HIDDEN, 8, "72.7"),
    ]
    bradford = report_build(options=ALL, place_slug="bradford-craven")
    wakefield = report_build(options=ALL, place_slug="wakefield")
    assert (bradford.interviewed, wakefield.interviewed) == (HIDDEN, HIDDEN)
    assert {r.count for r in bradford.breakdown("interview_sector").rows} == {HIDDEN, 0}
    # Wakefield's Burnout 3 shows (Leeds's 3 beside it, 6 in all); its percentage does
    # not, since Wakefield's number of participants is hidden.
    assert rows(wakefield, "interview_themes")[0] == ("Burnout", 3, HIDDEN, 6, "54.5", 3, 3)


@pytest.fixture
def page(client_for, commissioner):
    client = client_for(commissioner)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_the_pages_show_the_panels_and_say_what_is_counted(page):
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    release()
    html = page("/reports/leeds/")
    section = html.split('id="heading-interviews"', 1)[1]
    assert "Each person interviewed counts once" in section
    assert "apply to activities only; they do not change these figures" in section
    assert "counts of 1 or 2 are “not shown”" in section
    assert re.search(r'id="headline-interviewed">not shown<', html)
    assert re.search(r'id="headline-region-interviewed">11<', html)
    assert cells(html, "interview_role", "manager") == [
        "Manager or co-ordinator",
        "3",
        "not shown",
        "27.3",
    ]
    assert cells(html, "interview_sector", "third_sector") == [
        "Third Sector",
        "not shown",
        "not shown",
        "not shown",
    ]
    theme = re.search(r'data-value="(\d+)">\s*<th scope="row"[^>]*>Boundaries', html).group(1)
    assert cells(html, "interview_themes", theme) == [
        "Boundaries",
        "3",
        "not shown",
        "27.3",
        "4",
        "5",
    ]
    assert re.search(r'id="headline-interviewed">not shown<', page("/reports/wakefield/"))
    empty = page("/reports/kirklees/")
    assert "No interview here has been coded with a theme yet." in empty
    assert 'id="table-interview_themes"' not in empty


def test_the_pages_and_exports_show_no_participant_code_or_words_from_a_transcript(
    client_for, commissioner
):
    make_known_interviews()
    client = client_for(commissioner)
    texts = [client.get(url).content.decode() for url in ("/reports/", "/reports/leeds/")]
    texts.append(client.get("/reports/leeds/interview_themes.csv").content.decode())
    book = load_workbook(io.BytesIO(client.get("/reports/leeds/report.xlsx").content))
    texts += [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    for text in texts:
        assert "LDS-0" not in text and "WKF-0" not in text
        assert "Sunrise Centre" not in text and "Participant:" not in text


def test_the_interview_bars_are_labelled_for_screen_readers_hidden_ones_too(page):
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    release()
    html = page("/reports/leeds/")
    section = html.split('id="heading-interview_sector"', 1)[1].split("</section>", 1)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.split("<details", 1)[0]))
    assert "Third Sector not shown Region not shown" in text
    assert "Community not shown (0) Region not shown" in text


@pytest.fixture
def analyst_client(client_for, analyst):
    return client_for(analyst)


def test_the_interview_tables_download_with_the_pages_numbers(analyst_client):
    client = analyst_client
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    release()
    rows = read_csv(client.get("/reports/leeds/interview_themes.csv"))
    assert rows[0] == [
        "Most frequent themes",
        "Participants interviewed in Leeds",
        "% in Leeds",
        "Participants interviewed in the region",
        "% in the region",
        "Interviews in Leeds",
        "Excerpts in Leeds",
    ]
    assert rows[1] == ["Boundaries", "3", "not shown", "3", "27.3", "4", "5"]
    assert rows[-1] == ["Co-production", *["not shown"] * 6]
    rows = read_csv(client.get("/reports/interview_sector.csv"))
    assert rows[:3] == [
        ["Participants by sector", "Participants interviewed", "% of participants interviewed"],
        ["Community", "not shown", "not shown"],
        ["NHS", "not shown", "not shown"],
    ]
    html = client.get("/reports/wakefield/").content.decode()
    downloaded = read_csv(client.get("/reports/wakefield/interview_themes.csv"))[1:]
    assert page_rows(html, "interview_themes") == [r[:3] + r[4:] for r in downloaded]


def test_the_workbook_has_the_interview_sheets_with_the_pages_numbers(analyst_client):
    client = analyst_client
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)
    release()
    book = load_workbook(io.BytesIO(client.get("/reports/leeds/report.xlsx").content))
    assert book.sheetnames[-4:] == [
        "Participants by sector",
        "Participants by role",
        "Participants paid or volunteer",
        "Most frequent themes",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Participants interviewed"] == "not shown"
    assert summary["Participants interviewed in the region"] == 11
    assert "counts of 1 or 2" in summary["Interviews"]
    sector = list(book["Participants by sector"].iter_rows(values_only=True))
    assert sector[1] == ("NHS", *["not shown"] * 4)
    role = list(book["Participants by role"].iter_rows(values_only=True))
    assert role[1] == ("Manager or co-ordinator", 3, "not shown", 3, 27.3)
    themes = list(book["Most frequent themes"].iter_rows(values_only=True))
    assert themes[1] == ("Boundaries", 3, "not shown", 3, 27.3, 4, 5)
    book = load_workbook(io.BytesIO(client.get("/reports/wakefield/report.xlsx").content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Participants interviewed"] == "not shown"
