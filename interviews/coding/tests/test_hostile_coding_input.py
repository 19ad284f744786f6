"""Random and hostile input to the coding forms: themes (admin), coding a passage, merging
themes and the codebook import. No 500, nothing stored that was refused, stored text
escaped where it is shown; each example runs in a rolled-back transaction (see
``interviews/tests/test_hostile_interview_input.py`` for the data entry's forms).
"""

import csv
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from interviews.coding.services import excerpt_create
from interviews.models import (
    Excerpt,
    Theme,
)
from interviews.tests.factories import make_interview, make_participant, make_theme
from scoping.tests.hostile import (
    FOUND_BUGS,
    OK,
    assert_escaped,
    form_data,
    post_and_check,
    snapshot,
    texts,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, superuser):
    return client_for(superuser)


@pytest.fixture
def consented():
    return make_participant(name="", consent=True)


@pytest.fixture
def codebook():
    values = make_theme("Values")
    return {"values": values, "respect": make_theme("Respect", parent=values)}


@FOUND_BUGS  # found bugs: b12c560
@given(data=st.data())
def test_the_theme_form_survives_anything(admin_client, codebook, data):
    theme = codebook["respect"]
    valid = {"name": "Boundaries", "parent": str(codebook["values"].pk), "description": ""}
    url = data.draw(
        st.sampled_from(
            ["/admin/interviews/theme/add/", f"/admin/interviews/theme/{theme.pk}/change/"]
        )
    )
    posted = data.draw(form_data(valid, ["name", "parent", "description"]))
    post_and_check(
        admin_client, url, posted, Theme, ["/admin/interviews/theme/", "/interviews/themes/"]
    )


def selections(pks):
    return st.lists(st.one_of(st.sampled_from([str(pk) for pk in pks]), texts), max_size=3)


@pytest.fixture
def approved(consented):
    return make_interview(consented)


@pytest.fixture
def excerpt(approved, codebook, interviewer):
    return excerpt_create(
        interview=approved, start=0, end=11, themes=[codebook["values"]], by=interviewer
    )


CODING_FIELDS = ["start", "end", "quote", "themes", "memo"]


@FOUND_BUGS  # found bugs: b12c560, 0449514
@given(data=st.data())
def test_the_coding_form_survives_anything(
    client_for, interviewer, approved, codebook, excerpt, data
):
    client = client_for(interviewer)
    url = data.draw(
        st.sampled_from([f"/interviews/{approved.pk}/", f"/interviews/excerpts/{excerpt.pk}/edit/"])
    )
    theme_ids = [str(t.pk) for t in codebook.values()]
    valid = {"start": "13", "end": "40", "quote": "", "themes": theme_ids[:1], "memo": "A memo"}
    posted = data.draw(form_data(valid, CODING_FIELDS))
    posted["themes"] = data.draw(st.one_of(st.just(posted["themes"]), selections(theme_ids)))
    with transaction.atomic():
        before = snapshot(Excerpt)
        response = client.post(url, posted)
        assert response.status_code in OK, response.status_code
        if response.status_code == 200:
            assert snapshot(Excerpt) == before
            page = response.content.decode()
        else:
            page = client.get(f"/interviews/{approved.pk}/").content.decode()
        assert_escaped(page)
        for stored in Excerpt.objects.all():
            assert stored.quote == approved.transcript[stored.start : stored.end]
            assert 0 <= stored.start < stored.end <= len(approved.transcript)
            assert stored.themes.exists()
        transaction.set_rollback(True)


@FOUND_BUGS  # found bugs: 0449514
@given(data=st.data())
def test_the_merge_form_survives_anything(client_for, interviewer, codebook, data):
    client = client_for(interviewer)
    ids = [str(t.pk) for t in codebook.values()]
    posted = {
        "source": data.draw(st.one_of(st.sampled_from(ids), values)),
        "target": data.draw(st.one_of(st.sampled_from(ids), values)),
    }
    with transaction.atomic():
        before = Theme.objects.count()
        response = client.post("/interviews/themes/merge/", posted)
        assert response.status_code in OK, response.status_code
        merged = response.status_code == 302
        assert Theme.objects.count() == before - merged
        assert_escaped(response.content.decode())
        transaction.set_rollback(True)


