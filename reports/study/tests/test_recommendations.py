"""The study's recommendations: present in its words, progress recorded per place with
history, shown on the report pages and in their downloads, edited by champions only."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from activities.models import Organisation, Place
from reports.study.recommendation_models import (
    ActionProgress,
    ProgressStatus,
    RecommendationArea,
    SuggestedAction,
)
from reports.study.services import study_conclusions_load

# Written from the study's "Recommendations" section (areas for consideration and
# their suggested actions), not from the fixture.
STUDY = {
    "Acknowledging tensions": [
        "Engage in the debates surrounding the issue of PS being moved to statutory contexts.",
        "Learn about the history of the peer support movement - its activist origins.",
        "Engage in research/learning around the social model of disability and its "
        "intersection with mental health.",
        "Seek out voices and experiences from lived experience experts and be guided by these "
        "stories.",
        "Consider the complex power dynamics implications of peer support within statutory "
        "contexts and mitigate this through thoughtful practice.",
        "Statutory services to be careful not to reduce or dehumanise peer support.",
    ],
    "Shifting dominant culture": [
        "Continued commitment to embedding social model practices in clinical settings.",
        "Create networking events to bring together people of different professional/lived "
        "experiences.",
        "Creating secure processes to enable staff to challenge hierarchical attitudes safely.",
        "Attention to communication channels/systems to ensure more “bottom-up” voice and "
        "influence.",
        "More visibility and connection with senior level staff/board members.",
        "Acknowledging that culture shift takes time but not letting this stop the process.",
        "Attention to power dynamics in organisation/department and how this influences "
        "practice, culture, and relationships.",
    ],
    "Organisational and strategic buy-in": [
        "High level staff to promote peer support within strategic planning agenda.",
        "High level staff to promote peer support to service/departmental management to create "
        "buy in.",
        "Financial commitment to peer support through dedicated peer support lead in integrated "
        "settings (someone’s paid role/responsibility to promote PS).",
        "Peer support on as standing agenda item for team meetings across services, and to "
        "raise profile of roles and impact.",
    ],
    "Planning ahead for PS workforce": [
        "Clarity from the outset about the nature of the role (if it is more fixed or if there "
        "is room for growth and development in response to need).",
        "Recognising the emotional toll of PS - build self-care & reflective practice into PS "
        "roles.",
        "Ensuring adequate support for PSW's – regular training, supervision, & guidance.",
        "Ensuring non-peer staff understand the boundaries of the peer support roles so they "
        "are not asked to do “dogs-body” work.",
        "Setting up professional contacts for PSW within NHS environments so they are linked "
        "into appropriate people.",
        "Funding roles for enough time to allow for relationships and trust to develop and "
        "project to “get off the ground”.",
    ],
    "Improving understanding": [
        "Cross sector engagement events for clinical staff to learn more about peer support "
        "values & its principles.",
        "Relevant NHS staff to have an induction to 3rd sector service in partnership projects.",
        "Invest in development of non-peer staff through providing increased training "
        "opportunities around peer support and co-production.",
        "Make attendance at these training/ learning events mandatory.",
        "Give bigger platform to PSW's to share their story and expertise so they do not have "
        "to repeatedly engage in 1:1 explanation.",
        "Create opportunities for cross-departmental/cross-project sharing of peer support "
        "success stories.",
    ],
    "Protecting peer support values and principles": [
        "Researching and understanding the grassroots origins of peer support.",
        "Engaging with peer support community expertise.",
        "Embodying the values through sharing knowledge & experiences with other organisations.",
        "Participate in enriching the peer support community through sharing learning & expertise.",
        "Embed reflection at all levels of peer support provision.",
        "Crafting processes where staff can raise concerns if dominate cultures or conflicts "
        "compromise their peer support practice.",
        "Take lead from partnership organisation’s peer support expertise and model.",
    ],
    "Embedding flexibility and openness": [
        "Reviewing ‘red-tape’ and bureaucratic barriers so peer support work/workforce can be "
        "responsive to emerging needs.",
        "Open to the idea that peer support can be “crafted” organically in action and that "
        "role expectations may need to shift in practice.",
        "Expect the role to shift and change over time in line with needs of service users.",
        "Appropriate flex and relaxation of guidelines and boundaries for peer support service "
        "to enable vales of peer support to be practiced and maintained.",
        "Encourage peer support workers to practice openness by sharing lived experience.",
        "NHS open to PS workers sharing lived experience – essential to role.",
    ],
    "Paying attention to inclusion and accessibility": [
        "Create frequent opportunities for real co-production.",
        "seek advice and guidance from third sector organisations.",
        "Strive to hire a diverse PS workforce that represents & caters for multiple peer "
        "identities.",
        "Planning realistically to allow time for PS work/workforce to build relationships and "
        "establish trust with service users.",
        "Consider fluctuating health and access needs and offer longer term or more casual "
        "interventions.",
    ],
    "Measuring experiential outcomes": [
        "Developing new ways of measuring and valuing PS impact.",
        "Draw from qualitative and creative methodologies.",
        "Engaging in research and innovation in alternative ways of knowing.",
        "Invest in research in developing appropriate and generous measurement tools that are "
        "aligned with PS values and ways of knowing.",
        "Co-production around measuring outcomes - in a way that Service users want to engage "
        "with.",
        "Evaluation tools that are social model aligned – away from medicalised model approach.",
    ],
    "Celebrating peer support work/workforce": [
        "Celebrating in ways/formats that are meaningful to PS and reflect the values of PS.",
        "Avoid tokenistic promotion of PS activity.",
        "Create real life, online platforms and channels for peer support workers/projects to "
        "share success stories.",
        "Hold celebration events regularly.",
        "Make room for real stories from service users about the impact of peer support.",
        "Regular evaluation with service users’ input.",
        "Create clear pathways for service users to become volunteers to demonstrate "
        "individual success stories.",
    ],
}


@pytest.fixture
def study(db):
    study_conclusions_load()


def test_every_area_and_action_of_the_study_is_present_in_its_words(study):
    areas = list(RecommendationArea.objects.order_by("number"))
    assert [area.title for area in areas] == list(STUDY)
    for area in areas:
        texts = list(area.actions.order_by("number").values_list("text", flat=True))
        assert texts == STUDY[area.title], area.title
    assert SuggestedAction.objects.count() == 60


def test_loading_again_adds_nothing_and_keeps_an_administrators_edit(study):
    area = RecommendationArea.objects.get(number=6)
    area.summary = "Written in by an administrator."
    area.save()
    added = study_conclusions_load()
    assert added["areas for consideration"] == added["suggested actions"] == 0
    assert RecommendationArea.objects.get(number=6).summary == "Written in by an administrator."


def test_champions_record_progress_and_only_read_the_studys_text(db):
    from django.contrib.auth.models import Group

    def codenames(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__app_label="reports")
            .exclude(
                codename__in=["view_report", "view_highlight", "view_snapshot", "view_snapshotarea"]
            )
            .exclude(codename__endswith="_highlight")
            .exclude(codename__endswith="_interviewrelease")  # the interview team's releases
            .values_list("codename", flat=True)
        )

    assert codenames("Champions") == {
        "view_recommendationarea",
        "view_suggestedaction",
        "view_actionprogress",
        "add_actionprogress",
        "change_actionprogress",
        "view_literaturesource",
        "view_reviewtheme",
    }
    for role in ("Analysts", "Interview team", "Commissioners"):
        assert codenames(role) == set(), role


def _add_url():
    return "/admin/reports/actionprogress/add/"


def _action(label):
    area, number = label.split(".")
    return SuggestedAction.objects.get(area__number=area, number=number)


def test_a_champion_records_progress_and_its_history_is_kept(study, client_for, champion):
    client = client_for(champion)
    leeds = Place.objects.get(slug="leeds")
    response = client.post(
        _add_url(),
        {
            "action": _action("3.2").pk,
            "place": leeds.pk,
            "status": "planned",
            "noted_on": "2026-11-02",
            "note": "On the board's January agenda.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    progress = ActionProgress.objects.get()
    assert progress.updated_by == champion
    assert progress.status == ProgressStatus.PLANNED
    response = client.post(
        f"/admin/reports/actionprogress/{progress.pk}/change/",
        {
            "action": _action("3.2").pk,
            "place": leeds.pk,
            "status": "done",
            "noted_on": "2027-01-20",
            "note": "Agreed by the board.",
        },
    )
    assert response.status_code == 302
    history = list(progress.history.order_by("history_date"))
    assert [h.status for h in history] == ["planned", "done"]
    assert [h.history_user for h in history] == [champion, champion]
    page = client.get(f"/admin/reports/actionprogress/{progress.pk}/history/")
    assert page.status_code == 200 and "champion" in page.content.decode()


def test_a_place_has_one_record_per_action_and_the_second_is_refused_with_a_message(
    study, client_for, champion
):
    client = client_for(champion)
    leeds = Place.objects.get(slug="leeds")
    form = {
        "action": _action("1.1").pk,
        "place": leeds.pk,
        "status": "done",
        "noted_on": "2026-11-02",
    }
    assert client.post(_add_url(), form).status_code == 302
    response = client.post(_add_url(), form)
    assert response.status_code == 200
    assert "This place already has progress recorded for this action." in response.content.decode()
    assert ActionProgress.objects.count() == 1


@pytest.mark.parametrize("role", ["interviewer", "staff_analyst"])
def test_other_roles_cannot_record_progress(request, study, client_for, role):
    client = client_for(request.getfixturevalue(role))
    leeds = Place.objects.get(slug="leeds")
    response = client.post(
        _add_url(),
        {
            "action": _action("1.1").pk,
            "place": leeds.pk,
            "status": "done",
            "noted_on": "2026-11-02",
        },
    )
    assert response.status_code == 403
    assert not ActionProgress.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "commissioner"])
def test_readers_without_staff_status_are_sent_to_the_admin_login(request, study, client_for, role):
    client = client_for(request.getfixturevalue(role))
    response = client.get(_add_url())
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def record(label, place, status, note="", organisation=None, on=datetime.date(2026, 11, 1)):
    return ActionProgress.objects.create(
        action=_action(label),
        place=Place.objects.get(slug=place),
        organisation=organisation,
        status=status,
        note=note,
        noted_on=on,
    )


def test_the_region_page_shows_each_area_its_actions_and_a_grid_of_places(
    study, client_for, commissioner
):
    record("2.3", "kirklees", ProgressStatus.IN_PROGRESS)
    html = client_for(commissioner).get("/reports/").content.decode()
    section = html[html.index('id="heading-recommendations"') :]
    for number, title in enumerate(STUDY, 1):
        assert f"{number}. {title}" in section
    assert "2.3 Creating secure processes to enable staff" in section
    row = section[section.index("2.3 Creating secure") :]
    row = row[: row.index("</tr>")]
    # one cell per place, in name order; Kirklees is the fourth
    cells = row.split('<td class="govuk-table__cell" data-label=')[1:]
    assert len(cells) == Place.objects.count()
    assert "In progress" in cells[3] and all(
        "Not recorded" in c for i, c in enumerate(cells) if i != 3
    )


def test_a_place_page_shows_that_places_progress_and_notes_only(study, client_for, commissioner):
    record("5.4", "wakefield", ProgressStatus.DONE, note="Training now mandatory for new staff.")
    record("5.4", "leeds", ProgressStatus.PLANNED, note="Leeds note.")
    organisation = Organisation.objects.create(name="Wakefield Mind")
    record("5.4", "wakefield", ProgressStatus.IN_PROGRESS, "Their own course.", organisation)
    html = client_for(commissioner).get("/reports/wakefield/").content.decode()
    section = html[html.index('id="heading-recommendations"') :]
    assert "Training now mandatory for new staff." in section
    assert "Wakefield Mind" in section and "Their own course." in section
    assert "Leeds note." not in section


def test_the_downloads_hold_every_action_for_every_place(study, client_for, commissioner):
    record("10.4", "calderdale", ProgressStatus.NOT_APPLICABLE, note="=HYPERLINK(1)")
    client = client_for(commissioner)
    text = client.get("/study/recommendations.csv").content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Disclaimer: The information collated in these spreadsheets")
    assert lines[1].startswith("Area,Area for consideration,Action,Suggested action,Place")
    assert len(lines) == 2 + 60 * Place.objects.count()
    assert (
        "10.4,Hold celebration events regularly.,Calderdale,,Not applicable,'=HYPERLINK(1)" in text
    )
    book = load_workbook(
        io.BytesIO(client.get("/study/recommendations.xlsx?place=calderdale").content)
    )
    assert book.sheetnames == ["Disclaimer", "Recommendations"]
    rows = list(book["Recommendations"].values)
    assert len(rows) == 61
    assert ("10.4", "Calderdale", "Not applicable") in [(r[2], r[4], r[6]) for r in rows]
    assert client.get("/study/recommendations.csv?place=atlantis").status_code == 404


def test_the_admin_exports_and_imports_progress_all_or_nothing(study, client_for, superuser):
    client = client_for(superuser)
    upload = io.BytesIO(
        b"action,place,organisation,status,note,noted_on\n"
        b"1.2,Leeds,,done,Read the history,2026-10-01\n"
        b"99.1,Leeds,,done,,2026-10-01\n"
    )
    upload.name = "progress.csv"
    response = client.post(
        "/admin/reports/actionprogress/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    html = response.content.decode()
    assert "99.1" in html and "is not a suggested action" in html
    assert not ActionProgress.objects.exists()


def test_the_admin_imports_progress_and_history_names_the_importer(study, client_for, champion):
    client = client_for(champion)
    Organisation.objects.create(name="Kirklees Mind")
    upload = io.BytesIO(
        b"action,place,organisation,status,note,noted_on\n"
        b"1.2,Leeds,,In progress,Reading group started,2026-10-01\n"
        b"1.2,kirklees,kirklees  mind,planned,,2026-10-02\n"
    )
    upload.name = "progress.csv"
    previewed = client.post(
        "/admin/reports/actionprogress/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert "confirm_form" in previewed.context, previewed.content.decode()[:3000]
    confirmed = client.post(
        "/admin/reports/actionprogress/process_import/", previewed.context["confirm_form"].initial
    )
    assert confirmed.status_code == 302
    leeds = ActionProgress.objects.get(place__slug="leeds")
    kirklees = ActionProgress.objects.get(place__slug="kirklees")
    assert (leeds.status, leeds.note, leeds.updated_by) == (
        "in_progress",
        "Reading group started",
        champion,
    )
    assert kirklees.organisation.name == "Kirklees Mind"
    assert leeds.history.get().history_user == champion


def test_the_progress_list_in_the_admin_runs_a_fixed_number_of_queries(
    study, client_for, champion, django_assert_num_queries
):
    client = client_for(champion)
    record("1.1", "leeds", ProgressStatus.DONE)
    client.get("/admin/reports/actionprogress/")
    # session, user, permissions; the rows, their count, the date hierarchy, the filters' choices
    with django_assert_num_queries(QUERIES := 10):
        assert client.get("/admin/reports/actionprogress/").status_code == 200
    organisation = Organisation.objects.create(name="Leeds Mind")
    for label in ("2.1", "2.2", "3.1", "4.4", "5.5"):
        record(label, "kirklees", ProgressStatus.PLANNED)
        record(label, "leeds", ProgressStatus.PLANNED, organisation=organisation)
    with django_assert_num_queries(QUERIES):
        assert client.get("/admin/reports/actionprogress/").status_code == 200
