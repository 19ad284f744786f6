"""Regenerate the LibreOffice-written fixtures of the file-format tests.

    apt-get install libreoffice-calc-nogui
    .venv/bin/python activities/master_sheet/tests/data/libreoffice/make_fixtures.py

Writes ``excel.xlsx`` with openpyxl (the sheet as Excel would hold it: real
dates, numbers, line breaks, text in Windows-1252's range), then has
LibreOffice (``soffice --headless --convert-to``) save the same sheet as
``libreoffice.ods``, ``libreoffice.xlsx``, ``libreoffice-utf8.csv`` (comma)
and ``libreoffice-cp1252.csv`` (semicolon, Windows-1252). The tests import
each and expect the same directory. CI only reads the committed files.
"""

import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

HEADERS = [
    "Project name / support type",
    "Place",
    "Organisation",
    "Sector",
    "Main focus",
    "Shared experience",
    "Primary model of delivery",
    "Funding type",
    "Website",
    "Contact",
    "Venue / area",
    "Online",
    "Status",
    "Date scoped",
    "Notes",
]
ROWS = [
    [
        "Café Connect",
        "Leeds",
        "Mind in Leeds",
        "Third Sector",
        "Mental health focused",
        "Anxiety; Depression",
        "Support group",
        "Grant",
        "https://example.org/cafe",
        "0113 000 0000",
        "St Mary’s Hall",
        "Yes",
        "Active",
        datetime.datetime(2019, 6, 1),
        "Meets weekly – £2 a session\nBring a friend",
    ],
    [
        "Walk and Talk",
        "Wakefield",
        "",
        "Community",
        "Non MH",
        "Men",
        "Activity",
        "None",
        "",
        "",
        "Thornes Park",
        "No",
        "Active",
        "01/02/2020",
        "",
    ],
    [
        "Hearing Voices Group",
        "Bradford",
        "Voices Network",
        "NHS",
        "MH",
        "General MH, Carers",
        "Peer support group",
        "Statutory",
        "example.org/voices",
        "voices@example.org",
        "",
        "",
        "Active",
        datetime.datetime(2020, 3, 15),
        "Ref 2020",
    ],
    [
        "Men’s Shed",
        "Calderdale",
        "Calder Sheds",
        "Third Sector",
        "Non MH",
        "Men; Older adults",
        "Drop-in",
        "",
        "",
        "",
        "Halifax",
        "N",
        "Active",
        None,
        "",
    ],
]


def excel_write(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    sheet.append(["Scoping - all places"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    for cell in sheet["N"][3:]:
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = "DD/MM/YYYY"
    workbook.save(path)


def convert(source, folder, filter_name, target):
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            filter_name,
            "--outdir",
            str(folder / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    produced = folder / "out" / (source.stem + "." + filter_name.split(":")[0])
    shutil.move(produced, HERE / target)


def main():
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    excel = HERE / "excel.xlsx"
    excel_write(excel)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = folder / "sheet.xlsx"
        shutil.copy(excel, source)
        convert(source, folder, "ods", "libreoffice.ods")
        convert(source, folder, "xlsx:Calc MS Excel 2007 XML", "libreoffice.xlsx")
        # Text CSV filter options: separator, quote, character set (76 UTF-8, 1 Windows-1252).
        convert(source, folder, "csv:Text - txt - csv (StarCalc):44,34,76", "libreoffice-utf8.csv")
        convert(source, folder, "csv:Text - txt - csv (StarCalc):59,34,1", "libreoffice-cp1252.csv")


if __name__ == "__main__":
    main()
