"""One glance, then depth: a report page opens with its summary (the headline sentence
first, the figures, the study's highlights, one chart), then its sections in a GOV.UK
accordion listed in a contents; a print button from a static file; the region's map of
the six places, shaded by their own activities per 100,000 people, each a link.

How the page looks on a screen and on paper (one laptop screen, page counts, axe) is
checked in Chromium: scoping/tests/test_browser_report_layout.py.
"""

import itertools
import json
import re
from html import unescape

import pytest

from activities.reference.services import demo_data_load
from reports.figures.map_outlines import OUTPUT, outlines, simplified
from reports.figures.place_map import step_for
from reports.study.services import study_highlights_load
from scoping.shared import chromium_pdf as pdf
from scoping.tests.data_once import loaded_once

pytestmark = pytest.mark.django_db

PLACES = [
    "bradford-craven",
    "calderdale",
    "harrogate-rural-district",
    "kirklees",
    "leeds",
    "wakefield",
]
PAGES = ["/reports/"] + [f"/reports/{slug}/" for slug in PLACES]
# The demo data's own activities per 100,000 people (the study's counts over the places'
# populations): Harrogate's is over the town's 75,070 people, as the study used it.
DEMO_RATES = {
    "bradford-craven": "39.8",
    "calderdale": "16.7",
    "harrogate-rural-district": "85.3",
    "kirklees": "10.9",
    "leeds": "6.7",
    "wakefield": "15.9",
}


@pytest.fixture
def page(client_for, commissioner):
    client = client_for(commissioner)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return get


# The demo directory and the study's highlights, loaded once for this module's tests.
demo = loaded_once(demo_data_load, study_highlights_load)


def text(fragment):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def main(html):
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def summary(html):
    return html.split('<section class="psd-summary"', 1)[1].split(
        '<p class="govuk-body-s psd-report-caveat"', 1
    )[0]


@pytest.mark.parametrize("url", PAGES)
def test_the_summary_comes_first_with_the_headline_leading_it(page, demo, url):
    content = main(page(url))
    # Nothing but the title, the print and download links and the places' links before it.
    before = content.split('<section class="psd-summary"', 1)[0]
    assert re.findall(r"<(h[1-6]|table|section|dl|ul)\b", before) == ["h1", "ul", "ul"]
    assert 'class="psd-places-nav"' in before and 'id="print-button"' in before
    # Every section of the accordion, and the options, come after it.
    assert content.index('id="summary"') < content.index('class="psd-report-options"')
    assert content.index('id="summary"') < content.index('class="govuk-accordion__section"')
    said = summary(content)
    # The headline sentence first, then the figures, the highlights and one chart.
    first = re.search(r"<(p|dl|section|ul|div)\b[^>]*>", said.split("</h2>", 1)[1]).group()
    assert 'id="headline-sentence"' in first
    assert 'id="headline-total"' in said and 'id="heading-highlights"' in said
    assert said.count('class="psd-highlight"') >= 6
    charts = said.count("psd-glance__chart") + said.count('class="psd-map"')
    assert charts == 1
    assert ('class="psd-map"' in said) == (url == "/reports/")


@pytest.mark.parametrize("url", PAGES)
def test_each_highlight_is_shown_once_in_the_summary(page, demo, url):
    content = main(page(url))
    quotes = re.findall(r'<blockquote class="psd-highlight__text">(.*?)</blockquote>', content)
    assert quotes and len(quotes) == len(set(quotes))
    in_summary = re.findall(r'<blockquote class="psd-highlight__text">', summary(content))
    assert len(in_summary) == len(quotes)


@pytest.mark.parametrize("url", ["/reports/", "/reports/leeds/"])
def test_the_sections_are_an_accordion_listed_in_the_contents(page, demo, url):
    content = main(page(url))
    accordion = content.split('id="sections"', 1)[1]
    headings = re.findall(
        r'<span class="govuk-accordion__section-button" id="(heading-[a-z_-]+)">', accordion
    )
    contents = content.split('class="psd-contents"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([a-z_-]+)"', contents) == ["summary", *headings]
    # The accordion's script names each section's content by its place in the page.
    numbers = re.findall(r'id="sections-content-(\d+)"', accordion)
    assert numbers == [str(n) for n in range(1, len(headings) + 1)]
    expected = {"heading-glance", "heading-coverage", "heading-change-since", "heading-sector"}
    expected |= {"heading-interviews", "heading-recommendations", "heading-shared_experience"}
    if url == "/reports/":
        expected |= {"heading-places", "heading-gaps"}
    assert expected <= set(headings)
    assert ("heading-places" in headings) == (url == "/reports/")
    # Each heading is there once: a section's own heading gives way to the accordion's.
    for heading in headings:
        assert content.count(f'id="{heading}"') == 1, heading
    # Links into the sections land on their headings.
    for target in re.findall(r'href="#(heading-[a-z_-]+)"', content):
        assert f'id="{target}"' in content, target


