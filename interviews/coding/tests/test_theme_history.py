"""The codebook's audit trail: the admin shows who changed which theme, and how."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.coding.services import excerpt_create, excerpt_update
from interviews.models import Theme
from interviews.tests.factories import make_interview, make_theme

pytestmark = pytest.mark.django_db


def test_an_admin_edit_of_a_theme_is_kept_with_who_made_it(client_for, interviewer):
    values = make_theme("Values")
    theme = make_theme("Boundries")
    client = client_for(interviewer)
    response = client.post(
        f"/admin/interviews/theme/{theme.pk}/change/",
        {
            "name": "Boundaries",
            "parent": str(values.pk),
            "description": "Limits <b>kept</b>",
            "source": "interviews",
        },
    )
    assert response.status_code == 302
    latest = theme.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", interviewer)
    assert (latest.name, latest.parent_id, latest.description) == (
        "Boundaries",
        values.pk,
        "Limits <b>kept</b>",
    )
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes == {
        "name": ("Boundries", "Boundaries"),
        "parent": (None, values.pk),
        "description": ("", "Limits <b>kept</b>"),
    }

    page = client.get(f"/admin/interviews/theme/{theme.pk}/history/").content.decode()
    assert "interviewer" in page  # who
    assert "Boundries" in page and "Boundaries" in page  # what, before and after
    assert "Limits &lt;b&gt;kept&lt;/b&gt;" in page
    assert "<b>kept</b>" not in page
    record = client.get(
        f"/admin/interviews/theme/{theme.pk}/history/{latest.history_id}/"
    ).content.decode()
    assert "Boundaries" in record


def test_coding_an_excerpt_adds_nothing_to_a_themes_history(interviewer):
    theme = make_theme()
    interview = make_interview()
    excerpt = excerpt_create(interview=interview, start=0, end=11, themes=[theme], by=interviewer)
    excerpt_update(excerpt=excerpt, start=0, end=12, themes=[theme], memo="A memo", by=interviewer)
    assert theme.history.count() == 1
    recorded = list(Theme.history.values_list("name", "description"))
    assert recorded == [(theme.name, "")]


def test_a_merge_is_in_the_history_of_both_themes_and_the_moved_children(client_for, interviewer):
    source, target = make_theme("Limits"), make_theme("Boundaries")
    child = make_theme("Saying no", parent=source)
    response = client_for(interviewer).post(
        "/interviews/themes/merge/", {"source": source.pk, "target": target.pk}
    )
    assert response.status_code == 302
    moved = child.history.latest()
    assert (moved.parent_id, moved.history_user) == (target.pk, interviewer)
    deleted = Theme.history.filter(id=source.pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", interviewer)


def test_re_importing_an_unchanged_codebook_adds_no_history(client_for, interviewer):
    csv = b"name,parent,description\nValues,,What matters\nRespect,Values,\n"
    client = client_for(interviewer)

    def upload():
        client.post(
            "/interviews/themes/import/",
            {"file": SimpleUploadedFile("codebook.csv", csv, content_type="text/csv")},
        )

    upload()
    respect = Theme.objects.get(name="Respect")
    assert respect.parent.name == "Values"
    assert respect.history.latest().history_user == interviewer
    recorded = Theme.history.count()
    upload()
    assert Theme.history.count() == recorded
