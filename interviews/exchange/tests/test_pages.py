"""The REFI-QDA page, its download and its codebook upload, as the interview team uses
them (who else may open them: scoping/tests/test_role_matrix.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.exchange.project_file import qdpx_export
from interviews.exchange.tests.reading import open_qdpx
from interviews.models import AccessLogEntry, Theme

pytestmark = pytest.mark.django_db


def test_the_page_says_what_the_file_holds(client_for, interviewer, coded_study):
    page = client_for(interviewer).get("/interviews/exchange/").content.decode()
    assert "2 approved, anonymised transcripts" in page
    assert "3 coded passages" in page
    assert "4 themes" in page
    assert 'href="/interviews/exchange/coded-interviews.qdpx?round=2019-20"' in page


def test_the_page_costs_a_fixed_number_of_queries(
    client_for, interviewer, coded_study, request_overhead, django_assert_num_queries
):
    client = client_for(interviewer)
    overhead = request_overhead(client)
    # rounds, transcripts coded blind, transcripts, passages, themes
    with django_assert_num_queries(overhead + 5):
        client.get("/interviews/exchange/")


def test_the_download_is_the_project_and_is_logged(client_for, interviewer, coded_study):
    response = client_for(interviewer).get("/interviews/exchange/coded-interviews.qdpx")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="coded-interviews-')
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    _, sources, _ = open_qdpx(response.content)
    assert len(sources) == 2
    assert AccessLogEntry.objects.filter(user=interviewer, event="exchange").count() == 2


def test_a_codebook_upload_adds_themes_and_says_so(client_for, interviewer, coded_study):
    data = qdpx_export().data
    Theme.objects.filter(name="Waiting lists").delete()
    response = client_for(interviewer).post(
        "/interviews/exchange/codebook/",
        {"file": SimpleUploadedFile("nvivo.qdpx", data)},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/interviews/themes/"
    assert "Codebook imported from the REFI-QDA file: 1 new, 3 updated." in (
        response.content.decode()
    )
    assert Theme.objects.get(name="Waiting lists").parent.name == "Challenges"


def test_a_bad_upload_says_why_and_imports_nothing(client_for, interviewer):
    response = client_for(interviewer).post(
        "/interviews/exchange/codebook/",
        {"file": SimpleUploadedFile("notes.qdpx", b"PK\x03\x04 broken")},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/interviews/exchange/"
    assert "Nothing was imported." in page
    assert Theme.objects.count() == 0


def test_an_upload_without_a_file_says_so(client_for, interviewer):
    response = client_for(interviewer).post("/interviews/exchange/codebook/", follow=True)
    assert "This field is required." in response.content.decode()


def test_analysts_cannot_download_or_upload(client_for, analyst, coded_study):
    client = client_for(analyst)
    assert client.get("/interviews/exchange/coded-interviews.qdpx").status_code == 403
    upload = client.post(
        "/interviews/exchange/codebook/", {"file": SimpleUploadedFile("a.qdc", b"<CodeBook/>")}
    )
    assert upload.status_code == 403
    assert not AccessLogEntry.objects.filter(event="exchange").exists()
