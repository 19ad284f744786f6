"""Small files that claim or repeat far more than they hold, for the import caps' tests and bench."""

import io
import re
import zipfile

from activities.tests.workbooks import CANONICAL, row, workbook_bytes

ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
    "<office:body><office:spreadsheet>"
)
ODS_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def xlsx_claiming_the_whole_grid():
    """A header, one row, the dimension A1:XFD1048576 and one cell on row 1,048,576."""
    data = workbook_bytes({"Leeds": [CANONICAL, row("Walk")]})
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = content.decode()
                text = re.sub(
                    r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576" />', text
                )
                text = text.replace(
                    "</sheetData>",
                    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                    "</row></sheetData>",
                )
                content = text.encode()
            target.writestr(item.filename, content)
    return buffer.getvalue()


def xlsx_of_one_cell_rows(count):
    """A header and ``count`` rows holding only a name (each one an error)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Leeds")
    sheet.append(CANONICAL)
    for n in range(count):
        sheet.append([f"Group {n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(text):
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def _ods_row(values, repeat=1):
    cells = "".join(_cell(value) if value else "<table:table-cell/>" for value in values)
    return f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>'


def ods_bytes(rows_xml, sheet="Leeds"):
    """An .ods whose one table holds ``rows_xml`` (table-row elements)."""
    content = ODS_HEAD + f'<table:table table:name="{sheet}">' + rows_xml + "</table:table>"
    content += ODS_TAIL
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def ods_header_and_row():
    return _ods_row(CANONICAL) + _ods_row(row("Walk"))


def ods_with_a_row_far_below():
    """A million repeated empty rows, then one with data."""
    return ods_bytes(ods_header_and_row() + _ods_row([""], 1_048_000) + _ods_row(["Stray"]))


def ods_repeating_a_row(times):
    return ods_bytes(_ods_row(CANONICAL) + _ods_row(row("Walk"), times))


def ods_with_a_value_in_the_last_column():
    stray = (
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        + _cell("far right")
        + "</table:table-row>"
    )
    return ods_bytes(ods_header_and_row() + stray)
