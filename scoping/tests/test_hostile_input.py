"""Random and hostile input never breaks a page, is never half-stored, and is escaped.

Each form and filter gets at least 200 generated examples.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.models import Activity, Alias, Organisation, Place, SharedExperience

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE activities_activity; --",
    "1 OR 1=1",
    '=HYPERLINK("http://evil")',
    "\x00",
    "\u202e\u0000\ufeff",
    "../../etc/passwd",
    "%00%0d%0a",
    "{{ 7*7 }}",
    "😀" * 50,
    "x" * 5000,
    "-1",
    "99999999999999999999999",
    "",
    " ",
    "[]",
    "null",
]
texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=1200),
    st.integers().map(str),
)
RUN = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OK = {200, 302}
SCRIPT = "<script>alert(1)</script>"
# A value is a string, or several where the form expects one ("wrong types").
values = st.one_of(texts, st.lists(texts, min_size=2, max_size=3))


def assert_escaped(page):
    """No stored hostile markup reaches a page unescaped."""
    assert SCRIPT not in page
    assert "<img src=x onerror" not in page


def valid_activity():
    return {
        "name": "Beeston Walk",
        "organisation": "",
        "place": str(Place.objects.get(slug="leeds").pk),
        "sector": "third_sector",
        "main_focus": "mental_health",
        "shared_experiences": [str(SharedExperience.objects.get(slug="anxiety").pk)],
        "delivery_model": "activity_group",
        "funding_type": "unknown",
        "online": "unknown",
        "self_described_peer_support": "unknown",
        "status": "active",
        "date_scoped": "",
        "website": "",
        "venue": "",
        "contact": "",
        "scoped_by_name": "",
        "notes": "",
        "last_verified": "",
    }


FIELDS = [
    "name",
    "organisation",
    "place",
    "sector",
    "main_focus",
    "shared_experiences",
    "delivery_model",
    "funding_type",
    "online",
    "self_described_peer_support",
    "status",
    "date_scoped",
    "website",
    "venue",
    "contact",
    "scoped_by_name",
    "notes",
    "last_verified",
]


@RUN
@given(field=st.sampled_from(FIELDS), value=texts, other=st.sampled_from(FIELDS), value2=texts)
def test_the_activity_form_survives_anything(client_for, superuser, field, value, other, value2):
    client = client_for(superuser)
    with transaction.atomic():
        before = Activity.objects.count()
        data = valid_activity()
        data[field] = value
        data[other] = value2
        response = client.post("/admin/activities/activity/add/", data)
        assert response.status_code in OK
        if response.status_code == 200:
            assert Activity.objects.count() == before
        else:
            stored = Activity.objects.latest("pk")
            page = client.get("/admin/activities/activity/").content.decode()
            assert "<script>alert(1)</script>" not in page
            assert "<img src=x onerror" not in page
            assert stored.name  # a name is always required
        transaction.set_rollback(True)


@RUN
@given(name=texts, website=texts, notes=texts)
def test_the_organisation_form_survives_anything(client_for, superuser, name, website, notes):
    client = client_for(superuser)
    with transaction.atomic():
        before = Organisation.objects.count()
        response = client.post(
            "/admin/activities/organisation/add/",
            {"name": name, "website": website, "notes": notes},
        )
        assert response.status_code in OK
        if response.status_code == 200:
            assert Organisation.objects.count() == before
        transaction.set_rollback(True)


@RUN
@given(
    spelling=texts, means=st.one_of(texts, st.sampled_from(["sector:nhs", "place:leeds", "x:y"]))
)
def test_the_alias_form_survives_anything(client_for, superuser, spelling, means):
    client = client_for(superuser)
    with transaction.atomic():
        before = Alias.objects.count()
        response = client.post(
            "/admin/activities/alias/add/", {"spelling": spelling, "means": means}
        )
        assert response.status_code in OK
        if response.status_code == 200:
            assert Alias.objects.count() == before
        transaction.set_rollback(True)


@RUN
@given(username=texts, password=texts)
def test_the_login_form_survives_anything(client, username, password):
    with transaction.atomic():
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code in {200, 429}
        assert "<script>alert(1)</script>" not in response.content.decode()
        transaction.set_rollback(True)


ADMIN_FILTERS = [
    "place__id__exact",
    "sector",
    "status",
    "shared_experiences__id__exact",
    "q",
    "o",
    "p",
]


@RUN
@given(key=st.sampled_from(ADMIN_FILTERS), value=texts)
def test_the_admin_list_filters_survive_anything(client_for, champion, key, value):
    response = client_for(champion).get("/admin/activities/activity/", {key: value})
    assert response.status_code in {200, 302, 400}


DIRECTORY_PARAMS = [
    "place",
    "sector",
    "main_focus",
    "delivery_model",
    "funding_type",
    "shared_experience",
    "status",
    "online",
    "self_described",
    "scoped_from",
    "scoped_to",
    "q",
    "order",
    "page",
    "per_page",
]


@RUN
@given(params=st.lists(st.tuples(st.sampled_from(DIRECTORY_PARAMS), texts), min_size=1, max_size=4))
def test_the_directory_filters_survive_anything(client_for, analyst, params):
    client = client_for(analyst)
    for path in ("/activities/", "/activities/export.csv"):
        response = client.get(path, params)
        assert response.status_code in {200, 302, 400}, path
        if path == "/activities/":
            assert "<script>alert(1)</script>" not in response.content.decode()


REPORT_PARAMS = ["status", "scoped_from", "scoped_to"]


@RUN
@given(
    params=st.lists(st.tuples(st.sampled_from(REPORT_PARAMS), texts), min_size=1, max_size=3),
    place=st.sampled_from(["", "leeds/", "calderdale/"]),
)
def test_the_report_options_survive_anything(client_for, commissioner, params, place):
    response = client_for(commissioner).get(f"/reports/{place}", params)
    assert response.status_code in {200, 400}
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_stored_hostile_text_is_escaped_on_every_page(client_for, superuser):
    from activities.tests.factories import make_activity

    script = "<script>alert(1)</script>"
    activity = make_activity(script, organisation=script, venue=script, notes=script)
    client = client_for(superuser)
    for url in (
        "/activities/",
        f"/activities/?q={script}",
        f"/activities/{activity.pk}/",
        "/admin/activities/activity/",
        f"/admin/activities/activity/{activity.pk}/change/",
        f"/admin/activities/activity/{activity.pk}/history/",
        "/reports/leeds/",
    ):
        page = client.get(url).content.decode()
        assert script not in page, url
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(f"/activities/{activity.pk}/").content.decode()
    )


def test_an_overlong_username_is_refused_before_any_lookup(client, superuser):
    for url in ("/accounts/login/", "/admin/login/"):
        response = client.post(url, {"username": "x" * 300, "password": "whatever"})
        assert response.status_code == 200
        assert "A username has at most 150 characters." in response.content.decode()
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()


def test_a_nul_character_in_the_address_is_refused_plainly(client_for, champion):
    client = client_for(champion)
    for url in ("/activities/", "/admin/activities/activity/", "/reports/"):
        response = client.get(url, {"q": "a\x00b"})
        assert response.status_code == 400
        assert "NUL character" in response.content.decode()
