"""The load test's readers: analysts and commissioners signed in through the real form.

Imported by bench/load.py after locust (which patches the standard library with gevent).
Each user signs in first (``SignedIn``), then picks pages by the weights below, waiting
1–3 s between them (a person reading a page, not a robot). The champions, who write,
are in bench/load_champions.py.
"""

import random
import re
from urllib.parse import urlencode

from load_mix import PASSWORD, PLACES, REPORT_TABLES, WORDS, directory_query
from locust import FastHttpUser, between, task

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SignedIn(FastHttpUser):
    """A user who signs in through the sign-in form (its CSRF token, the real hasher)."""

    abstract = True
    wait_time = between(1, 3)  # a person reading a page, not a robot
    username = ""
    kind = ""  # put before the names of this user's requests ("champion: "); readers none

    def on_start(self):
        self.rng = random.Random()
        page = self.client.get("/accounts/login/", name=f"{self.kind}sign-in page").text
        token = CSRF_FIELD.search(page).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name=f"{self.kind}sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in gave {response.status_code}")

    def page(self, url, name):
        """GET ``url``; anything but 200 is a failure. The page's text."""
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
            return response.text or ""


class Reader(SignedIn):
    """What analysts and commissioners both read: the directory and the reports."""

    abstract = True
    ids = (1, 1)  # the activities' first and last id (bench/load.py sets them)

    @task(4)
    def directory_filters(self):
        query = directory_query(self.rng, self.rng.randint(1, 3))
        self.page(f"/activities/?{query}", "directory with filters")

    @task(1)
    def directory_unfiltered(self):
        self.page(f"/activities/?page={self.rng.randint(1, 20)}", "directory pages")

    @task(2)
    def region_report(self):
        self.page("/reports/", "report: region")

    @task(2)
    def place_report(self):
        self.page(f"/reports/{self.rng.choice(PLACES)}/", "report: place")


class Analyst(Reader):
    username = "bench-analyst"

    @task(3)
    def search(self):
        query = urlencode({"q": self.rng.choice(WORDS)})
        if self.rng.random() < 0.5:
            query += "&" + directory_query(self.rng, 1)
        self.page(f"/activities/?{query}", "search")

    @task(3)
    def detail(self):
        self.page(f"/activities/{self.rng.randint(*self.ids)}/", "activity detail")

    @task(1)
    def export(self):
        """A CSV export; one of more than 5,000 rows is a job (issue 30): the analyst is
        sent to its page, which is opened as the browser would."""
        url = f"/activities/export.csv?{directory_query(self.rng, 3)}"
        with self.client.get(
            url, name="export csv (3 filters)", allow_redirects=False, catch_response=True
        ) as response:
            job = response.headers.get("Location", "") if response.status_code == 302 else ""
            if response.status_code != 200 and "/jobs/" not in job:
                response.failure(f"{response.status_code} for {url}")
        if "/jobs/" in job:
            self.page(job, "export job page")


class Commissioner(Reader):
    username = "bench-commissioner"

    @task(1)
    def report_table(self):
        place = self.rng.choice(["", *(f"{p}/" for p in PLACES)])
        self.page(f"/reports/{place}{self.rng.choice(REPORT_TABLES)}.csv", "report table csv")