def csv_bytes(rows, encoding):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


HOSTILE_FILES = [
    b"",
    b"\x00\x01\x02",
    b"\xff\xfe\x00n\x00a\x00m\x00e",
    b"name\na\x00b\n",
    b"name,description\nx," + b"y" * 140_000 + b"\n",
    b'name\n"never closed\n',
    b"name,parent\nA,B\nB,A\n",
    b"name,parent\nA,A\n",
    b"PK\x03\x04 not a csv",
    b'name\n<script>alert(1)</script>\n=HYPERLINK("x")\n',
    b"parent,description\nA,B\n",
]


codebook_files = st.one_of(
    st.sampled_from(HOSTILE_FILES),
    st.binary(max_size=500),
    st.builds(
        csv_bytes,
        st.lists(
            st.lists(
                st.one_of(st.sampled_from(["name", "parent", "description"]), texts), max_size=4
            ),
            max_size=6,
        ),
        st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]),
    ),
)


@FOUND_BUGS  # found bugs: b12c560
@given(content=codebook_files, name=texts)
def test_the_codebook_import_survives_anything(client_for, interviewer, codebook, content, name):
    client = client_for(interviewer)
    with transaction.atomic():
        before = snapshot(Theme)
        # Django itself refuses to make an upload named "", "." or ".." (or ending "/").
        usable = os.path.basename(name) not in {"", ".", ".."}
        upload = SimpleUploadedFile(
            name if usable else "codebook.csv", content, content_type="text/csv"
        )
        response = client.post("/interviews/themes/import/", {"file": upload}, follow=True)
        # 400: Django refuses a multipart body whose file name breaks the headers.
        assert response.status_code in {200, 400}
        page = response.content.decode()
        assert_escaped(page)
        if "Codebook imported" not in page:
            assert snapshot(Theme) == before
        transaction.set_rollback(True)


# Regressions the generated input found ---------------------------------------


def test_a_codebook_cell_longer_than_the_csv_limit_is_a_message(client_for, interviewer):
    content = b"name,description\nLong," + b"y" * 140_000 + b"\n"
    response = client_for(interviewer).post(
        "/interviews/themes/import/",
        {"file": SimpleUploadedFile("codebook.csv", content)},
        follow=True,
    )
    page = response.content.decode()
    assert "this is not readable as CSV (field larger than field limit" in page
    assert "Nothing was imported." in page
    assert not Theme.objects.filter(name="Long").exists()


def test_a_codebook_with_a_nul_character_is_refused(client_for, interviewer):
    response = client_for(interviewer).post(
        "/interviews/themes/import/",
        {"file": SimpleUploadedFile("codebook.csv", b"name\nA\x00B\n")},
        follow=True,
    )
    assert "The file holds NUL characters" in response.content.decode()
    assert not Theme.objects.exists()


def test_digits_that_are_not_ascii_are_not_ids(client_for, superuser, interviewer, approved):
    """ "²" passes str.isdigit() but not int(): each of these was a 500."""
    client = client_for(superuser)
    response = client.post(
        "/admin/interviews/consent/add/", {"participant": "²", "signed_on": "2020-01-01"}
    )
    assert response.status_code == 200
    response = client.post(
        "/admin/activities/activity/add/", {"name": "Walk", "shared_experiences": ["²"]}
    )
    assert response.status_code == 200
    make_theme()
    response = client_for(interviewer).post(
        f"/interviews/{approved.pk}/", {"start": "0", "end": "3", "themes": ["²"]}
    )
    assert "Choose themes from the list." in response.content.decode()
    assert not Excerpt.objects.exists()
