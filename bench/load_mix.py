"""The pages and filters the load test asks for (bench/load.py, bench/page_costs.py).

Kept apart from bench/load.py, which imports locust (and so patches the standard
library with gevent) before anything else.
"""

import secrets
from urllib.parse import urlencode

PASSWORD = "bench-only-password-7f3a"  # for the bench database's made-up users only

PLACES = ["leeds", "bradford-craven", "wakefield", "kirklees", "calderdale"]
PLACES += ["harrogate-rural-district"]
SECTORS = ["third_sector", "community", "nhs", "local_authority", "partnership_nhs", "other"]
FOCUS = ["mental_health", "non_mental_health"]
DELIVERY = ["support_group", "activity_group", "one_to_one", "course_workshop", "drop_in"]
FUNDING = ["statutory", "non_statutory", "unfunded", "unknown"]
EXPERIENCES = [
    "general-mental-health", "anxiety", "depression", "carers", "older-people",
    "young-people", "loneliness-and-isolation", "lgbtqi", "bereavement-incl-suicide",
]  # fmt: skip
WORDS = ["walk", "peer", "support", "group", "cafe", "art", "recovery", "men", "garden"]
WORDS += ["talk", "carers", "music", "women", "craft", "hearing voices", "drop in"]
REPORT_TABLES = ["sector", "main_focus", "delivery_model"]
# The champions who write (username, the place they champion): bench/load.py makes the
# accounts; bench/load_champions.py and bench/champion_costs.py sign in as them.
CHAMPIONS = [("bench-champion-1", "leeds"), ("bench-champion-2", "wakefield")]
REVIEW_ROW = r'id="review-(\d+)"'  # a row of the review queue, by its activity's id


def directory_query(rng, filters):
    """A directory query string with ``filters`` random filters."""
    choices = [
        ("place", PLACES),
        ("sector", SECTORS),
        ("main_focus", FOCUS),
        ("delivery_model", DELIVERY),
        ("funding_type", FUNDING),
        ("shared_experience", EXPERIENCES),
    ]
    picked = rng.sample(choices, filters)
    return urlencode([(name, rng.choice(values)) for name, values in picked])


def production_settings(cache_url, allowed_host):
    """The environment variables of the app in production mode on loopback
    (bench/serve_settings.py), as the load test serves it and page_costs runs it;
    DATABASE_URL apart."""
    settings = {
        "DJANGO_SETTINGS_MODULE": "serve_settings",
        "DJANGO_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": allowed_host,
        "LOG_LEVEL": "WARNING",
    }
    if cache_url:
        settings["CACHE_URL"] = cache_url
    return settings
