"""The report pages' highlights are the study's own bullets, word for word.

``STUDY_BULLETS`` is written from the study's text (the full text of its report, kept
outside the project): every bullet of its "Scoping Highlights" pages for the region and
the six places, each with the line of that text where it starts (the ¶ that begins it).
Only the PDF extraction's slips are mended: ¬ read as an apostrophe, ° as a dash, a
bullet broken over lines joined. Kirklees's page prints its two interview bullets twice
(lines 621 and 624 repeat 613 and 616): they are here once. Leeds's page has an empty
bullet (line 654): left out. The order is the pages' own order of topics (the total and
focus, then delivery, sector, interviews), the same on every page.
"""

import html
import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from activities.models import Place
from activities.reference.services import demo_data_load
from reports.models import Highlight
from reports.study.services import study_highlights_load

pytestmark = pytest.mark.django_db

# (place slug, or None for the region; the line of the study's text; the bullet)
STUDY_BULLETS = [
    # WY&H Regional Overview – Scoping Highlights
    (
        None,
        464,
        "A total of 602 peer support activities scoped, population of c. 2.47m (ONS figures between Jun' 16 and 19)",
    ),
    (
        None,
        465,
        "Majority of peer support focused on general mental health, men's mental health and LGBTQI+ community",
    ),
    (None, 455, "Primary delivery model is support group based."),
    (None, 456, "Activity groups a close second, otherwise a mix of models"),
    (
        None,
        458,
        "Majority of peer support provided by Third Sector organisations across WY&H region",
    ),
    (
        None,
        461,
        "Community groups came a close second, otherwise a mixed combination of other organisation types",
    ),
    (
        None,
        467,
        "Majority of interviews we did with the peer workforce was within the Third Sector and Partnerships incl. NHS.",
    ),
    (None, 470, "Interesting to find lower numbers for the local authority."),
    (None, 473, "Vast majority of people we interviewed were paid workers, followed by volunteers"),
    # Bradford & Craven Overview – Scoping Highlights
    (
        "bradford-craven",
        504,
        "A total of 234 peer support activities scoped, for a population of c. 587,900 (ONS figures published Jun' 17)",
    ),
    (
        "bradford-craven",
        505,
        "Majority of peer support focused on general mental health, substance misuse, and physical health",
    ),
    ("bradford-craven", 499, "Primary delivery model is support group based."),
    (
        "bradford-craven",
        500,
        "Activity groups were also very prominent, but overall, there is a healthy mix of different methods",
    ),
    (
        "bradford-craven",
        509,
        "Majority of interviews we did with the peer workforce was within the Third Sector and Partnerships incl. NHS",
    ),
    (
        "bradford-craven",
        512,
        "Interesting to note more interview representation from local Community groups than NHS contacts",
    ),
    (
        "bradford-craven",
        517,
        "Over half the interviews were with paid workers, showing peer support is seen as a viable working profession",
    ),
    # Calderdale Overview – Scoping Highlights
    (
        "calderdale",
        525,
        "A total of 35 peer support activities scoped, for a population of c. 210,100 (ONS figures published Jun' 18)",
    ),
    (
        "calderdale",
        527,
        "Majority of peer support focused on general mental health, disability, parenthood, and women's mental health",
    ),
    (
        "calderdale",
        528,
        "Halifax is the largest settlement in the borough and most of Calderdale services are located there.",
    ),
    (
        "calderdale",
        529,
        "Lack of peer support for BAME groups, which were reported as under-represented within WY&H wide services",
    ),
    ("calderdale", 531, "Primary delivery model is support group based."),
    (
        "calderdale",
        532,
        "This tends to change when workers are engaging difficult-to-reach groups such as the rural and isolated.",
    ),
    # Harrogate & Rural Overview – Scoping Highlights
    (
        "harrogate-rural-district",
        557,
        "A total of 64 peer support activities scoped, for a population of c. 75,070 (ONS figures published Jun' 16)",
    ),
    (
        "harrogate-rural-district",
        558,
        "Majority of peer support focused on general mental health, physical health, and disability support",
    ),
    (
        "harrogate-rural-district",
        559,
        "Harrogate has a mix of urban locations, e.g. city centre, and rural hotspots like Ripon and Knaresborough.",
    ),
    (
        "harrogate-rural-district",
        575,
        "Support groups made up nearly 50% of the primary delivery methods we came across for this region",
    ),
    ("harrogate-rural-district", 578, "A good variety of different support methods"),
    (
        "harrogate-rural-district",
        561,
        "Majority of peer support provided by Third Sector organisations.",
    ),
    (
        "harrogate-rural-district",
        562,
        "A relatively high level of community peer support groups – still a decent NHS representation alongside this though",
    ),
    (
        "harrogate-rural-district",
        566,
        "Majority of interviews conducted with the peer workforce was within the Third Sector and Partnerships incl. NHS",
    ),
    ("harrogate-rural-district", 569, "Near equal balance of NHS and community participants"),
    (
        "harrogate-rural-district",
        571,
        "Over 50% of interviews were with paid workers, showing peer support is seen as a viable profession",
    ),
    # Kirklees Overview – Scoping Highlights
    (
        "kirklees",
        595,
        "A total of 48 peer support activities scoped, for a population of c. 438,727 (ONS figures published Jun' 18)",
    ),
    (
        "kirklees",
        596,
        "Majority of peer support for general mental health, men's mental health, anxiety, depression, bereavement",
    ),
    ("kirklees", 598, "Primary delivery model is support group based."),
    (
        "kirklees",
        599,
        "Kirklees also has many arts-based organisations that deliver groups with a focus on mental health. Peer support happens organically in these groups.",
    ),
    (
        "kirklees",
        616,
        "Interesting to find an equal presence of peer support between the NHS and with local authority groups",
    ),
    (
        "kirklees",
        613,
        "Majority of interviews we did with the peer workforce was within the Third Sector.",
    ),
    ("kirklees", 604, "Vast majority of people we interviewed were paid workers."),
    (
        "kirklees",
        607,
        "Some of the paid workers had progressed from group member / volunteer / paid member of staff.",
    ),
    (
        "kirklees",
        610,
        "Very much a focus of trying to integrate individuals back in to employment and the community.",
    ),
    # Leeds Overview – Scoping Highlights
    (
        "leeds",
        670,
        "A total of 55 peer support activities scoped, for a population of c. 818,085 (ONS figures published Jun' 19)",
    ),
    (
        "leeds",
        671,
        "Majority of peer support focused on general mental health, men's mental health and the LGBTQI+ community.",
    ),
    (
        "leeds",
        672,
        "Peer support for physical health is well embedded within Leeds Teaching Hospitals. e.g. Major Trauma unit",
    ),
    ("leeds", 656, "Primary delivery model is support group based."),
    (
        "leeds",
        657,
        "Activity groups are also very prominent, but overall, there is a healthy mix of different methods",
    ),
    ("leeds", 650, "Majority of peer support provided by Third Sector organisations."),
    (
        "leeds",
        651,
        "There is a growing amount of peer support being implemented into the NHS and through third sector partnerships.",
    ),
    (
        "leeds",
        664,
        "Interesting to find high presence of peer support in the NHS in contrast to fewer community groups.",
    ),
    (
        "leeds",
        661,
        "Majority of interviews we did with the peer workforce was within the Third Sector and Partnerships incl. NHS",
    ),
    (
        "leeds",
        667,
        "Majority of the interviews were with paid staff, showing the value of peer support within Leeds.",
    ),
    # Wakefield – Scoping Highlights
    (
        "wakefield",
        766,
        "A total of 55 peer support activities scoped, for a population of c. 345,038 (ONS figures published Jun' 18)",
    ),
    (
        "wakefield",
        767,
        "Majority of peer support focused on general mental health, anxiety and depression.",
    ),
    (
        "wakefield",
        768,
        "Although Wakefield does support other groups, e.g. BAME, we didn't find exclusively peer support groups",
    ),
    ("wakefield", 706, "Primary delivery model is support group based."),
    (
        "wakefield",
        707,
        "Due to the city's strong art scene, a lot of the peer support happens through creative activity groups.",
    ),
    ("wakefield", 770, "Majority of peer support provided by Third Sector organisations."),
    (
        "wakefield",
        771,
        "Wakefield has an established and growing peer support presence in NHS services such as Turning Point Talking Therapies, Wakefield Recovery College and SWYFT.",
    ),
    (
        "wakefield",
        714,
        "Interesting to find high presence of peer support in the NHS in contrast to fewer community groups.",
    ),
    (
        "wakefield",
        711,
        "Majority of interviews we did with the peer workforce was within the Third Sector and NHS.",
    ),
    ("wakefield", 776, "Vast majority of people we interviewed were volunteers."),
    (
        "wakefield",
        779,
        "However there is a greater focus on peer support helping to integrate individuals back in to employment.",
    ),
]
STUDY_DATE = "June 2020"


