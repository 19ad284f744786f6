"""What the browser tests share: a served app, Debian's Chromium, a user per role,
axe-core and the page-width check.

The server is ``manage.py runserver`` on a scratch SQLite database set up by
``setup_local``, exactly as ``make run`` does, so nothing here shares the test
database; one server serves every browser test of a run. Playwright never
downloads a browser: it starts the system's Chromium. Without one these tests
are skipped on a developer's machine and fail in CI, which installs it.
axe-core is vendored (``assets/axe.min.js``, from npm by ``make css``), never
fetched while testing.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import expect, sync_playwright

from scoping.tests.scratch_databases import manage

CHROMIUM = shutil.which("chromium")
AXE = Path(__file__).parent / "assets" / "axe.min.js"
ROLE_PASSWORD = "browser-test-password-42"
# username: (group, staff?)
ROLE_USERS = {
    "champion": ("Champions", True),
    "analyst": ("Analysts", False),
    "commissioner": ("Commissioners", False),
    "interviewer": ("Interview team", True),
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SERIOUS = ("serious", "critical")

_MAKE_USERS = f"""
from django.contrib.auth.models import Group, User
for name, (group, staff) in {ROLE_USERS!r}.items():
    user = User.objects.create_user(name, password={ROLE_PASSWORD!r}, is_staff=staff)
    user.groups.add(Group.objects.get(name=group))
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_SHARED = {}


def shared(name, start, request):
    """One server and one browser per test run, whichever module's fixture asks first.

    Browser tests elsewhere import the fixtures of test_browser.py into their module;
    each such fixture gets the same instance, and the first one closes it at the end.
    """
    if name not in _SHARED:
        generator = start()
        _SHARED[name] = next(generator)

        def close():
            _SHARED.pop(name, None)
            next(generator, None)

        request.addfinalizer(close)  # the asking fixture is session-scoped
    return _SHARED[name]


def served_app(tmp_path_factory, request=None):
    """Yield (base URL, admin password, database URL) of a freshly set-up local server.

    On a SQLite run its database starts as a copy of the run's prepared one (migrated,
    with the reference data: ``scratch_databases``); otherwise it is migrated here."""
    path = tmp_path_factory.mktemp("browser") / "db.sqlite3"
    url = f"sqlite:///{path}"
    if request is not None and connection.vendor == "sqlite":
        shutil.copyfile(request.getfixturevalue("prepared_template"), path)
    else:
        manage(url, "migrate", "--noinput", "-v0")
    password = re.search(r"password: (\S+)", manage(url, "setup_local").stdout).group(1)
    manage(url, "shell", "-c", _MAKE_USERS)
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
        yield f"http://127.0.0.1:{port}", password, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def chromium():
    """Yield Debian's Chromium, driven by Playwright."""
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


def sign_in(browser, server, username="admin", *, javascript=True, viewport=None, **context):
    """A page of a new browser context, signed in through the sign-in form."""
    base, admin_password, _ = server
    context = browser.new_context(
        base_url=base, java_script_enabled=javascript, viewport=viewport or DESKTOP, **context
    )
    context.add_init_script(path=str(AXE))  # axe runs via the test driver, not the page's CSP
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", admin_password if username == "admin" else ROLE_PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def settled(page):
    """Wait until a loaded page's htmx requests (those its markup starts on load) are done.

    Cheaper than Playwright's "networkidle", which always waits a further half second
    (some 40 s over the page sweeps) and never settles on a page that polls (a job's)."""
    page.wait_for_function(
        "() => document.readyState === 'complete' && !document.querySelector('.htmx-request')"
    )


def serious_violations(page):
    """axe-core's serious and critical violations on the page, and any content outside a
    landmark (the "region" rule, moderate in axe's terms): [(rule, [targets])]."""
    found = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({id: v.id, impact: v.impact,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return [(v["id"], v["targets"]) for v in found if v["impact"] in SERIOUS or v["id"] == "region"]


def sideways_overflow(page):
    """How many pixels wider than the window the page is (0: it does not scroll sideways)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def screenshot(page, name):
    """With SCREENSHOT_DIR set (docs/screenshots, for the docs), keep a picture of the page."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        width = page.viewport_size["width"]
        path = Path(settings.BASE_DIR) / folder / f"{name}-{width}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=False)
