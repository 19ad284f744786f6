"""The load test's champions: two signed-in champions of places, writing as they do.

Imported by bench/load.py after locust. Each champion (a real account in the Champions
group, champion of one place: ``CHAMPIONS``) signs in through the sign-in form, then, as a
browser would:

- **checks** activities on the review queue: opens the queue (``/activities/review/``),
  then clicks "Checked today, still running" on its rows one after another, as htmx posts
  the row's form (its CSRF token, ``action=checked``, the ``HX-Request`` header) and
  swaps the row in place; the queue is opened again when its rows are used up;
- **edits an activity in the admin** (one time in four): opens the activity's change
  form, posts every field the form holds as a browser would (lxml reads the form: text,
  selects, ticked boxes, the hidden CSRF token and version), with a new note, and
  follows the redirect to the admin's list as the browser does.

Each write commits and asks for a recount job (``data_version.recount_request``), which
the job worker started beside gunicorn runs. Requests are named ``champion write: …``
(the writes, issue 30's target) and ``champion: …`` (the pages around them), so the
readers' figures can be told apart.
"""

import itertools
import re
from urllib.parse import urlencode

import lxml.html
from load_mix import CHAMPIONS, REVIEW_ROW
from load_users import CSRF_FIELD, SignedIn
from locust import task

CHECKED_TEXT = "Recorded: checked today, still running."
WRITE_CHECK = "champion write: checked"
WRITE_EDIT = "champion write: admin edit"


class Champion(SignedIn):
    """One of ``CHAMPIONS`` (each instance takes the next account)."""

    kind = "champion: "
    fixed_count = 2  # bench/load.py sets it from --champions
    accounts = itertools.count()

    def on_start(self):
        self.username = CHAMPIONS[next(self.accounts) % len(CHAMPIONS)][0]
        super().on_start()
        self.rows, self.token, self.edits = [], "", 0

    def queue(self):
        """Open the review queue: its rows (activity ids) and the page's CSRF token."""
        text = self.page("/activities/review/", "champion: review queue")
        self.rows = [int(pk) for pk in re.findall(REVIEW_ROW, text)]
        token = CSRF_FIELD.search(text)
        self.token = token.group(1) if token else ""
        self.rng.shuffle(self.rows)

    @task(3)
    def check(self):
        if not self.rows:
            self.queue()
            if not self.rows:
                return
        pk = self.rows.pop()
        with self.client.post(
            f"/activities/review/{pk}/",
            data={"csrfmiddlewaretoken": self.token, "page": "", "action": "checked"},
            headers={"HX-Request": "true", "HX-Target": f"review-{pk}"},
            name=WRITE_CHECK,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or CHECKED_TEXT not in (response.text or ""):
                response.failure(f"check of {pk} gave {response.status_code}")

    @task(1)
    def admin_edit(self):
        if not self.rows:
            self.queue()
            if not self.rows:
                return
        pk = self.rng.choice(self.rows)
        url = f"/admin/activities/activity/{pk}/change/"
        text = self.page(url, "champion: admin change form")
        if "activity_form" not in text:
            return
        form = lxml.html.fromstring(text).get_element_by_id("activity_form")
        self.edits += 1
        note = f"Phoned the organiser: still running (bench edit {self.edits})."
        fields = [(k, note if k == "notes" else v) for k, v in form.form_values()]
        fields.append(("_save", "Save"))
        with self.client.post(
            url,
            data=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name=WRITE_EDIT,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302:
                errors = lxml.html.fromstring(response.text or "<p></p>").find_class("errorlist")
                said = "; ".join(e.text_content().strip() for e in errors)[:200]
                response.failure(f"admin edit of {pk} gave {response.status_code}: {said}")
                return
        self.page(location, "champion: admin list after save")
