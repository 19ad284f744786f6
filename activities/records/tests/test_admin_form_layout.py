"""The admin's activity form as a champion meets it: the essentials first and open, the
rest in short collapsed groups, help at a readable size, each field's own help, and no
silent default for Main focus."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from activities.models import Activity
from activities.records.tests.test_admin import activity_form

pytestmark = pytest.mark.django_db
ADD = "/admin/activities/activity/add/"


def fieldsets(html):
    """[(classes, heading or None, [field names])] in page order."""
    found = []
    for classes, body in re.findall(
        r'<fieldset class="module aligned ([^"]*)"(.*?)</fieldset>', html, re.S
    ):
        heading = re.search(r'class="fieldset-heading">([^<]+)<', body)
        names = re.findall(r'class="form-row[^"]*? field-([a-z_]+)', body)
        found.append((classes.split(), heading.group(1) if heading else None, names))
    return found


def test_the_essentials_come_first_and_open_and_the_rest_is_collapsed(client_for, champion):
    html = client_for(champion).get(ADD).content.decode()
    groups = fieldsets(html)
    open_fields = [
        name for classes, _h, names in groups if "collapse" not in classes for name in names
    ]
    assert open_fields == [
        "name", "organisation", "sector", "version_seen", "coverage", "place", "places",
        "main_focus", "shared_experiences", "delivery_model",
    ]  # fmt: skip
    collapsed = [(heading, names) for classes, heading, names in groups if "collapse" in classes]
    assert [heading for heading, _ in collapsed] == [
        "Who delivers it and who can go",
        "Where and how to reach it",
        "Status and funding",
        "How it was found",
        "Record keeping",
    ]
    assert all(len(names) <= 5 for _, names in collapsed)  # short groups
    assert html.count("<details><summary>") >= 5  # collapsed without JavaScript too


def test_main_focus_starts_blank_and_must_be_chosen(client_for, champion):
    client = client_for(champion)
    html = client.get(ADD).content.decode()
    select = html.split('name="main_focus"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>Choose the main focus</option>' in select
    response = client.post(ADD, activity_form(main_focus=""))
    assert response.status_code == 200
    assert "Choose the main focus: is mental health its main purpose or not?" in (
        response.content.decode()
    )
    assert not Activity.objects.exists()
    assert client.post(ADD, activity_form(main_focus="non_mental_health")).status_code == 302
    assert Activity.objects.get().main_focus == "non_mental_health"


def test_an_activitys_own_main_focus_is_kept_when_it_is_edited(client_for, champion):
    client = client_for(champion)
    client.post(ADD, activity_form(main_focus="non_mental_health"))
    activity = Activity.objects.get()
    html = client.get(f"/admin/activities/activity/{activity.pk}/change/").content.decode()
    select = html.split('name="main_focus"', 1)[1].split("</select>", 1)[0]
    assert '<option value="non_mental_health" selected>' in select


def test_each_field_has_its_own_help_not_the_directory_filters(client_for, champion):
    html = client_for(champion).get(ADD).content.decode()
    place = html.split('class="form-row field-place"', 1)[1].split('class="form-row', 1)[0]
    assert "For an activity serving one place: the place (of the six) where it happens." in place
    assert "Every activity serving it" not in html  # the directory's Place filter says that
    assert "Use “Serves” to leave" not in html
    assert "Does it call itself peer support" in html
    # Definitions fold away under each field that has them.
    sector = html.split('class="form-row field-sector"', 1)[1].split('class="form-row', 1)[0]
    assert '<details class="psd-definitions-details"><summary>What each choice means' in sector


def test_help_text_is_set_at_a_readable_size_in_a_static_file(client_for, champion):
    html = client_for(champion).get(ADD).content.decode()
    assert re.search(r'<link href="/static/css/admin\.css[^"]*"', html)
    css = (Path(settings.BASE_DIR) / "static" / "css" / "admin.css").read_text()
    rule = css.split(".change-form .help li {", 1)[1].split("}", 1)[0]
    assert "font-size: 0.875rem" in rule  # 14 px, not the admin's 11 px
