"""A hostile or careless search is bounded, explained, and never a 500 or an empty export."""

import io

import pytest
from openpyxl import load_workbook

from activities.directory.search_text import MAX_SEARCH_WORDS, SearchText, search_text_bound
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db

LONG_SEARCH = "walk " + " ".join(f"word{n}" for n in range(500))
HYPHENS = "-" * 40
HYPHENATED = "-".join(["peer"] * 40)


def test_an_ordinary_search_is_left_alone():
    ordinary = 'walk "peer support" -football'
    assert search_text_bound(ordinary) == SearchText(ordinary, note="")
    bounded = search_text_bound('  walk  "peer support" -football ')
    assert bounded.text == 'walk "peer support" -football'
    assert bounded.note == ""


def test_a_long_search_keeps_its_first_words_and_says_so():
    bounded = search_text_bound(LONG_SEARCH)

    assert bounded.text == "walk " + " ".join(f"word{n}" for n in range(MAX_SEARCH_WORDS - 1))
    assert bounded.note.startswith("A search uses at most 12 words and 200 characters")


def test_each_part_of_a_hyphenated_word_counts():
    bounded = search_text_bound(HYPHENATED)

    assert bounded.text == "-".join(["peer"] * 12)
    assert bounded.note


def test_runs_of_symbols_are_dropped():
    bounded = search_text_bound(f"walk {HYPHENS} talk a--b")

    assert bounded.text == "walk talk a-b"
    assert bounded.note == (
        "Runs of symbols such as “--” cannot be searched for, so this searched for: “walk talk a-b”."
    )


def test_one_endless_word_is_cut_to_the_character_limit():
    bounded = search_text_bound("w" * 5000)

    assert bounded.text == "w" * 200
    assert "cut to" in bounded.note


def test_an_ordinary_search_finds_what_it_names_without_a_note(client_for, analyst):
    make_activity("Walk and Talk")
    make_activity("Book club")

    response = client_for(analyst).get("/activities/", {"q": "walk talk"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="search-note"' not in page
    assert "Walk and Talk" in page and "Book club" not in page


@pytest.mark.parametrize("query", [LONG_SEARCH, HYPHENS, HYPHENATED, '" " " "' * 50, "or " * 300])
def test_the_list_answers_every_hostile_search(client_for, analyst, query):
    make_activity("Walk and Talk")

    response = client_for(analyst).get("/activities/", {"q": query})

    assert response.status_code == 200
    assert 'id="search-note"' in response.content.decode()  # it says what was searched


def test_the_list_shows_the_note_and_the_results_of_the_cut_search(client_for, analyst):
    make_activity("Walk and Talk")
    make_activity("Book club")

    response = client_for(analyst).get("/activities/", {"q": "walk talk " * 250})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="search-note"' in page
    assert "A search uses at most 12 words" in page
    # The first 12 words were searched: what they find is listed, and only that.
    assert "Walk and Talk" in page and "Book club" not in page


def test_the_csv_export_of_a_long_search_is_not_silently_empty(client_for, analyst):
    make_activity("Walk and Talk")
    make_activity("Book club")

    response = client_for(analyst).get("/activities/export.csv", {"q": "walk " * 500})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200
    assert "Walk and Talk" in text
    assert "Book club" not in text


def test_the_xlsx_export_of_a_hyphen_run_works(client_for, analyst):
    make_activity("Walk and Talk")

    response = client_for(analyst).get("/activities/export.xlsx", {"q": "walk " + HYPHENS})

    book = load_workbook(io.BytesIO(response.content))
    names = [row[0] for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert response.status_code == 200
    assert "Walk and Talk" in names
