"""Issue 29, finding 3: a withdrawn participant is taken out of everyone else's records,
wherever and however they are written (name, nickname, e-mail, phone, code; any case)."""

import datetime
import re

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from interviews.coding.services import excerpt_create
from interviews.erasure.elsewhere import WITHDRAWN_ORIGINAL
from interviews.erasure.traces import PersonTraces
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import (
    Excerpt,
    ParticipantIdentity,
    RedactionLogEntry,
    SafeWord,
    ShadowingVisit,
    StaffName,
    Theme,
    Withdrawal,
)
from interviews.tests.factories import make_interview, make_participant, make_theme, round_dates

pytestmark = pytest.mark.django_db

BEFORE_DEADLINE = datetime.datetime(2020, 9, 1, 9, 0, tzinfo=datetime.UTC)
# Every form the withdrawn person is planted in, as a test for what must be gone.
TRACES = re.compile(r"quuxington|peggy|margaret|07700|900\W*123|zzz-97", re.IGNORECASE)


@pytest.fixture(autouse=True)
def deadlines(settings):
    round_dates(withdrawal_deadline=datetime.date(2020, 9, 30))
    round_dates(project_end=datetime.date(2021, 3, 31))


def withdrawing():
    participant = make_participant(code="ZZZ-97", name="Margaret Quuxington")
    identity = participant.identity
    identity.other_names = "Peggy"
    identity.contact = "MARGARET.QUUXINGTON@NHS.NET; 07700 900123"
    identity.save()
    return participant


def every_trace_left():
    """(table.column, text) of every free-text value in every interview table and the
    admin's log that still holds a trace; the tombstone's code is kept by design."""
    found = []
    models_ = [*apps.get_app_config("interviews").get_models(), LogEntry]
    for model in models_:
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if (model, field.name) == (Withdrawal, "code"):
                continue
            for text in model.objects.values_list(field.name, flat=True):
                if text and TRACES.search(text):
                    found.append((f"{model._meta.db_table}.{field.column}", text))
    return found


def test_withdrawal_leaves_no_trace_in_anyone_elses_records(interviewer):
    gone = withdrawing()
    other = make_participant(code="LDS-02", name="Ann Other")
    transcript = (
        "Participant: My colleague Peggy QUUXINGTON runs the group. You can mail her at "
        "margaret.quuxington@nhs.net or ring 07700-900-123. Ask for margaret.\n"
        "Participant: Groups help.\n"
    )
    interview = make_interview(other, transcript=transcript)
    start = transcript.index("My colleague")
    excerpt = excerpt_create(
        interview=interview,
        start=start,
        end=transcript.index("Groups help.") + len("Groups help."),
        themes=[make_theme()],
        memo="cf ZZZ-97 (Peggy)",
        by=interviewer,
    )
    logged = [
        RedactionLogEntry.objects.create(
            interview=interview, kind=kind, original=original, replacement=tag, start=0, end=1
        )
        for kind, original, tag in [
            ("email", "Margaret.Quuxington@NHS.net", "[EMAIL]"),
            ("phone", "+44 7700 900123", "[PHONE]"),
            ("name", "peggy", "[NAME 2]"),
            ("name", "Ann", "[NAME 1]"),
        ]
    ]
    kept = RedactionLogEntry.objects.create(
        interview=interview,
        kind="kept",
        original="Sunrise",
        replacement="",
        start=0,
        end=1,
        reason="The centre, not Peggy's nickname for ZZZ-97",
    )
    visit = ShadowingVisit.objects.create(
        participant=other,
        started_on=datetime.date(2020, 2, 3),
        notes="Shadowed with MARGARET QUUXINGTON (07700 900 123) on the ward.",
    )
    StaffName.objects.create(name="Margaret Quuxington")
    StaffName.objects.create(name="Peggy")
    StaffName.objects.create(name="Claire Dawson")
    word = SafeWord.objects.create(word="Quuxington", note="a ward")
    SafeWord.objects.create(word="Sunrise", note="A centre; Peggy said so")
    LogEntry.objects.create(
        user=interviewer,
        content_type=ContentType.objects.get_for_model(SafeWord),
        object_id=str(word.pk),
        object_repr="Quuxington",
        action_flag=ADDITION,
    )
    theme = make_theme("Hope")
    Theme.objects.filter(pk=theme.pk).update(description="Raised first by Peggy (ZZZ-97)")
    assert len(every_trace_left()) >= 14, "the traces are planted where the test looks"

    with time_machine.travel(BEFORE_DEADLINE, tick=False):
        withdraw_participant(participant=gone, by=interviewer)

    assert every_trace_left() == []
    interview.refresh_from_db()
    excerpt.refresh_from_db()
    assert interview.transcript.startswith(
        "Participant: My colleague [NAME] [NAME] runs the group. You can mail her at "
        "[EMAIL] or ring [PHONE]. Ask for [NAME].\n"
    )
    assert excerpt.quote == interview.transcript[excerpt.start : excerpt.end]
    assert excerpt.quote.startswith("My colleague [NAME] [NAME]")
    assert excerpt.quote.endswith("Groups help.")
    assert Excerpt.objects.get(pk=excerpt.pk).memo == "cf [WITHDRAWN] ([NAME])"
    originals = [e.original for e in RedactionLogEntry.objects.order_by("pk")]
    assert originals == [*[WITHDRAWN_ORIGINAL] * 3, "Ann", "Sunrise"]
    assert len(logged) == 4
    kept.refresh_from_db()
    assert kept.reason == "The centre, not [NAME]'s nickname for [WITHDRAWN]"
    visit.refresh_from_db()
    assert visit.notes == "Shadowed with [NAME] ([PHONE]) on the ward."
    # The names list loses the rows that were only them; others stay.
    assert list(StaffName.objects.values_list("name", flat=True)) == ["Claire Dawson"]
    assert list(SafeWord.objects.values_list("word", "note")) == [
        ("Sunrise", "A centre; [NAME] said so")
    ]
    theme.refresh_from_db()
    assert (theme.name, theme.description) == ("Hope", "Raised first by [NAME] ([WITHDRAWN])")
    # The other participant's identity is theirs: untouched.
    assert ParticipantIdentity.objects.get(participant=other).name == "Ann Other"