def blockquotes(page_html):
    """The highlights' text as a reader sees it, in order."""
    found = re.findall(r'<blockquote class="psd-highlight__text">(.*?)</blockquote>', page_html)
    return [html.unescape(text) for text in found]


def test_the_fixture_holds_every_bullet_of_the_study_word_for_word_and_where_it_is():
    fixture = Path(settings.BASE_DIR) / "fixtures" / "highlights.json"
    records = json.loads(fixture.read_text(encoding="utf-8"))["highlights"]
    assert [(r["place"], r["study_line"], r["text"]) for r in records] == STUDY_BULLETS
    assert {r["written_on"] for r in records} == {"2020-06-30"}


def test_the_loaded_highlights_are_the_studys_bullets():
    study_highlights_load()
    loaded = [
        (h.place.slug if h.place_id else None, h.study_line, h.text)
        for h in Highlight.objects.select_related("place").order_by("place__name", "order")
    ]
    assert sorted(loaded, key=repr) == sorted(STUDY_BULLETS, key=repr)


@pytest.mark.parametrize(
    "slug",
    [
        None,
        "bradford-craven",
        "calderdale",
        "harrogate-rural-district",
        "kirklees",
        "leeds",
        "wakefield",
    ],
)
def test_each_page_shows_its_bullets_word_for_word_marked_as_the_studys(
    client_for, commissioner, slug
):
    demo_data_load()
    study_highlights_load()
    page = client_for(commissioner).get(f"/reports/{slug + '/' if slug else ''}").content.decode()
    expected = [text for place, _, text in STUDY_BULLETS if place == slug]
    assert blockquotes(page) == expected
    assert page.count(f"The study's own words, {STUDY_DATE}") == len(expected)
    assert 'href="/study/findings/"' in page  # the study's interview findings, one click away


