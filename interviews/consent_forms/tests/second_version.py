"""A second consent form version that asks two statements of a new kind (beyond the study's
twelve), a round on it, and a consent signed on it: for the tests of new statements."""

import copy
import datetime

from interviews.models import Consent, ConsentFormVersion
from interviews.tests.factories import make_participant, make_round

VIDEO = "I agree to my interview being video recorded"
FUTURE = "I am happy to be contacted about future research"
STATEMENTS = [
    {
        "heading": "Round two",
        "statements": [
            {"key": "happy_to_be_interviewed", "text": "I agree to a second-round interview"},
            {"key": "video_recorded", "text": VIDEO},
        ],
    },
    {
        "heading": "After the project",
        "statements": [
            {"key": "future_contact", "text": FUTURE},
            {"key": "may_withdraw", "text": "I can withdraw until June 2026"},
        ],
    },
]


def version_two(statements=STATEMENTS):
    return ConsentFormVersion.objects.create(
        version=2,
        statements=copy.deepcopy(statements),  # a test changing it leaves the others' alone
        information_sheet="Round two's information sheet.",
        withdraw_until=datetime.date(2026, 6, 30),
        kept_until=datetime.date(2027, 1, 31),
    )


def round_two_participant(**kwargs):
    second = make_round(consent_form=version_two())
    return make_participant(consent=False, research_round=second, **kwargs)


def signed_on_version_two(participant, *, video=True, future=False):
    return Consent.objects.create(
        participant=participant,
        form=participant.round.consent_form,
        signed_on=datetime.date(2025, 10, 1),
        happy_to_be_interviewed=True,
        may_withdraw=True,
        other_answers={"video_recorded": video, "future_contact": future},
    )