def test_the_print_button_needs_its_script_and_no_inline_one(page, demo):
    html = page("/reports/leeds/")
    assert re.search(r'<button type="button"[^>]*id="print-button" hidden>Print this page', html)
    assert '<script type="module" src="/static/js/report_print.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # every script is a file
    assert 'media="print"' in html and "css/print.css" in html
    assert "Save as PDF" in text(html) and 'id="print-help"' in html


def test_the_map_links_each_place_to_its_page_with_its_rate_in_words(page, demo):
    html = page("/reports/")
    figure = html.split('<figure class="psd-map"', 1)[1].split("</figure>", 1)[0]
    links = re.findall(
        r'<a class="psd-map__link" href="([^"]+)" aria-label="([^"]+)" data-place="([a-z-]+)">'
        r'\s*<path class="psd-map__place psd-map__place--(\d)" d="M',
        figure,
    )
    assert [slug for _, _, slug, _ in links] == PLACES
    for href, label, slug, _ in links:
        assert href == f"/reports/{slug}/"
        assert f"{DEMO_RATES[slug]} activities per 100,000 people" in unescape(label)
    # Darker is more: Harrogate's 85.3 the darkest, Bradford & Craven's 39.8 next, the rest light.
    shades = {slug: int(shade) for _, _, slug, shade in links}
    assert shades == {
        "bradford-craven": 2,
        "calderdale": 1,
        "harrogate-rural-district": 4,
        "kirklees": 1,
        "leeds": 1,
        "wakefield": 1,
    }
    legend = re.findall(r"</span>(\d+ to \d+)</li>", figure)
    assert legend == ["0 to 25", "25 to 50", "50 to 75", "75 to 100"]


