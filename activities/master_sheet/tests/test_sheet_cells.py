"""Reading one master-sheet cell: a web address that cannot even be split is refused."""

import pytest

from activities.master_sheet.cells import CellError, website


@pytest.mark.parametrize("raw", ["http://[example.org", "https://exa]mple.org", "[::1"])
def test_a_web_address_with_an_unmatched_bracket_is_a_cell_error(raw):
    with pytest.raises(CellError):
        website(raw)


def test_a_plain_host_gets_https():
    assert website("example.org") == "https://example.org"
