"""The hostile-input harness every ``test_hostile_*`` module uses.

Random and hostile values, the hypothesis settings those tests run under, and the
checks they share: never a 500, nothing stored by a refused form, and nothing
hostile reaching a page unescaped.

How many examples each test runs is the hypothesis profile's business (the root
conftest: a few locally, more in CI), not a test's; a test that has found a bug runs
under ``FOUND_BUGS`` instead of ``RUN``, which gives it 60 in CI's thorough pass.
"""

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = [
    SCRIPT,
    IMG,
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
# A few of them for parametrized tests, where each value is a test of its own.
HOSTILE_SAMPLE = [
    SCRIPT,
    '=HYPERLINK("http://evil")',
    "\x00",
    "😀" * 50,
    "x" * 5000,
    "99999999999999999999999",
    "",
    "abc",
]

texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=1200),
    st.integers().map(str),
)
# A value is a string, or several where the form expects one ("wrong types").
values = st.one_of(texts, st.lists(texts, min_size=2, max_size=3))
# What a relation field may be sent: anything, and ids no database integer holds.
ids = st.one_of(texts, st.integers().map(str), st.sampled_from(["1", "²", "-9223372036854775809"]))

# Every request is a whole page render, so there is no deadline; the fixtures are
# function-scoped on purpose (each example rolls its own writes back).
RUN = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# A test that has found a bug keeps CI's thorough count (its PostgreSQL pass, the "ci"
# profile the root conftest loads there); name the commits beside it.
THOROUGH = settings.get_current_profile_name() == "ci"
FOUND_BUGS = settings(RUN, max_examples=50 if THOROUGH else RUN.max_examples)
OK = {200, 302}  # a form error, or saved and redirected


def assert_escaped(page):
    """No hostile markup reaches a page unescaped."""
    assert SCRIPT not in page
    assert "<img src=x onerror" not in page


def snapshot(model):
    """Every row of a table, to compare before and after a refused request."""
    return sorted(model.objects.values_list(), key=repr)


def form_data(valid, fields):
    """Any subset of the form's fields replaced by generated values, the rest valid."""
    return st.dictionaries(st.sampled_from(fields), values, max_size=len(fields)).map(
        lambda hostile: {**valid, **hostile}
    )


def post_and_check(client, url, data, model, pages=()):
    """Post a form inside a transaction that is rolled back afterwards.

    Never a 500: a form error (200) leaves ``model``'s table as it was and shows
    the input escaped; a save (302) shows escaped on ``pages``, a list or a
    function of the latest row.
    """
    with transaction.atomic():
        before = snapshot(model)
        response = client.post(url, data)
        assert response.status_code in OK, response.status_code
        if response.status_code == 200:
            assert snapshot(model) == before
            assert_escaped(response.content.decode())
        else:
            for page in pages(model.objects.latest("pk")) if callable(pages) else pages:
                assert_escaped(client.get(page).content.decode())
        transaction.set_rollback(True)
    return response


def assert_survives(response, ok=OK):
    """An answer in ``ok`` (never a 500) with nothing hostile unescaped in it."""
    assert response.status_code in ok, response.status_code
    assert_escaped(response.content.decode())
