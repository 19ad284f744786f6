"""Hostile input to the interview forms gives a form error, never a 500 or a half-write."""

import pytest

from interviews.models import (
    Consent,
    ConsentFormVersion,
    Excerpt,
    Interview,
    Participant,
    ParticipantIdentity,
)
from interviews.tests.factories import make_guide, make_interview, make_participant, make_theme
from scoping.tests.hostile import HOSTILE_SAMPLE, assert_survives, post_and_check

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", HOSTILE_SAMPLE)
@pytest.mark.parametrize(
    "url,model,field,valid",
    [
        (
            "/admin/interviews/participant/add/",
            Participant,
            "organisation",
            lambda: {"code": "LDS-50", "place": "1", "sector": "nhs", "role": "worker"},
        ),
        (
            "/admin/interviews/participantidentity/add/",
            ParticipantIdentity,
            "participant",
            lambda: {"participant": str(make_participant(name="").pk), "name": "A"},
        ),
        (
            "/admin/interviews/consent/add/",
            Consent,
            "participant",
            lambda: {
                "participant": str(make_participant(consent=False).pk),
                "signed_on": "2020-01-01",
                "form": str(ConsentFormVersion.objects.get(version=1).pk),
            },
        ),
        (
            "/admin/interviews/interview/add/",
            Interview,
            "participant",
            lambda: {
                "participant": str(make_participant().pk),
                "held_on": "2020-01-01",
                "mode": "video",
                "guide": str(make_guide().pk),
                "transcription_method": "manual",
            },
        ),
    ],
)
def test_admin_forms_survive_hostile_input(client_for, superuser, url, model, field, valid, value):
    data = valid()
    data[field] = value
    post_and_check(client_for(superuser), url, data, model)


@pytest.mark.parametrize("field", ["start", "end", "quote", "themes", "memo"])
@pytest.mark.parametrize("value", HOSTILE_SAMPLE)
def test_the_coding_form_survives_hostile_input(client_for, interviewer, field, value):
    interview = make_interview()
    data = {"start": "0", "end": "5", "themes": [str(make_theme().pk)], "memo": ""}
    data[field] = value
    response = client_for(interviewer).post(f"/interviews/{interview.pk}/", data)
    assert_survives(response)
    for excerpt in Excerpt.objects.all():
        assert excerpt.quote == interview.transcript[excerpt.start : excerpt.end]


@pytest.mark.parametrize("value", HOSTILE_SAMPLE)
def test_the_merge_form_and_filters_survive_hostile_input(
    client_for, interviewer, superuser, value
):
    response = client_for(interviewer).post(
        "/interviews/themes/merge/", {"source": value, "target": value}
    )
    assert_survives(response, {200})
    for url in ("/admin/interviews/interview/", "/admin/interviews/participant/"):
        response = client_for(superuser).get(
            url, {"q": value, "status": value, "place__id__exact": value}
        )
        assert_survives(response, {200, 302, 400})  # 400: a NUL in the address
