"""The anonymiser's recall on a synthetic corpus, and its rules case by case."""

from collections import Counter

import pytest

from interviews.anonymisation.anonymiser import nhs_number_is_valid, redact
from interviews.tests.synthetic_corpus import build_corpus

CORPUS = build_corpus(size=60)


def covered(finding_spans, kind, start, end):
    return any(k == kind and s <= start and end <= e for k, s, e in finding_spans)


def recall_by_kind():
    planted, found = Counter(), Counter()
    for transcript in CORPUS:
        spans = [
            (f.kind, f.start, f.end) for f in redact(transcript.text, transcript.names).findings
        ]
        for kind, start, end, _ in transcript.planted:
            planted[kind] += 1
            found[kind] += covered(spans, kind, start, end)
    return {kind: found[kind] / planted[kind] for kind in planted}, planted


def test_the_corpus_is_big_enough_and_has_every_kind():
    _recall, planted = recall_by_kind()
    assert len(CORPUS) >= 50
    assert set(planted) == {"email", "phone", "postcode", "nhs_number", "name", "url"}
    assert min(planted.values()) >= 50


@pytest.mark.parametrize("kind", ["email", "phone", "postcode", "nhs_number", "name", "url"])
def test_recall_is_total(kind):
    recall, planted = recall_by_kind()
    print(f"{kind}: recall {recall[kind]:.0%} of {planted[kind]} planted")
    assert recall[kind] == 1.0


def test_invalid_nhs_numbers_and_words_containing_a_name_are_left_alone():
    kept = 0
    for transcript in CORPUS:
        findings = redact(transcript.text, transcript.names).findings
        for _, start, end, value in transcript.kept:
            kept += 1
            assert not any(f.start < end and start < f.end for f in findings), value
    assert kept >= 120


def test_nothing_else_is_redacted():
    for transcript in CORPUS:
        for f in redact(transcript.text, transcript.names).findings:
            assert any(s <= f.start and f.end <= e for _, s, e, _ in transcript.planted), (
                f.kind,
                f.value,
            )


def test_names_are_numbered_per_person_and_possessives_kept():
    result = redact(
        "Jane Smith said JANE's friend Claire and jane’s mum met Claire Dawson.",
        names=["Jane Smith", "Claire Dawson"],
    )
    assert result.text == (
        "[NAME 1] said [NAME 1]'s friend [NAME 2] and [NAME 1]’s mum met [NAME 2]."
    )


def test_tags_for_each_kind():
    text = (
        "Write to a.b@example.org or ring 0113 496 0000 or +44 7700 900123; "
        "post to LS1 4AP; NHS number 943 476 5919; see https://facebook.com/ab.c"
    )
    assert redact(text).text == (
        "Write to [EMAIL] or ring [PHONE] or [PHONE]; post to [POSTCODE]; "
        "NHS number [NHS NUMBER]; see [URL]"
    )


def test_organisation_names_and_websites_stay():
    text = "I work for Leeds Mind, www.leedsmind.org.uk, with Bradford Hospitals NHS Trust."
    assert redact(text, names=["Jane Smith"]).text == text


def test_dates_counts_and_years_stay():
    text = "On 01/02/2020 at 10:30 we had 12 people; in 2019, 1,250 contacts; room 101."
    assert redact(text).findings == []


def test_nhs_checksum():
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("943476591")


def test_findings_point_at_the_original_text():
    text = "Call Jane on 07700 900123."
    for f in redact(text, ["Jane"]).findings:
        assert text[f.start : f.end] == f.value


def test_curly_and_straight_apostrophes_in_names_both_match():
    result = redact("O’Connor’s group and O'CONNOR.", names=["Siobhan O'Connor"])
    assert result.text == "[NAME 1]’s group and [NAME 1]."


@pytest.mark.parametrize(
    "number",
    [
        "0113 496 0000",
        "(0113) 496 0000",
        "0113-496-0000",
        "0113 4960000",
        "01632 960001",
        "020 7946 0000",
        "07700 900123",
        "07700900123",
        "07700 900 123",
        "07700.900.123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900123",
        "+44(0)113 496 0000",
        "(+44) 113 496 0000",
        "0044 7700 900123",
        "0800 123 4567",
    ],
)
def test_uk_phone_formats(number):
    assert redact(f"Ring me on {number}, thanks.").text == "Ring me on [PHONE], thanks."


@pytest.mark.parametrize(
    "text",
    ["0.5 and 3.14159", "on 01/02/2020", "in 2019-20", "at 10:30", "1,250 people", "ext 1234"],
)
def test_numbers_that_are_not_phone_numbers_stay(text):
    assert redact(text).findings == []


def test_a_phone_number_whose_national_digits_pass_the_nhs_checksum_is_a_phone():
    assert nhs_number_is_valid("1134960093")
    result = redact("Ring (+44) 113 496 0093 today.")
    assert [(f.kind, f.value) for f in result.findings] == [("phone", "(+44) 113 496 0093")]
