"""The report pages in Chromium, on a screen and on paper: the summary comes first and
fits one laptop screen (1280 × 800), the sections open and close, no serious axe failure
at 1280 and 390 px, the print button prints, and Chromium's PDF of each page (print
stylesheet, every section open, no header, menu, Sign out or buttons) is at most 6 A4
pages for the region and 4 for a place. On the demo data, as ``make run`` serves it.
"""

import re

import pytest
from playwright.sync_api import expect

from reports.figures.tests.test_layout import PAGES
from scoping.tests.browser_support import (
    DESKTOP,
    PHONE,
    serious_violations,
    sideways_overflow,
    sign_in,
)

LAPTOP = {"width": 1280, "height": 800}
A4_PAGES = {"/reports/": 6}  # a place's: 4


def pdf_pages(pdf):
    """How many pages a PDF has: its page objects (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture(scope="module")
def laptop(browser, server):
    page = sign_in(browser, server, viewport=LAPTOP)
    yield page
    page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_summary_comes_first_and_fits_a_laptop_screen(laptop, path):
    laptop.goto(path)
    summary = laptop.locator("#summary")
    expect(summary).to_be_visible()
    box = summary.bounding_box()
    assert box["height"] <= LAPTOP["height"], (path, box["height"])
    # Above it only the title, the print and download links and the places' links.
    first_section = laptop.locator(".govuk-accordion__section").first.bounding_box()
    assert box["y"] < first_section["y"]
    assert box["y"] < laptop.locator("h1").bounding_box()["y"] + 200
    # The headline sentence leads it, and its one chart is in view beside the highlights.
    expect(summary.locator("#headline-sentence")).to_be_visible()
    assert summary.locator("#headline-sentence").bounding_box()["y"] < box["y"] + 40
    chart = summary.locator(".psd-map, .psd-glance__chart")
    expect(chart).to_have_count(1)
    assert chart.bounding_box()["y"] < box["y"] + box["height"]
    # The sections start closed, and open.
    content = laptop.locator("#sections-content-1")
    expect(content).to_be_hidden()
    laptop.locator("#heading-glance").click()
    expect(content).to_be_visible()


def test_the_maps_places_lead_to_their_pages(laptop):
    laptop.goto("/reports/")
    links = laptop.locator("a.psd-map__link")
    expect(links).to_have_count(6)
    leeds = laptop.get_by_role("link", name=re.compile(r"^Leeds: [\d.]+ activities per 100,000"))
    leeds.click()
    expect(laptop).to_have_url(re.compile(r"/reports/leeds/$"))
    expect(laptop.locator("h1")).to_have_text("Peer support in Leeds")


def test_the_print_button_prints_and_needs_javascript(browser, server):
    page = sign_in(browser, server)
    page.goto("/reports/leeds/")
    page.evaluate("window.print = () => { window.psdPrinted = true; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.psdPrinted") is True
    page.context.close()
    without = sign_in(browser, server, javascript=False)
    without.goto("/reports/leeds/")
    expect(without.locator("#print-button")).to_be_hidden()
    # Without JavaScript every section is open, and the page says how to keep a PDF.
    expect(without.locator("#sections-content-1")).to_be_visible()
    expect(without.locator("#print-help")).to_contain_text("Save as PDF")
    without.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_printed_page_is_short_and_has_no_navigation_or_buttons(laptop, path):
    laptop.goto(path)
    laptop.emulate_media(media="print")
    try:
        for hidden in [
            ".govuk-header",
            ".psd-signout",
            ".psd-places-nav",
            ".psd-contents",
            "#print-button",
            ".psd-report-options",
            ".govuk-accordion__controls",
        ]:
            expect(laptop.locator(hidden).first).to_be_hidden()
        # Every section open on paper, though closed on the screen.
        for content in laptop.locator(".govuk-accordion__section-content").all():
            expect(content).to_be_visible()
        pages = pdf_pages(laptop.pdf(format="A4", prefer_css_page_size=True))
    finally:
        laptop.emulate_media(media="screen")
    assert 1 <= pages <= A4_PAGES.get(path, 4), (path, pages)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_report_pages_pass_axe_closed_and_open(browser, server, viewport):
    page = sign_in(browser, server, viewport=viewport)
    for path in PAGES:
        page.goto(path)
        assert serious_violations(page) == [], (path, viewport["width"])
        page.locator(".govuk-accordion__show-all").click()
        page.locator(".psd-highlight__summary").first.click()
        assert serious_violations(page) == [], (path, viewport["width"], "opened")
        assert sideways_overflow(page) == 0, (path, viewport["width"])
    page.context.close()


@pytest.mark.parametrize("path", ["/reports/", "/reports/leeds/", "/reports/wakefield/"])
def test_the_pdf_download_is_the_print_layout(laptop, path):
    """The server's PDF (headless Chromium printing the page's own HTML) keeps to the
    same page limits."""
    laptop.goto(path)
    link = laptop.locator("#pdf-link")
    response = laptop.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    assert 1 <= pdf_pages(body) <= A4_PAGES.get(path, 4), (path, pdf_pages(body))
