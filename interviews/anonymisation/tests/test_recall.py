"""The recall floor on the planted corpus: a change that lets planted details through, or
takes decoys, fails here (bench/anonymiser_recall.py prints the same figures per kind)."""

from interviews.tests.planted_corpus import PASSAGES, build_corpus
from interviews.tests.recall import measure

CORPUS = build_corpus()
TALLY = measure(CORPUS)


def test_the_corpus_has_thirty_transcripts_and_every_kind_of_detail():
    assert len(CORPUS) >= 30
    assert set(TALLY.planted) == {
        "name",
        "nickname",
        "note",
        "email",
        "phone",
        "nhs_number",
        "postcode",
        "street",
        "place",
        "organisation",
    }
    assert sum(TALLY.planted.values()) >= 600 and TALLY.decoys >= 400
    assert len(PASSAGES) >= 40


def test_anonymiser_and_flags_catch_at_least_99_percent_of_planted_details():
    missed = [(kind, value) for kind, value, _ in TALLY.missed]
    assert TALLY.recall() >= 0.99, missed
    for kind in ("email", "phone", "nhs_number", "postcode"):  # the anonymiser's own
        assert TALLY.by_anonymiser[kind] == TALLY.planted[kind], kind


def test_at_least_98_percent_of_decoys_are_kept():
    assert TALLY.decoys_rate() >= 0.98, TALLY.lost
