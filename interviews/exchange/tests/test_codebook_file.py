"""A REFI-QDA file's codebook read in as a new version of the codebook: every code or
none, bad files refused with a clear message."""

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.coding.codebook_csv import CodebookError
from interviews.exchange.codebook_file import HISTORY_REASON, codebook_import_refi
from interviews.exchange.project_file import qdpx_export
from interviews.models import Theme
from interviews.tests.factories import make_theme
from scoping.tests.hostile import HOSTILE_SAMPLE, assert_escaped, assert_survives, snapshot

pytestmark = pytest.mark.django_db

PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From NVivo">
  <CodeBook><Codes>{codes}</Codes></CodeBook>
</Project>"""
CODES = """
<Code guid="11111111-1111-1111-1111-111111111111" name="Challenges" isCodable="true">
  <Description>What makes it hard.</Description>
  <Code guid="22222222-2222-2222-2222-222222222222" name="Boundaries" isCodable="true"/>
  <Code guid="33333333-3333-3333-3333-333333333333" name="Burnout" isCodable="true">
    <Code guid="44444444-4444-4444-4444-444444444444" name="Sick leave" isCodable="true"/>
  </Code>
</Code>
<Code guid="55555555-5555-5555-5555-555555555555" name="Values" isCodable="false"/>
"""


def qdpx(xml, name="project.qde"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, xml)
        archive.writestr("sources/a.txt", "not read")
    return buffer.getvalue()


def tree():
    return sorted(
        (t.name, t.parent.name if t.parent else "", t.description)
        for t in Theme.objects.select_related("parent")
    )


def test_a_qdpx_codebook_becomes_themes_with_its_tree():
    make_theme("Boundaries")  # known: moved under Challenges
    make_theme("Waiting lists")  # not in the file: left as it is
    assert codebook_import_refi(data=qdpx(PROJECT.format(codes=CODES))) == (4, 1)
    assert tree() == [
        ("Boundaries", "Challenges", ""),
        ("Burnout", "Challenges", ""),
        ("Challenges", "", "What makes it hard."),
        ("Sick leave", "Burnout", ""),
        ("Values", "", ""),
        ("Waiting lists", "", ""),
    ]
    moved = Theme.objects.get(name="Boundaries").history.latest()
    assert (moved.history_type, moved.history_change_reason) == ("~", HISTORY_REASON)


def test_a_qdc_codebook_is_read_too():
    codebook = (
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="11111111-1111-1111-1111-111111111111" name="Hope" isCodable="true"/>'
        "</Codes></CodeBook>"
    )
    assert codebook_import_refi(data=codebook.encode()) == (1, 0)
    assert tree() == [("Hope", "", "")]


def test_our_own_export_read_back_changes_nothing(coded_study):
    recorded = Theme.history.count()
    before = tree()
    assert codebook_import_refi(data=qdpx_export().data) == (0, 4)
    assert (tree(), Theme.history.count()) == (before, recorded)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"name,parent\nA,B\n", "The file is not readable as REFI-QDA XML"),
        (qdpx("<Project/>", name="other.qde"), "The zip file holds no project.qde"),
        (qdpx("<Project"), "The file is not readable as REFI-QDA XML"),
        (b"<Sources/>", "The file's root element is <Sources>"),
        (qdpx(PROJECT.format(codes="")), "The file's codebook holds no codes"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook><Codes/></CodeBook>',
            "The file declares a DTD or entities",
        ),
        (
            qdpx(PROJECT.format(codes='<Code name="A"/><Code name="a"/>')),
            "Code 2: “a” is already on code 1.",
        ),
        (qdpx(PROJECT.format(codes='<Code guid="x"/>')), "Code 1: the theme has no name."),
        (
            qdpx(PROJECT.format(codes=f'<Code name="{"x" * 201}"/>')),
            "is longer than 200 characters",
        ),
    ],
)
def test_a_bad_file_imports_nothing_and_says_why(data, message):
    make_theme("Values")
    with pytest.raises(CodebookError) as refused:
        codebook_import_refi(data=data)
    assert any(message in problem for problem in refused.value.problems), refused.value.problems
    assert tree() == [("Values", "", "")]


def test_one_bad_code_and_none_is_applied():
    codes = CODES + '<Code name="Challenges"/>'
    with pytest.raises(CodebookError):
        codebook_import_refi(data=qdpx(PROJECT.format(codes=codes)))
    assert Theme.objects.count() == 0


@pytest.mark.parametrize("value", [*HOSTILE_SAMPLE, "\x0b", "]]>&lt;", "a\ud800"])
def test_a_hostile_code_is_imported_escaped_or_refused_whole(client_for, interviewer, value):
    make_theme("Values")
    before = snapshot(Theme)
    attribute = escape(value, {'"': "&quot;"}).encode("utf-8", "surrogatepass")
    codes = b'<Code guid="11111111-1111-1111-1111-111111111111" name="' + attribute + b'"/>'
    xml = PROJECT.format(codes="{codes}").encode().replace(b"{codes}", codes)
    response = client_for(interviewer).post(
        "/interviews/exchange/codebook/",
        {"file": SimpleUploadedFile("hostile.qdpx", qdpx(xml))},
        follow=True,
    )
    assert_survives(response, ok={200})
    if "Codebook imported" in response.content.decode():
        assert Theme.objects.filter(name=value.strip()).exists()
        assert_escaped(client_for(interviewer).get("/interviews/themes/").content.decode())
    else:
        assert snapshot(Theme) == before
