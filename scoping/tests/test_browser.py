"""The app as served, in a real browser: Debian's Chromium driven by Playwright.

The server and browser are shared with the other browser tests (browser_support.py).
Checked: signing in through the form, and the directory's filters both with JavaScript
(htmx swaps the results in place and updates the address) and without it (the form
submits). That no page logs a console error or a Content-Security-Policy violation is
checked on every page, by test_browser_pages.py's sweep.
"""

import re

import pytest
from playwright.sync_api import expect

from scoping.tests.browser_support import chromium, served_app, shared, sign_in


def signed_in(browser, server, *, javascript=True):
    """A page of a new browser context, signed in as the admin through the sign-in form."""
    page = sign_in(browser, server, javascript=javascript)
    page.goto("/activities/")
    return page


def match_count(page):
    return int(re.match(r"\d+", page.locator("#match-count").inner_text()).group())


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
