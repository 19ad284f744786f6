"""The app as served, in a real browser: Debian's Chromium driven by Playwright.

The server and browser are shared with the other browser tests (browser_support.py). Checked: signing in through the form, no Content-Security-Policy
violation (or any other console error) on the main pages, and the directory's
filters both with JavaScript (htmx swaps the results in place and updates the
address) and without it (the form submits).
"""

import re

import pytest
from playwright.sync_api import expect

from scoping.tests.browser_support import chromium, served_app, settled, shared, sign_in

PAGES = [
    "/",
    "/activities/",
    "/activities/?place=leeds&sector=third_sector",
    "/reports/",
    "/reports/leeds/",
    "/admin/activities/activity/add/",
]


def signed_in(browser, server, *, javascript=True):
    """A page of a new browser context, signed in as the admin through the sign-in form."""
    page = sign_in(browser, server, javascript=javascript)
    page.goto("/activities/")
    return page


def match_count(page):
    return int(re.match(r"\d+", page.locator("#match-count").inner_text()).group())


def test_the_main_pages_load_with_no_console_error_or_csp_violation(browser, server):
    page = signed_in(browser, server)
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    for path in PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        settled(page)
        assert problems == [], (path, problems)
    page.context.close()


def test_ticking_a_filter_updates_the_results_in_place(browser, server):
    page = signed_in(browser, server)
    everything = match_count(page)
    page.evaluate("window.psdNotReloaded = true")
    page.get_by_label(re.compile(r"^Leeds")).check()
    expect(page).to_have_url(re.compile(r"place=leeds"))
    expect(page.locator("#match-count")).not_to_have_text(re.compile(rf"^{everything} "))
    leeds = match_count(page)
    assert 0 < leeds < everything
    assert page.evaluate("window.psdNotReloaded") is True  # swapped in, not a new page
    expect(page.get_by_role("link", name=re.compile("Place: Leeds"))).to_be_visible()
    page.context.close()


def test_the_filters_work_without_javascript(browser, server):
    page = signed_in(browser, server, javascript=False)
    everything = match_count(page)
    page.get_by_label(re.compile(r"^Leeds")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"place=leeds"))
    leeds = match_count(page)
    assert 0 < leeds < everything
    with_js = signed_in(browser, server)
    with_js.goto("/activities/?place=leeds")
    assert match_count(with_js) == leeds
    page.context.close()
    with_js.context.close()


# Modules elsewhere import ``browser`` and ``server`` from here: the same instances as
# scoping/tests/conftest.py's, so one server and one Chromium serve every browser test.
@pytest.fixture(scope="session")
def server(request, tmp_path_factory):
    return shared("server", lambda: served_app(tmp_path_factory, request), request)


@pytest.fixture(scope="session")
def browser(request, django_db_setup):
    # The suite's database is set up first (the server's is a copy of it): not from
    # inside Playwright's event loop, where Django refuses database work.
    return shared("browser", chromium, request)
