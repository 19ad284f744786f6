"""Unsafe or unusable files are refused, with a reason, before openpyxl parses them."""

import io
import zipfile

import openpyxl.xml
import pytest

from activities.master_sheet.files import UnreadableWorkbook, workbook_check, workbook_open
from activities.tests.workbooks import CANONICAL, row, workbook_bytes


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def refusal(data):
    with pytest.raises(UnreadableWorkbook) as error:
        workbook_check(data)
    return str(error.value)


def test_an_empty_file():
    assert refusal(b"") == "The file is empty."


def test_a_file_that_is_not_a_zip():
    assert refusal(b"name,place\nWalk,Leeds\n").startswith("This is not an Excel workbook (.xlsx)")


def test_a_zip_that_is_not_a_workbook():
    assert "holds no workbook" in refusal(zip_bytes({"hello.txt": "hi"}))


def test_a_file_over_the_size_limit(settings):
    settings.MASTER_SHEET_MAX_UPLOAD_BYTES = 1024 * 1024
    data = workbook_bytes({"Leeds": [CANONICAL, row("Walk")]}) + b"\0" * (2 * 1024 * 1024)

    assert refusal(data) == "The file is 2 MB; the limit is 1 MB."


def test_a_zip_bomb_by_compression_ratio():
    bomb = zip_bytes(
        {"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": "0" * 50_000_000}
    )

    message = refusal(bomb)

    assert "xl/worksheets/sheet1.xml" in message
    assert "looks like a zip bomb" in message


def test_a_zip_bomb_by_total_size(settings):
    settings.MASTER_SHEET_MAX_UNCOMPRESSED_BYTES = 2_000_000
    members = {"xl/workbook.xml": "<workbook/>"}
    members.update({f"xl/part{n}.xml": "x" * 500_000 for n in range(5)})

    message = refusal(zip_bytes(members))

    assert message.startswith("The workbook would unpack to 2.4 MB, more than the 1.9 MB allowed")


def test_a_damaged_workbook_is_reported_not_raised():
    data = zip_bytes({"xl/workbook.xml": "<not really>"})

    with pytest.raises(UnreadableWorkbook, match="could not be read"):
        workbook_open(data)


def test_xml_is_parsed_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_a_real_workbook_passes():
    workbook = workbook_open(workbook_bytes({"Leeds": [CANONICAL, row("Walk")]}))

    assert workbook.sheetnames == ["Leeds"]