def test_a_restore_brings_back_no_trace_either(interviewer):
    """Re-applying a withdrawal after a restore scrubs others' records the same way."""
    from interviews.erasure import storage
    from interviews.erasure.withdrawal import withdrawals_reapply

    storage.ledger_append(event="withdrawal", code="ZZZ-97", at=BEFORE_DEADLINE.isoformat())
    withdrawing()
    other = make_participant(code="LDS-02", name="Ann Other")
    make_interview(other, transcript="I work with peggy.")
    ShadowingVisit.objects.create(
        participant=other, started_on=datetime.date(2020, 2, 3), notes="cf zzz-97"
    )

    assert withdrawals_reapply() == ["ZZZ-97"]

    assert every_trace_left() == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("MARGARET QUUXINGTON", "[NAME]"),
        ("Margaret   Quuxington's", "[NAME]'s"),
        ("quuxingtonshire and Peggysue stay", "quuxingtonshire and Peggysue stay"),
        ("mail MARGARET.Q@NHS.NET.", "mail [EMAIL]."),
        ("margaret.q@nhs.net.uk is someone else", "[NAME].q@nhs.net.uk is someone else"),
        ("ring +44 (0)7700 900123 or 0770 0900 123", "ring [PHONE] or [PHONE]"),
        ("077009001234 is longer", "077009001234 is longer"),
        ("ZZZ-97, not ZZZ-971 or ZZZ-97-2", "[WITHDRAWN], not ZZZ-971 or ZZZ-97-2"),
        ("Dr Quuxington", "Dr [NAME]"),
    ],
)
def test_traces_are_whole_words_in_any_case(text, expected):
    traces = PersonTraces(
        names=["Margaret Quuxington", "Peggy"],
        contacts=["MARGARET.Q@NHS.NET, 07700 900123"],
        code="ZZZ-97",
    )
    assert traces.replace(text)[0] == expected


def test_a_title_is_not_a_trace():
    traces = PersonTraces(names=["Dr Ann Smith"])
    assert traces.replace("Dr Jones and Dr Ann Smith")[0] == "Dr Jones and [NAME]"
