"""Random and hostile uploads to the master-sheet import, and a tampered confirm step:
no 500, no activity written by a refused or foreign preview, file names and cell
text escaped on the preview page.
"""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from activities.master_sheet.apply import master_sheet_import
from activities.models import Activity, ImportRun, Organisation
from activities.tests.workbooks import CANONICAL, row, workbook_bytes
from scoping.tests.hostile import FOUND_BUGS, IMG, RUN, SCRIPT, assert_escaped, texts

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:activities_importrun_upload")


def cell_text(value):
    """What openpyxl can write: it refuses the XML-illegal control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


cells = st.one_of(
    texts.map(cell_text),
    st.sampled_from(["=1+1", '=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", SCRIPT]),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates(),
)
sheet_titles = st.one_of(
    st.sampled_from(["Leeds", "Calderdale", "Sheet1", "<b>Leeds</b>", "Ⓛeeds", "'"]),
    st.text(alphabet=st.characters(exclude_characters="[]:*?/\\"), min_size=1, max_size=31),
)


def hostile_workbook(title, header, rows):
    try:
        return workbook_bytes({title: [header, *rows]})
    except ValueError:  # a title Excel forbids: openpyxl will not write it
        return workbook_bytes({"Leeds": [header, *rows]})


def zip_of(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


workbooks = st.builds(
    hostile_workbook,
    sheet_titles,
    st.one_of(
        st.just(CANONICAL),
        st.lists(st.one_of(st.sampled_from(CANONICAL), cells), max_size=14),
    ),
    st.lists(
        st.one_of(
            st.builds(row, texts.map(cell_text), organisation=texts.map(cell_text)),
            st.lists(cells, max_size=14),
        ),
        max_size=4,
    ),
)
uploads = st.one_of(
    workbooks,
    st.binary(max_size=2000),
    st.sampled_from(
        [
            b"",
            b"name,sector\nWalk,NHS\n",
            zip_of({"hello.txt": b"not a workbook"}),
            zip_of({"xl/workbook.xml": b"<not xml"}),
            zip_of({"xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'}),
            b"PK\x03\x04" + b"\x00" * 100,
        ]
    ),
)
file_names = st.one_of(st.just("master.xlsx"), texts, texts.map(lambda t: t + ".xlsx"))


def activity_rows():
    return sorted(
        Activity.objects.values_list("pk", "version", "name")
    ), Organisation.objects.count()


@FOUND_BUGS  # found bugs: 071bcbd
@given(
    data=uploads,
    name=file_names,
    extra=st.dictionaries(st.sampled_from(["workbook", "x"]), texts, max_size=1),
)
def test_the_master_sheet_upload_survives_anything(client_for, champion, data, name, extra):
    client = client_for(champion)
    with transaction.atomic():
        before = activity_rows()
        # Django itself refuses to make an upload named "", "." or ".." (or ending "/").
        usable = os.path.basename(name) not in {"", ".", ".."}
        upload = SimpleUploadedFile(name if usable else "master.xlsx", data)
        response = client.post(UPLOAD, {**extra, "workbook": upload})
        # 400: Django refuses a multipart body whose file name breaks the headers.
        assert response.status_code in {200, 302, 400}, response.status_code
        assert activity_rows() == before  # an upload is only ever a preview
        if response.status_code == 302:
            page = client.get(response["Location"]).content.decode()
            assert "Preview of" in page
        else:
            page = response.content.decode()
        assert_escaped(page)
        transaction.set_rollback(True)


@pytest.fixture
def previews(champion, superuser):
    """The champion's own pending preview, someone else's, and one already applied."""
    sheet = workbook_bytes({"Leeds": [CANONICAL, row("Tamper Walk")]})

    def preview(user, name):
        run, _plan = master_sheet_import(
            data=sheet, file_name=name, user=user, source="admin", dry_run=True
        )
        return run

    own, foreign, used = (
        preview(champion, "own.xlsx"),
        preview(superuser, "foreign.xlsx"),
        preview(champion, "used.xlsx"),
    )
    ImportRun.objects.filter(pk=used.pk).update(upload=None)
    command = master_sheet_import(data=sheet, file_name="cmd.xlsx", source="command", dry_run=True)
    return {"own": own.pk, "foreign": foreign.pk, "used": used.pk, "command": command[0].pk}


@RUN
@given(data=st.data())
def test_the_preview_and_confirm_steps_survive_tampering(client_for, champion, previews, data):
    client = client_for(champion)
    pk = data.draw(
        st.one_of(st.sampled_from(sorted(previews.values())), st.integers(0, 2**70)), label="pk"
    )
    step = data.draw(st.sampled_from(["preview", "confirm"]), label="step")
    method = data.draw(st.sampled_from(["get", "post"]), label="method")
    posted = data.draw(st.dictionaries(texts, texts, max_size=3), label="posted")
    url = f"/admin/activities/importrun/{pk}/{step}/"
    with transaction.atomic():
        before = activity_rows()
        response = getattr(client, method)(url, posted if method == "post" else None)
        # 400: Django refuses a multipart body whose field names break the headers.
        assert response.status_code in {200, 302, 400, 403, 404, 405}, response.status_code
        # A body Django refuses (400) never reaches the view, so nothing is applied.
        applied = (
            step == "confirm"
            and method == "post"
            and pk == previews["own"]
            and response.status_code != 400
        )
        if not applied:
            assert activity_rows() == before
        else:
            assert Activity.objects.filter(name="Tamper Walk").count() == 1
        if response.status_code == 200:
            assert_escaped(response.content.decode())
        transaction.set_rollback(True)


def test_hostile_values_reach_the_preview_escaped(client_for, champion):
    sheet = workbook_bytes({"Leeds": [CANONICAL, row(SCRIPT, organisation=IMG)]})
    response = client_for(champion).post(
        UPLOAD, {"workbook": SimpleUploadedFile(f"{SCRIPT}.xlsx", sheet)}, follow=True
    )
    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert_escaped(page)
