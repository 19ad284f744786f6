"""Snapshots: frozen equal to the live figures, the study's published ones, change since."""

import csv
import datetime
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from activities.models import Activity, Place
from activities.records.data_version import RECOUNT_KIND
from activities.tests.factories import make_activity, make_shared_activity
from reports.figures.summaries import ReportOptions, report_build
from reports.models import Snapshot
from reports.snapshots.store import (
    Change,
    SnapshotError,
    change_since,
    snapshot_take,
    study_snapshot_load,
)
from reports.tests.dataset import REGION_POPULATION, make_known_activities
from scoping.jobs.models import Job
from scoping.jobs.tests.worker_process import DATABASE_TASKS

pytestmark = pytest.mark.django_db
STUDY = "scoping-study-2020"
PLACE_TOTALS = {
    "bradford-craven": 234,
    "calderdale": 35,
    "harrogate-rural-district": 64,
    "kirklees": 48,
    "leeds": 55,
    "wakefield": 55,
}


@pytest.fixture
def study():
    """The study's snapshot (loaded by a migration; again here after a flushing test)."""
    study_snapshot_load()
    return Snapshot.objects.get(slug=STUDY)


def live_area(report):
    return {
        "total": report.total,
        "population": report.population,
        "breakdowns": {
            b.key: [(r.value, r.count, str(r.percent)) for r in b.rows]
            for b in report.activity_breakdowns
        },
    }


def frozen_area(area):
    return {
        "total": area.total,
        "population": area.population,
        "breakdowns": {
            key: [(r["value"], r["count"], r["percent"]) for r in b["rows"]]
            for key, b in area.breakdowns.items()
        },
    }


def test_a_snapshot_equals_the_live_figures_when_taken():
    make_known_activities()
    snapshot = snapshot_take(name="Re-scoping 2027")
    areas = {a.place_slug: a for a in snapshot.areas.all()}
    assert set(areas) == {""} | {p.slug for p in Place.objects.all()}
    assert frozen_area(areas[""]) == live_area(report_build(options=ReportOptions()))
    for place in Place.objects.all():
        live = live_area(report_build(options=ReportOptions(), place_slug=place.slug))
        assert frozen_area(areas[place.slug]) == live, place.slug
    assert areas[""].total == 4 and areas["leeds"].total == 3
    assert areas[""].population == REGION_POPULATION
    assert areas["leeds"].population_source == "ONS mid-year estimate, published June 2019"
    leeds_sectors = {v: n for v, n, _ in frozen_area(areas["leeds"])["breakdowns"]["sector"]}
    assert leeds_sectors["third_sector"] == 2 and leeds_sectors["nhs"] == 1
    assert snapshot.label == "Re-scoping 2027" and snapshot.slug == "re-scoping-2027"


def test_a_snapshot_does_not_move_when_the_directory_changes_afterwards():
    make_known_activities()
    snapshot = snapshot_take(name="Before")
    before = {a.place_slug: frozen_area(a) for a in snapshot.areas.all()}
    make_activity("A new group", place="leeds")
    Activity.objects.filter(name="Ossett Buddy Scheme").delete()
    Place.objects.filter(slug="leeds").update(population=900_000)
    after = {a.place_slug: frozen_area(a) for a in Snapshot.objects.get(pk=snapshot.pk).areas.all()}
    assert after == before
    assert after["leeds"]["total"] == 3 and after["leeds"]["population"] == 818_085
    assert report_build(options=ReportOptions(), place_slug="leeds").total == 4


def test_a_snapshot_counts_a_change_still_waiting_for_its_recount(
    settings, figure_cache, django_capture_on_commit_callbacks
):
    """A snapshot says "as at" when it was taken: a change not yet recounted (its job
    waits on the database queue) is counted first, not frozen as the figures before it."""
    with django_capture_on_commit_callbacks(execute=True):
        make_known_activities()  # recounted at once (the tests' immediate backend)
    report_build(options=ReportOptions())  # the counts cached under this version
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.filter(name="Ossett Buddy Scheme").delete()
    assert Job.objects.filter(kind=RECOUNT_KIND, state=Job.State.WAITING).exists()
    region = snapshot_take(name="After a change").areas.get(place_slug="")
    assert region.total == Activity.objects.count() == 3


def test_a_name_is_taken_once():
    snapshot_take(name="Re-scoping 2027")
    with pytest.raises(SnapshotError, match="already a snapshot"):
        snapshot_take(name="Re-scoping  2027")
    with pytest.raises(SnapshotError, match="letters or digits"):
        snapshot_take(name="   ")


def test_the_command_takes_a_snapshot_and_says_what_it_froze():
    make_known_activities()
    out = StringIO()
    call_command("snapshot_take", "Re-scoping 2027", "--label", "the 2027 re-scoping", stdout=out)
    assert "4 activities in the region, 6 places" in out.getvalue()
    assert Snapshot.objects.get(slug="re-scoping-2027").label == "the 2027 re-scoping"
    with pytest.raises(CommandError, match="already a snapshot"):
        call_command("snapshot_take", "Re-scoping 2027", stdout=StringIO())


