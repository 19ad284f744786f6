"""Hostile input to the admin forms for reference data and accounts: places, shared
experiences, users and groups (as many examples each as test_hostile_input)."""

import pytest
from django.contrib.auth.models import Group, User
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Place, SharedExperience
from scoping.tests.hostile import FOUND_BUGS, RUN, ids, post_and_check, texts

pytestmark = pytest.mark.django_db


def _post_and_check(client, url, data, model):
    """A stored row shows escaped in the list the add form belongs to."""
    post_and_check(client, url, data, model, [url.removesuffix("add/")])


@RUN
@given(name=texts, slug=texts, population=texts, source=texts, gss=texts)
def test_the_place_form_survives_anything(
    client_for, superuser, name, slug, population, source, gss
):
    data = {
        "name": name,
        "slug": slug,
        "population": population,
        "population_source": source,
        "gss_code": gss,
    }
    _post_and_check(client_for(superuser), "/admin/activities/place/add/", data, Place)


@RUN
@given(name=texts, slug=texts, description=texts)
def test_the_shared_experience_form_survives_anything(
    client_for, superuser, name, slug, description
):
    data = {"name": name, "slug": slug, "description": description}
    url = "/admin/activities/sharedexperience/add/"
    _post_and_check(client_for(superuser), url, data, SharedExperience)


@FOUND_BUGS  # found bugs: 253b506
@given(username=texts, password=texts, again=st.one_of(texts, st.just("")))
def test_the_new_user_form_survives_anything(client_for, superuser, username, password, again):
    data = {"username": username, "password1": password, "password2": again or password}
    _post_and_check(client_for(superuser), "/admin/auth/user/add/", data, User)


@FOUND_BUGS  # found bugs: 253b506
@given(name=texts, permissions=st.lists(ids, max_size=4))
def test_the_group_form_survives_anything(client_for, superuser, name, permissions):
    data = {"name": name, "permissions": permissions}
    _post_and_check(client_for(superuser), "/admin/auth/group/add/", data, Group)


def _refused(response):
    html = response.content.decode()
    return "Select a valid choice" in html or "is not a valid value" in html


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "²"])
def test_an_id_beyond_a_database_integer_is_a_form_error_in_the_account_pages(
    client_for, superuser, value
):
    client = client_for(superuser)
    response = client.post("/admin/auth/group/add/", {"name": "Helpers", "permissions": [value]})
    assert response.status_code == 200
    assert _refused(response)
    assert not Group.objects.filter(name="Helpers").exists()
    url = f"/admin/auth/user/{superuser.pk}/change/"
    response = client.post(url, {"username": "root", "groups": [value]})
    assert response.status_code == 200
    assert _refused(response)
    superuser.refresh_from_db()
    assert list(superuser.groups.all()) == []