def test_each_bullet_has_todays_figures_beside_it_and_says_whether_it_holds(
    client_for, commissioner
):
    demo_data_load()
    study_highlights_load()
    client = client_for(commissioner)
    text = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/reports/wakefield/").content.decode())
    )
    text = html.unescape(text)
    said = "Primary delivery model is support group based. The study's own words, June 2020"
    # Today's figures are folded under the bullet they belong to, after whether it holds.
    assert (
        f"{said} Still holds Today's figures Today, primary model of delivery: Support group "
        in text
    )
    assert "A total of 55 peer support activities scoped" in text
    assert "Today: 55 activities found in Wakefield" in text
    # Five state what the figures can check (the total, an order of focus, delivery or
    # sector); the rest name no order, so are only said to no longer hold if the total moves.
    assert "May no longer hold" not in text and text.count("Still holds") == 5
    # Who was interviewed: the interview team has released nothing yet.
    assert text.count("no interview figures are released for this page") == 2

    # Twenty more support groups in Wakefield: its total has moved by more than a tenth.
    from activities.tests.factories import make_activity

    for n in range(20):
        make_activity(f"New group {n}", place="wakefield")
    text = html.unescape(
        re.sub(r"<[^>]+>", " ", client.get("/reports/wakefield/").content.decode())
    )
    assert "activities were 55 when written, now 75" in text
    # With the options narrowing what is counted, the figures are the page's, not judged.
    text = client.get("/reports/wakefield/?status=active").content.decode()
    assert "May no longer hold" not in text and "Still holds" not in text
    assert "Whether each point still holds is judged against every activity" in text


def test_loading_again_sets_the_studys_words_back_and_leaves_the_teams_alone():
    study_highlights_load()
    leeds = Place.objects.get(slug="leeds")
    team = Highlight.objects.create(place=leeds, order=9, text="The team's own point.")
    Highlight.objects.filter(study_line=650).update(text="Paraphrased.", written_total=70)
    Highlight.objects.filter(study_line=656).update(written_total=61, written_order=["x"])
    Highlight.objects.filter(study_line=664).delete()
    assert study_highlights_load() == {"added": 1, "restored": 1}
    restored = Highlight.objects.get(study_line=650)
    assert restored.text == "Majority of peer support provided by Third Sector organisations."
    assert restored.written_total == 55 and restored.history.first().text == restored.text
    # Its words unchanged, what it was last judged against (the admin's "still holds") stays.
    assert Highlight.objects.get(study_line=656).written_total == 61
    assert Highlight.objects.get(study_line=664).place == leeds
    team.refresh_from_db()
    assert team.text == "The team's own point." and team.study_line is None