def test_the_published_study_snapshot_holds_the_studys_totals(study):
    areas = {a.place_slug: a for a in study.areas.all()}
    assert study.name == "Scoping study, published 2020"
    assert study.as_at.date() == datetime.date(2020, 6, 30)
    assert areas[""].total == 602
    assert {slug: areas[slug].total for slug in PLACE_TOTALS} == PLACE_TOTALS
    assert sum(PLACE_TOTALS.values()) == 491  # the study's own mismatch, kept as printed
    assert "491" in areas[""].note
    populations = {slug: areas[slug].population for slug in PLACE_TOTALS}
    assert populations == {
        "bradford-craven": 587_900,
        "calderdale": 210_100,
        "harrogate-rural-district": 75_070,
        "kirklees": 438_727,
        "leeds": 818_085,
        "wakefield": 345_038,
    }
    assert areas["leeds"].population_source == "ONS figures published Jun' 19"
    assert areas[""].population == sum(populations.values())
    wakefield = areas["wakefield"].breakdowns["delivery_model"]["rows"]
    assert [(r["count"], r["percent"]) for r in wakefield] == [
        (31, "56"),
        (19, "35"),
        (4, "7"),
        (1, "2"),
    ]
    assert sum(r["count"] for r in wakefield) == 55
    for row in wakefield:  # each count gives the printed percentage, rounded
        assert round(Decimal(row["count"]) * 100 / 55) == int(row["percent"])
    leeds = areas["leeds"].breakdowns["sector"]
    assert leeds["rows"] == [
        {"value": "third_sector", "label": "Third Sector", "count": 33, "percent": "60"}
    ]
    assert "10% is not a whole number of 55" in leeds["note"]


def test_the_study_loads_once():
    study_snapshot_load()
    assert study_snapshot_load() is None
    assert Snapshot.objects.filter(slug=STUDY).count() == 1


@pytest.mark.parametrize(
    ("now", "then", "signed", "difference"),
    [(61, 55, "+6", 6), (50, 55, "−5", -5), (55, 55, "no change", 0), (1_602, 602, "+1,000", 1000)],
)
def test_change_since_arithmetic(now, then, signed, difference):
    change = Change(now, then)
    assert (change.difference, change.signed) == (difference, signed)


def test_a_change_with_no_figure_then_is_not_known():
    assert Change(5, None).difference is None and Change(5, None).signed == ""


def test_change_since_a_snapshot_for_a_place_and_the_region(study):
    for n in range(61):
        make_activity(f"Group {n}", place="leeds")
    make_activity("Halifax Group", place="calderdale")
    leeds = change_since(report_build(options=ReportOptions(), place_slug="leeds"), study)
    assert leeds.sentence("Leeds") == "Leeds: 61 activities; 55 in the 2020 study, +6"
    assert leeds.total.difference == 6
    assert leeds.per_100k.then == Decimal("6.7")  # 55 per 818,085, to one decimal
    assert leeds.per_100k.now == Decimal("7.5")
    assert leeds.per_100k.signed == "+0.8"
    sectors = leeds.breakdowns[0]
    assert sectors.key == "sector"
    assert [(r.label, r.now, r.then, r.change.signed) for r in sectors.rows] == [
        ("Third Sector", 61, 33, "+28")
    ]
    region = change_since(report_build(options=ReportOptions()), study)
    assert region.sentence("West Yorkshire & Harrogate") == (
        "West Yorkshire & Harrogate: 62 activities; 602 in the 2020 study, −540"
    )
    assert region.places["calderdale"] == Change(1, 35)
    assert region.places["calderdale"].signed == "−34"


def test_the_pages_show_the_change_since_the_chosen_snapshot(client_for, commissioner, study):
    make_known_activities()
    client = client_for(commissioner)
    html = client.get("/reports/leeds/").content.decode()
    assert "Leeds: 3 activities; 55 in the 2020 study, −52." in html
    snapshot_take(name="Re-scoping 2027", label="the 2027 re-scoping")
    make_activity("Another group", place="leeds")
    html = client.get("/reports/leeds/?since=re-scoping-2027").content.decode()
    assert "Leeds: 4 activities; 3 in the 2027 re-scoping, +1." in html
    assert 'data-figure="wakefield"' not in html  # other places only on the region's page
    assert 'value="re-scoping-2027" selected' in html
    html = client.get("/reports/?since=re-scoping-2027").content.decode()
    assert "West Yorkshire &amp; Harrogate: 5 activities; 4 in the 2027 re-scoping, +1." in html
    row = html.split('data-figure="leeds"', 1)[1].split("</tr>", 1)[0]
    assert ">4<" in row and ">3<" in row and ">+1<" in row
    html = client.get("/reports/leeds/?since=no-such").content.decode()
    assert "There is no snapshot “no-such”; showing the 2020 study instead." in html