def test_the_map_has_a_text_alternative_and_a_table(page, demo):
    html = page("/reports/")
    figure = html.split('<figure class="psd-map"', 1)[1].split("</figure>", 1)[0]
    assert 'role="group" aria-labelledby="map-title" aria-describedby="map-desc"' in figure
    title = re.search(r'<title id="map-title">(.*?)</title>', figure).group(1)
    assert "shaded by their own activities per 100,000 people" in title
    desc = unescape(re.search(r'<desc id="map-desc">(.*?)</desc>', figure).group(1))
    assert "Leeds: 6.7 activities per 100,000 people (55 activities)" in desc
    assert "Harrogate & Rural District: 85.3 activities per 100,000 people (64 activities)*" in desc
    assert "Each place links to its page" in desc
    table = html.split('id="map-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'data-place="([a-z-]+)">(.*?)</tr>', table, re.S)
    assert {slug: text(row).split()[-1] for slug, row in rows} == {
        slug: rate + ("*" if slug == "harrogate-rural-district" else "")
        for slug, rate in DEMO_RATES.items()
    }
    assert "Harrogate & Rural District: over a smaller population" in text(figure)
    assert "the population of Harrogate town" in text(html.split('id="map-table"', 1)[1])


def test_the_maps_links_keep_the_pages_options(page, demo):
    html = page("/reports/?status=active")
    assert 'class="psd-map__link" href="/reports/leeds/?status=active"' in html


def test_a_place_page_has_no_map(page, demo):
    assert 'class="psd-map"' not in page("/reports/leeds/")


def test_the_outlines_are_the_six_places_and_small():
    data = json.loads(OUTPUT.read_text(encoding="utf-8"))
    assert sorted(data["places"]) == PLACES == sorted(data["labels"])
    assert all(re.fullmatch(r"(M[\d L]+Z)+", d) for d in data["places"].values())
    assert OUTPUT.stat().st_size < 10_000


def test_simplifying_drops_points_near_the_line_and_keeps_the_ends():
    assert simplified([(0, 0), (5, 0.5), (10, 0)], 1) == [(0, 0), (10, 0)]
    assert simplified([(0, 0), (5, 3), (10, 0)], 1) == [(0, 0), (5, 3), (10, 0)]


def delta_encoded(points):
    """An arc of whole-unit points as TopoJSON stores it: the first, then each step."""
    return [list(points[0])] + [[x - px, y - py] for (px, py), (x, y) in itertools.pairwise(points)]


def test_two_districts_of_one_place_are_drawn_as_one_outline():
    """Three squares side by side: Craven and Bradford (one place, no border drawn between
    them), then Leeds (its border with Bradford drawn)."""
    lines = [
        [(0, 0), (0, 10)],  # 0: Craven | Bradford
        [(0, 10), (-10, 10), (-10, 0), (0, 0)],  # 1: round Craven
        [(0, 0), (10, 0)],  # 2: Bradford's foot
        [(10, 0), (10, 10)],  # 3: Bradford | Leeds
        [(10, 10), (0, 10)],  # 4: Bradford's top
        [(10, 0), (20, 0), (20, 10), (10, 10)],  # 5: round Leeds
        [(-10, -20), (-9, -20), (-9, -19), (-10, -20)],  # 6: the other places, below
    ]
    polygon = {"type": "Polygon"}
    geometries = [
        {**polygon, "arcs": [[0, 1]], "properties": {"LAD13CD": "E07000163"}},
        {**polygon, "arcs": [[2, 3, 4, ~0]], "properties": {"LAD13CD": "E08000032"}},
        {**polygon, "arcs": [[5, ~3]], "properties": {"LAD13CD": "E08000035"}},
    ] + [
        {**polygon, "arcs": [[6]], "properties": {"LAD13CD": code}}
        for code in ["E08000033", "E07000165", "E08000034", "E08000036"]
    ]
    topology = {
        "transform": {"scale": [0.01, 0.01], "translate": [-2, 54]},
        "arcs": [delta_encoded(line) for line in lines],
        "objects": {"lad": {"type": "GeometryCollection", "geometries": geometries}},
    }
    drawn = outlines(topology)
    assert drawn["view_box"].startswith("0 0 400 ")
    assert drawn["places"]["bradford-craven"].count("M") == 2  # the two districts, filled
    assert drawn["places"]["leeds"].count("M") == 1
    vertical = re.findall(r"M(\d+) (\d+)L(\d+) (\d+)(?=M|$)", drawn["borders"])
    xs = {int(x1) for x1, _, x2, _ in vertical if x1 == x2}
    # x = 0 is 10/30 of the way across (133), x = 10 is 20/30 (267): Bradford | Leeds only.
    assert xs == {267}


def test_the_legend_steps_are_round():
    assert step_for(85.3) == 25
    assert step_for(12) == 3
    assert step_for(0) == 1


def test_the_pdf_link_carries_the_pages_options(page, demo):
    html = page("/reports/leeds/?include_shared=1")
    assert (
        'id="pdf-link" href="/reports/leeds/report.pdf?include_shared=1" download>Download this page as a PDF<'
        in html
    )
    assert 'id="pdf-link" href="/reports/report.pdf" download>Download this page as a PDF<' in page(
        "/reports/"
    )


def test_without_chromium_the_pdf_says_why_and_how_to_print_instead(
    client_for, commissioner, monkeypatch
):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    response = client_for(commissioner).get("/reports/leeds/report.pdf?status=active")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Chromium is not installed" in html and "Save as PDF" in html
    assert 'href="/reports/leeds/?status=active"' in html


def test_one_pdf_is_made_at_a_time(client_for, commissioner, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: "/usr/bin/chromium")
    assert pdf._one_at_a_time.acquire(blocking=False)
    try:
        response = client_for(commissioner).get("/reports/report.pdf")
    finally:
        pdf._one_at_a_time.release()
    assert response.status_code == 503
    assert "Another PDF is being made" in response.content.decode()


def test_the_pdf_needs_the_report_permission(client, client_for, nobody):
    assert client.get("/reports/leeds/report.pdf").status_code == 302
    assert client_for(nobody).get("/reports/leeds/report.pdf").status_code == 403
    assert client_for(nobody).get("/reports/report.pdf").status_code == 403


def test_the_local_copy_points_at_the_static_files_and_drops_scripts():
    html = (
        '<link rel="stylesheet" href="/static/css/print.css" media="print">'
        '<script type="module" src="/static/js/report_print.js"></script><p>kept</p>'
    )
    copied = pdf.local_copy(html)
    assert "<script" not in copied and "<p>kept</p>" in copied
    assert re.search(r'href="file:///[^"]+/static/css/print\.css" media="print"', copied)
