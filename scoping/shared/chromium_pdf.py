"""A page as a PDF: the page's own HTML, printed by headless Chromium with its print
stylesheet (``static/css/print.css``), so the download is the same layout as printing the
page from a browser. The report pages (``reports.figures.views``) and the signed consent
form (``interviews.consent_forms``) use it.

Chromium's documented ``--headless --print-to-pdf`` prints a local copy of the page: its
stylesheets pointed at the static files on disk, its scripts left out (print.css opens
every section without them), no network needed. One PDF is made at a time and none takes
longer than ``TIMEOUT`` seconds; when Chromium is missing, busy or too slow the caller
says so and points to the browser's own Print, which gives the same PDF.
"""

import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

TIMEOUT = 20  # seconds: a reader waits no longer than this for a PDF
_one_at_a_time = threading.BoundedSemaphore(1)
_STATIC = re.compile(
    r'(href|src)="' + re.escape("/" + settings.STATIC_URL.lstrip("/")) + r'([^"?#]+)'
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


class PdfUnavailable(Exception):
    """No PDF now: the message says why, for the reader."""


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def static_file(name):
    """The file on disk behind a static URL's path: collected (hashed) or in static/."""
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def local_copy(html):
    """``html`` with its static files as file:// addresses and no scripts."""

    def pointed(match):
        path = static_file(match.group(2))
        return f'{match.group(1)}="{path.as_uri()}' if path else match.group(0)

    return _STATIC.sub(pointed, _SCRIPT.sub("", html))


def pdf_bytes(html):
    """The PDF of a page whose HTML is ``html``; PdfUnavailable when it cannot be made now."""
    program = chromium()
    if program is None:
        raise PdfUnavailable("This server cannot make PDFs (Chromium is not installed).")
    if not _one_at_a_time.acquire(blocking=False):
        raise PdfUnavailable("Another PDF is being made. Try again in a minute.")
    try:
        with tempfile.TemporaryDirectory(prefix="psd-pdf-") as folder:
            page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
            page.write_text(local_copy(html), encoding="utf-8")
            command = [
                program,
                "--headless",
                "--no-sandbox",  # the server may run as root, where the sandbox cannot start
                "--disable-gpu",
                "--no-pdf-header-footer",
                "--disable-extensions",
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ]
            try:
                subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
            except subprocess.TimeoutExpired as error:
                raise PdfUnavailable("Making the PDF took too long.") from error
            if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
                raise PdfUnavailable("Chromium could not make the PDF.")
            return pdf.read_bytes()
    finally:
        _one_at_a_time.release()
