"""Every page, in Chromium at a phone's and a desktop's width: no serious or critical
accessibility failure (axe-core), no console error or Content-Security-Policy violation,
nothing scrolls sideways at 390 px, and ticking a filter leaves the page where it was. With SCREENSHOT_DIR=docs/screenshots the run
also saves the pictures the README and docs/ show.
"""

import re

import pytest
from playwright.sync_api import expect

from scoping.tests.browser_support import (
    DESKTOP,
    PHONE,
    screenshot,
    serious_violations,
    settled,
    sideways_overflow,
    sign_in,
)

# (screenshot name or None, path): the pages as the administrator sees them. Pages
# whose address holds an id are found by following the app's own links.
FIXED_PAGES = [
    ("home", "/"),
    ("directory", "/activities/"),
    ("directory-filtered", "/activities/?place=leeds&place=wakefield&sector=third_sector"),
    (None, "/activities/duplicates/"),
    ("region-report", "/reports/"),
    ("place-report", "/reports/leeds/"),
    ("interviews", "/interviews/"),
    ("participants", "/interviews/participants/"),
    (None, "/interviews/participants/new/"),
    ("codebook", "/interviews/themes/"),
    ("matrix", "/interviews/themes/matrix/"),
    (None, "/interviews/themes/co-occurrence/"),
    ("theme-merge", "/interviews/themes/merge/"),
    ("exchange", "/interviews/exchange/"),
    (None, "/admin/"),
    ("admin-activity-add", "/admin/activities/activity/add/"),
    (None, "/admin/activities/organisation/add/"),
    (None, "/admin/interviews/interview/add/"),
    (None, "/admin/interviews/consent/add/"),
    (None, "/admin/interviews/participant/add/"),
    ("import-upload", "/admin/activities/importrun/upload/"),
    # Long work started from the admin as jobs.
    (None, "/admin/reports/snapshot/take/"),
    (None, "/admin/reports/interviewrelease/"),
    (None, "/admin/reports/interviewrelease/run/"),
    (None, "/admin/scoping/databasebackup/"),
]


def linked_pages(page):
    """The pages with an id in their address, found through the app's own links."""
    interview = re.search(r"/interviews/\d+/", _html(page, "/interviews/")).group()
    page.goto(interview)
    excerpt = page.locator("a[href*='/excerpts/'][href$='/edit/']").first.get_attribute("href")
    identity = re.search(r"/interviews/participants/\d+/", _html(page, "/interviews/")).group()
    steps = [f"{identity}{step}/" for step in ("progress", "identity", "consent", "interview")]
    page.goto(interview)
    delete = page.locator("a[href*='/excerpts/'][href$='/delete/']").first.get_attribute("href")
    theme = re.search(r"/interviews/themes/\d+/", _html(page, "/interviews/themes/")).group()
    activity = re.search(r"/activities/\d+/", _html(page, "/activities/")).group()
    changes = {
        model: re.search(rf"/admin/{model}/\d+/change/", _html(page, f"/admin/{model}/")).group()
        for model in ("activities/activity", "activities/organisation", "interviews/interview")
    }
    return [
        ("activity", activity),
        ("transcript", interview),
        (None, excerpt),
        (None, identity),
        *[(None, step) for step in steps],
        (None, delete),
        (None, f"{interview}agreement/"),
        ("theme", theme),
        *[(None, path) for path in changes.values()],
    ]


def by_axe(message):
    """Whether a console message is axe-core's own (the test's tool, not the app: a few of
    its checks set a style attribute, which the app's CSP blocks and reports)."""
    return message.location.get("url", "").endswith("axe.min.js")


def _html(page, path):
    page.goto(path)
    return page.content()


def test_every_page_has_no_serious_accessibility_failure_and_fits_a_phone(browser, server):
    """Also: no page logs a console error or a Content-Security-Policy violation."""
    desktop = sign_in(browser, server, viewport=DESKTOP)
    phone = sign_in(browser, server, viewport=PHONE)
    problems = []
    for page in (desktop, phone):
        page.on(
            "console", lambda m: m.type == "error" and not by_axe(m) and problems.append(m.text)
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
    pages = FIXED_PAGES + linked_pages(desktop)
    failures, too_wide = {}, {}
    for name, path in pages:
        for page in (desktop, phone):
            response = page.goto(path)
            assert response.status == 200, path
            settled(page)
            assert problems == [], (path, page.viewport_size["width"], problems)
            if page is desktop:
                found = serious_violations(page)
                if found:
                    failures[path] = found
            else:
                overflow = sideways_overflow(page)
                if overflow > 0:
                    too_wide[path] = overflow
            if name:
                screenshot(page, name)
    assert failures == {}, "\n".join(f"{path}: {found}" for path, found in failures.items())
    assert too_wide == {}, too_wide
    desktop.context.close()
    phone.context.close()


def test_the_sign_in_page_is_accessible_and_fits_a_phone(browser, server):
    context = browser.new_context(base_url=server[0], viewport=PHONE)
    context.add_init_script(
        path=str(__import__("pathlib").Path(__file__).parent / "assets" / "axe.min.js")
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    assert serious_violations(page) == []
    assert sideways_overflow(page) == 0
    screenshot(page, "sign-in")
    context.close()


IN_VIEW = """() => {
    // The id of a filter's tick box whose label is in the middle of the window and
    // whose count would change the results (more than none, fewer than all).
    const total = parseInt(document.getElementById("filter-match-count").textContent);
    const boxes = [...document.querySelectorAll("#directory-filter input[type=checkbox]")];
    const middle = boxes.find((box) => {
        const label = box.labels[0];
        const top = label.getBoundingClientRect().top;
        const count = parseInt(label.querySelector(".psd-facet__count").textContent.slice(1));
        return top > 200 && top < window.innerHeight - 200 && !box.checked
            && count > 0 && count < total;
    });
    return middle.id;
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_ticking_a_filter_leaves_the_page_where_it_was(browser, server, viewport):
    """Scrolled 400 px down, ticking a box keeps the box where it was, and the count updates."""
    page = sign_in(browser, server, viewport=viewport)
    page.goto("/activities/")
    settled(page)
    if viewport is PHONE:
        # The filters open over the results; their panel scrolls, not the page.
        page.get_by_role("button", name="Filter", exact=True).click()
        scroller = ".moj-filter-layout__filter"
        page.eval_on_selector(scroller, "e => e.scrollTo(0, 400)")
        position = lambda: page.eval_on_selector(scroller, "e => e.scrollTop")  # noqa: E731
    else:
        page.evaluate("window.scrollTo(0, 400)")
        position = lambda: page.evaluate("window.scrollY")  # noqa: E731
    page.wait_for_timeout(100)
    assert position() == 400
    screenshot(page, "directory-filter-open" if viewport is PHONE else "directory-scrolled")
    everything = page.locator("#filter-match-count").inner_text()
    box = page.locator("#" + page.evaluate(IN_VIEW))
    top = box.evaluate("b => b.labels[0].getBoundingClientRect().top")
    box.evaluate("b => b.labels[0].click()")  # where the user taps: no scrolling first
    expect(page.locator("#filter-match-count")).not_to_have_text(everything)
    page.wait_for_timeout(300)
    assert position() == 400
    box = page.locator("#" + box.get_attribute("id"))
    assert box.is_checked()
    assert box.evaluate("b => b.labels[0].getBoundingClientRect().top") == top
    assert "scoped_from" not in page.url and "q=" not in page.url
    page.context.close()
