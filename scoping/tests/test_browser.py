"""The app as served, in a real browser: Debian's Chromium driven by Playwright.

The server is ``manage.py runserver`` on a scratch SQLite database set up by
``setup_local``, exactly as ``make run`` does, so nothing here shares the test
database. Checked: signing in through the form, no Content-Security-Policy
violation (or any other console error) on the main pages, and the directory's
filters both with JavaScript (htmx swaps the results in place and updates the
address) and without it (the form submits). Playwright never downloads a browser
here: it starts the system's Chromium. Without one these tests are skipped on a
developer's machine and fail in CI, which installs it.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from playwright.sync_api import expect, sync_playwright

from .test_backups import manage

CHROMIUM = shutil.which("chromium")
PAGES = [
    "/",
    "/activities/",
    "/activities/?place=leeds&sector=third_sector",
    "/reports/",
    "/reports/leeds/",
    "/admin/activities/activity/add/",
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(base URL, admin password) of a freshly set-up local server."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'db.sqlite3'}"
    manage(url, "migrate", "--noinput", "-v0")
    password = re.search(r"password: (\S+)", manage(url, "setup_local").stdout).group(1)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", password
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "Chromium is not installed: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it (.ci/run), so there it must run
        pytest.skip(message)  # a newcomer's `make test` needs only Python
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def signed_in(browser, server, *, javascript=True):
    """A page of a new browser context, signed in as the admin through the sign-in form."""
    base, password = server
    context = browser.new_context(base_url=base, java_script_enabled=javascript)
    page = context.new_page()
    page.goto("/activities/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    expect(page).to_have_url(re.compile(r"/activities/$"))
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
        page.wait_for_load_state("networkidle")
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
