"""Random and hostile input to the interview team's data entry (the admin's forms, actions
and filters): no 500, nothing stored that was refused, stored text escaped where it is
shown. The coding forms have theirs in ``interviews/coding/tests/test_hostile_coding_input.py``.

Each form gets one test (30 examples in CI, 60 once it has found a bug) that posts any
subset of its fields with generated values (the rest valid), so both refusals and saves are
exercised. Objects a form needs exist once per test; each example runs in a
rolled-back transaction.
"""

import json

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Place
from interviews.models import (
    Consent,
    ConsentFormVersion,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    StaffName,
    Withdrawal,
)
from interviews.tests.factories import make_interview, make_participant
from scoping.tests.hostile import (
    FOUND_BUGS,
    OK,
    RUN,
    assert_escaped,
    assert_survives,
    form_data,
    post_and_check,
    texts,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, superuser):
    return client_for(superuser)


@pytest.fixture
def leeds():
    return str(Place.objects.get(slug="leeds").pk)


@pytest.fixture
def consented():
    return make_participant(name="", consent=True)


@pytest.fixture
def unconsented():
    return make_participant(name="", consent=False)


@pytest.fixture
def draft(consented):
    return make_interview(consented, approved=False)


PARTICIPANT_FIELDS = ["code", "place", "sector", "role", "paid", "organisation"]


@RUN
@given(data=st.data())
def test_the_participant_form_survives_anything(admin_client, leeds, consented, data):
    valid = {"code": "LDS-900", "place": leeds, "sector": "nhs", "role": "worker", "paid": "on"}
    url = data.draw(
        st.sampled_from(
            [
                "/admin/interviews/participant/add/",
                f"/admin/interviews/participant/{consented.pk}/change/",
            ]
        )
    )
    posted = data.draw(form_data(valid, PARTICIPANT_FIELDS))
    post_and_check(admin_client, url, posted, Participant, ["/admin/interviews/participant/"])


@RUN
@given(data=st.data())
def test_the_identity_form_survives_anything(admin_client, consented, data):
    valid = {"participant": str(consented.pk), "name": "Ann Example", "contact": "ann@example.org"}
    posted = data.draw(form_data(valid, ["participant", "name", "contact"]))
    post_and_check(
        admin_client,
        "/admin/interviews/participantidentity/add/",
        posted,
        ParticipantIdentity,
        ["/admin/interviews/participantidentity/"],
    )


CONSENT_FIELDS = [
    *Consent.STATEMENTS,
    "other_answers",
    "participant",
    "signed_on",
    "collected_by",
    "form",
]


@RUN
@given(data=st.data())
def test_the_consent_form_survives_anything(admin_client, unconsented, data):
    valid = {
        "participant": str(unconsented.pk),
        "signed_on": "2020-01-10",
        "form": str(ConsentFormVersion.objects.get(version=1).pk),
        **dict.fromkeys(Consent.STATEMENTS, "on"),
    }
    posted = data.draw(form_data(valid, CONSENT_FIELDS))
    post_and_check(
        admin_client,
        "/admin/interviews/consent/add/",
        posted,
        Consent,
        ["/admin/interviews/consent/"],
    )


INTERVIEW_FIELDS = [
    "participant",
    "held_on",
    "mode",
    "interviewer",
    "guide",
    "transcript",
    "transcription_method",
    "recording_deleted_on",
]


@RUN
@given(data=st.data())
def test_the_interview_form_survives_anything(admin_client, consented, draft, data):
    valid = {
        "participant": str(consented.pk),
        "held_on": "2020-02-01",
        "mode": "video",
        "guide": str(draft.guide_id),
        "transcript": "Interviewer: Hello.\nParticipant: Hello.",
        "transcription_method": "manual",
    }
    url = data.draw(
        st.sampled_from(
            ["/admin/interviews/interview/add/", f"/admin/interviews/interview/{draft.pk}/change/"]
        )
    )
    posted = data.draw(form_data(valid, INTERVIEW_FIELDS))
    post_and_check(
        admin_client,
        url,
        posted,
        Interview,
        lambda latest: ["/admin/interviews/interview/", f"/interviews/{latest.pk}/"],
    )


HOSTILE_JSON = [
    '["\\u0000"]',
    "[1e400]",
    "[NaN]",
    '{"a": Infinity}',
    "[" * 5000 + "]" * 5000,
    '{"topics": ["x"]}',
    '"a topic"',
    "[]",
    "null",
    "[1, 2]",
    '["<script>alert(1)</script>"]',
]


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | texts,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


questions = st.one_of(
    st.sampled_from(HOSTILE_JSON),
    st.lists(texts, max_size=4).map(json.dumps),
    json_values.map(json.dumps),
    texts,
)