def test_the_upgrade_deletes_the_old_paraphrases_but_keeps_edited_ones_and_the_teams():
    migration = importlib.import_module("reports.migrations.0009_highlights_study_words")
    leeds = Place.objects.get(slug="leeds")
    Highlight.objects.create(
        place=None, text=migration.PARAPHRASES[4][1]
    )  # "fewer … local authorities"
    Highlight.objects.create(place=leeds, text="Most of the people interviewed were paid workers.")
    Highlight.objects.create(
        place=leeds, text="Most of the people interviewed were paid, we think."
    )
    Highlight.objects.create(place=leeds, text="The team's own point.")
    # The same words on another place's page are not the paraphrase loaded there.
    Highlight.objects.create(
        place=Place.objects.get(slug="kirklees"),
        text="Most of the people interviewed were paid workers.",
    )
    migration.paraphrases_delete(apps, None)
    assert sorted(Highlight.objects.values_list("place__slug", "text")) == [
        ("kirklees", "Most of the people interviewed were paid workers."),
        ("leeds", "Most of the people interviewed were paid, we think."),
        ("leeds", "The team's own point."),
    ]
    assert "The team found fewer activities run by local authorities than it had expected." in {
        text for _, text in migration.PARAPHRASES
    }


def test_the_admin_keeps_the_studys_words_but_lets_the_order_change(client_for, interviewer):
    study_highlights_load()
    bullet = Highlight.objects.get(study_line=776)
    client = client_for(interviewer)
    response = client.post(
        f"/admin/reports/highlight/{bullet.pk}/change/",
        {"order": "1", "text": "Most were paid.", "place": "", "about": ""},
    )
    assert response.status_code == 302
    bullet.refresh_from_db()
    assert (bullet.order, bullet.text, bullet.place.slug, bullet.about) == (
        1,
        "Vast majority of people we interviewed were volunteers.",
        "wakefield",
        "interview_paid",
    )
    listing = client.get(f"/admin/reports/highlight/?place__id__exact={bullet.place_id}")
    assert "The study&#x27;s (line 776 of its text)" in listing.content.decode()


# The study's interview findings: each theme's text, regional highlights and quotes.
FINDINGS = {
    "What does peer support mean in WY&H?": "Overall, there was a collective vision for peer support across the regions of WY&H.",
    "Peer Support Values in WY&H": "Shared experience, respect, and empathy and understanding were the most prominent values of peer support, on a national and WY&H level.",
    "WY&H peer support workforce – key duties": "1) Delivering peer support models/activities 2) signposting and referrals 3) supporting service users to access the community, 4) managing social media groups and content, and 5) building relationships with key organisations and charities.",
    "Benefits of working in peer support across WY&H": "Reports of volunteering, gaining paid employment and/or returning to work were evident across the Bradford & Craven District, Kirklees, Leeds, and Calderdale.",
    "Challenges of working in peer support across WY&H": "Challenges included: 1) managing interpersonal boundaries, 2) PSW's managing their own mental health, and 3) PSW's becoming triggered.",
    "Benefits of peer support in integrated contexts": "Benefits included: 1) changing the power hierarchy in the NHS, 2) introducing new approaches, 3) enriching services and dimensions of support, 4) multiple staff support opportunities, and 5) enhanced signposting routes and pathways.",
    "Challenges of the peer support workforce in integrated contexts": "Capacity was a key challenge within Kirklees and the Harrogate District, with services being in high demand, having to utilise waiting lists, and feeling unable to meet a range of wider support needs.",
}
A_QUOTE = "It has allowed me to hold down a job without going off sick for mental health regularly […] I now feel able to go into work even if I'm having a bad mental health day"


def test_the_studys_interview_findings_are_a_page_with_its_themes_and_quotes(
    client_for, commissioner, analyst
):
    from interviews.reference.services import interview_reference_load

    interview_reference_load()
    page = client_for(commissioner).get("/study/findings/")
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    headings = re.findall(r'<h2 class="govuk-heading-l" id="finding-\d">(.*?)</h2>', text)
    assert headings == list(FINDINGS)
    for title, words in FINDINGS.items():
        section = text.split(f">{title}</h2>", 1)[1].split("</section>", 1)[0]
        assert words in section, title
    assert A_QUOTE in text and "[…] marks words lost" in text
    assert "Regional highlights" in text and "Key highlights" in text
    # Commissioners read the codebook's names; those who may open the codebook get links.
    assert "In the codebook: Institutional challenges" in text
    assert 'href="/interviews/themes/' not in text
    text = client_for(analyst).get("/study/findings/").content.decode()
    assert '">Institutional challenges</a>' in text


def test_the_findings_are_reachable_from_the_report_pages_about_and_quotes(
    client_for, commissioner
):
    client = client_for(commissioner)
    for url in ("/reports/", "/reports/leeds/", "/study/about/", "/study/quotes/"):
        assert 'href="/study/findings/"' in client.get(url).content.decode(), url