def test_the_as_at_stamp_is_on_the_page_and_in_the_downloads(client_for, analyst, study):
    make_known_activities()
    client = client_for(analyst)
    before = timezone.localtime().replace(second=0, microsecond=0)
    html = client.get("/reports/leeds/").content.decode()
    assert 'id="figures-as-at"' in html
    stamp = html.split('id="figures-as-at"', 1)[1].split('datetime="', 1)[1].split('"', 1)[0]
    computed = datetime.datetime.fromisoformat(stamp)
    assert before <= computed <= timezone.localtime()
    rows = list(csv.reader(io.StringIO(client.get("/reports/leeds/sector.csv").content.decode())))
    assert rows[-1][0] == "Figures as at"
    stamp = datetime.datetime.strptime(rows[-1][1][:16], "%Y-%m-%d %H:%M")
    assert abs(stamp - computed.replace(tzinfo=None, second=0)) <= datetime.timedelta(minutes=1)
    book = load_workbook(io.BytesIO(client.get("/reports/report.xlsx").content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert (
        summary["Figures as at"] == rows[-1][1]
        or summary["Figures as at"][:13] == (rows[-1][1][:13])
    )


def test_the_as_at_time_is_when_the_figures_were_counted_not_when_the_page_was_shown(
    client_for, analyst, figure_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_known_activities()
    client = client_for(analyst)
    first = client.get("/reports/").context["report"].computed_at
    again = client.get("/reports/").context["report"].computed_at
    assert again == first  # the cached figures keep the time they were counted
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("A new group", place="leeds")
    assert client.get("/reports/").context["report"].computed_at > first


def test_the_admin_lists_the_snapshots_read_only(client_for, champion, superuser, study):
    snapshot_take(name="Re-scoping 2027")
    html = client_for(champion).get("/admin/reports/snapshot/").content.decode()
    assert "Scoping study, published 2020" in html and "Re-scoping 2027" in html
    html = client_for(champion).get(f"/admin/reports/snapshot/{study.pk}/change/").content.decode()
    assert "Bradford &amp; Craven" in html and "234" in html
    assert client_for(superuser).get("/admin/reports/snapshot/add/").status_code == 403


def test_a_place_is_compared_with_a_snapshot_as_the_snapshot_counted_it(
    client_for, commissioner, study
):
    """Leeds: 56 of its own, one shared with Wakefield, three region-wide. The study
    counted a place's own; a snapshot taken before its measure became the default
    counted everything serving the place."""
    for n in range(56):
        make_activity(f"Group {n}", place="leeds")
    make_shared_activity("Leeds and Wakefield Forum", places=("leeds", "wakefield"))
    for n in range(3):
        make_shared_activity(f"Region Line {n}")
    leeds_report = report_build(options=ReportOptions(), place_slug="leeds")
    assert leeds_report.total == 56  # its own, as the study counted them
    leeds = change_since(leeds_report, study)
    assert leeds.measure == ""  # as the page counts them: nothing to say
    assert leeds.sentence("Leeds") == "Leeds: 56 activities; 55 in the 2020 study, +1"
    assert leeds.breakdowns[0].rows[0].change.signed == "+23"  # 56 Third Sector against 33
    wider = report_build(options=ReportOptions(include_shared=True), place_slug="leeds")
    assert wider.total == 60
    leeds = change_since(wider, study)
    assert leeds.measure == "alone" and leeds.total == Change(56, 55)
    assert leeds.sentence("Leeds") == (
        "Leeds (serving it alone): 56 activities; 55 in the 2020 study, +1"
    )
    assert leeds.breakdowns[0].rows[0].change.signed == ""  # not like for like
    region = change_since(report_build(options=ReportOptions()), study)
    assert region.total == Change(60, 602)  # the study's headline counted them
    assert region.places["leeds"] == Change(56, 55) and region.places_measure == ""
    region = change_since(report_build(options=ReportOptions(include_shared=True)), study)
    assert region.places["leeds"] == Change(56, 55) and region.places_measure == "alone"
    # A snapshot taken now counts as the default page does.
    now = change_since(leeds_report, snapshot_take(name="Now"))
    assert (now.measure, now.total) == ("", Change(56, 56))
    # One taken before the study's measure was the default counted everything serving Leeds.
    old = snapshot_take(name="Old")
    old.areas.filter(place_slug="leeds").update(includes_region_wide=True, total=58)
    old = change_since(leeds_report, Snapshot.objects.get(slug="old"))
    assert old.measure == "serving" and old.total == Change(60, 58)
    assert old.sentence("Leeds") == (
        "Leeds (with its shared and region-wide ones): 60 activities; 58 in Old, +2"
    )
    html = client_for(commissioner).get("/reports/leeds/?include_shared=1").content.decode()
    assert "Leeds (serving it alone): 56 activities; 55 in the 2020 study, +1." in html
    assert "the 56 activities serving Leeds alone, not the 4 shared and region-wide" in html
    assert "&amp;include_shared=1" in html.split('id="what-changed-link"', 1)[1][:200]
    html = client_for(commissioner).get("/reports/leeds/").content.decode()
    assert 'id="change-measure"' not in html
    assert "Leeds: 56 activities; 55 in the 2020 study, +1." in html