@FOUND_BUGS  # found bugs: b12c560
@given(
    posted=st.fixed_dictionaries(
        {
            "slug": st.one_of(st.just("a-guide"), values),
            "version": values,
            "name": values,
            "role": values,
        },
    ),
    topics=questions,
)
def test_the_question_guide_form_survives_anything(admin_client, posted, topics):
    post_and_check(
        admin_client,
        "/admin/interviews/interviewguide/add/",
        {**posted, "questions": topics},
        InterviewGuide,
        ["/admin/interviews/interviewguide/"],
    )


@RUN
@given(name=values)
def test_the_names_to_anonymise_form_survives_anything(admin_client, name):
    post_and_check(
        admin_client,
        "/admin/interviews/staffname/add/",
        {"name": name},
        StaffName,
        ["/admin/interviews/staffname/"],
    )


def selections(pks):
    return st.lists(st.one_of(st.sampled_from([str(pk) for pk in pks]), texts), max_size=3)


@RUN
@given(data=st.data())
def test_withdrawal_and_the_transcript_actions_survive_anything(
    admin_client, consented, draft, data
):
    url, action = data.draw(
        st.sampled_from(
            [
                ("/admin/interviews/participant/", "withdraw"),
                ("/admin/interviews/interview/", "anonymise"),
                ("/admin/interviews/interview/", "mark_checked"),
                ("/admin/interviews/interview/", "approve"),
            ]
        )
    )
    pk = consented.pk if "participant" in url else draft.pk
    posted = {
        "action": data.draw(st.one_of(st.just(action), values)),
        "_selected_action": data.draw(selections([pk])),
        "select_across": data.draw(st.one_of(st.just("0"), values)),
        "index": data.draw(st.one_of(st.just("0"), values)),
    }
    with transaction.atomic():
        people = Participant.objects.count() + Withdrawal.objects.count()
        response = admin_client.post(url, posted)
        # 400: a selection holding something other than a record id (never the admin's own).
        assert response.status_code in {*OK, 400}, response.status_code
        # Every participant withdrawn left a tombstone, and nothing of theirs stayed.
        assert Participant.objects.count() + Withdrawal.objects.count() == people
        assert not Interview.objects.exclude(participant__in=Participant.objects.all()).exists()
        assert_escaped(response.content.decode())
        transaction.set_rollback(True)


ADMIN_FILTERS = {
    "/admin/interviews/participant/": ["place__id__exact", "sector", "role", "paid__exact", "q"],
    "/admin/interviews/interview/": ["status", "mode", "guide__id__exact", "q", "o"],
    "/admin/interviews/theme/": ["q", "o", "p"],
    "/admin/interviews/accesslogentry/": ["event", "o"],
    "/admin/interviews/withdrawal/": ["o", "p"],
}


@RUN
@given(
    url=st.sampled_from(sorted(ADMIN_FILTERS)),
    data=st.data(),
)
def test_the_interview_admin_filters_survive_anything(admin_client, url, data):
    params = data.draw(
        st.lists(st.tuples(st.sampled_from(ADMIN_FILTERS[url]), texts), min_size=1, max_size=3)
    )
    response = admin_client.get(url, params)
    assert_survives(response, {200, 302, 400})


# Regressions the generated input found ---------------------------------------


@pytest.mark.parametrize(
    "topics",
    ['["\\u0000"]', "[1e400]", "[NaN]", '["x", Infinity]', "[" * 5000 + "]" * 5000, '{"a": 1}'],
)
def test_question_topics_a_database_cannot_store_are_a_form_error(admin_client, topics):
    response = admin_client.post(
        "/admin/interviews/interviewguide/add/",
        {"slug": "g", "version": "1", "name": "Guide", "role": "worker", "questions": topics},
    )
    assert response.status_code == 200
    assert not InterviewGuide.objects.filter(slug="g").exists()


def test_question_topics_are_still_saved(admin_client):
    response = admin_client.post(
        "/admin/interviews/interviewguide/add/",
        {
            "slug": "g",
            "version": "1",
            "name": "Guide",
            "role": "worker",
            "questions": '["Your role", "A day"]',
        },
    )
    assert response.status_code == 302
    assert InterviewGuide.objects.get(slug="g").questions == ["Your role", "A day"]


def test_a_forged_admin_selection_is_refused_plainly(admin_client, consented, leeds):
    for value in ("<script>alert(1)</script>", "²", "-1", str(2**63)):
        response = admin_client.post(
            "/admin/interviews/participant/",
            {"action": "withdraw", "_selected_action": [str(consented.pk), value]},
        )
        assert response.status_code == 400, value
        assert "not a record id" in response.content.decode()
    assert Participant.objects.filter(pk=consented.pk).exists()
    assert not Withdrawal.objects.exists()
    response = admin_client.post(
        "/admin/activities/place/", {"action": "delete_selected", "_selected_action": ["x"]}
    )
    assert response.status_code == 400
    assert Place.objects.filter(pk=leeds).exists()
