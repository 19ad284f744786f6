"""Issue 29, finding 6: every response that may carry interview data is sent with
``Cache-Control: no-store, private``, by middleware (``NoStoreMiddleware``), whoever asks
and whatever the answer (a page, an export, a redirect, a refusal)."""

import pytest

from interviews.models import PublicationApproval
from scoping.serving.middleware import NO_STORE_PREFIXES

pytestmark = pytest.mark.django_db

PAGES = [  # (path, its status for the interview team); {p} participant, {i} interview, ...
    ("/interviews/", 200),
    ("/interviews/{i}/", 200),
    ("/interviews/{i}/flags/", 200),
    ("/interviews/participants/", 200),
    ("/interviews/participants/{p}/", 200),
    ("/interviews/participants/{p}/progress/", 200),
    ("/interviews/participants/{p}/identity/", 200),
    ("/interviews/participants/{p}/consent/", 200),
    ("/interviews/participants/{p}/subject-access.json", 200),
    ("/interviews/excerpts/{e}/edit/", 200),
    ("/interviews/excerpts/{e}/delete/", 200),
    ("/interviews/excerpts/export.xlsx", 200),
    ("/interviews/themes/", 200),
    ("/interviews/themes/{t}/", 200),
    ("/interviews/themes/export.csv", 200),
    ("/interviews/themes/matrix/", 200),
    ("/interviews/themes/matrix.xlsx", 200),
    ("/study/quotes/", 200),
    ("/study/quotes/approval/", 200),
    ("/study/quotes/review/", 301),
    ("/reports/", 200),
    ("/reports/leeds/", 200),
    ("/reports/leeds/report.xlsx", 200),
    ("/admin/interviews/participant/", 200),
    ("/admin/interviews/participantidentity/{identity}/change/", 200),
    ("/admin/interviews/interview/{i}/change/", 200),
    ("/admin/interviews/redactionlogentry/", 200),
    ("/admin/interviews/accesslogentry/", 200),
    ("/interviews/participants/999999/", 404),
]


def no_store(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def filled(path, coded):
    participant = coded["participant"]
    return path.format(
        p=participant.pk,
        i=coded["interview"].pk,
        e=coded["excerpt"].pk,
        t=coded["theme"].pk,
        identity=participant.identity.pk,
    )


@pytest.mark.parametrize("path,status", PAGES)
def test_interview_data_is_never_stored_by_a_cache(client_for, coded, superuser, path, status):
    PublicationApproval.objects.create(excerpt=coded["excerpt"], approved_by=superuser)
    response = client_for(superuser).get(filled(path, coded))
    assert response.status_code == status
    assert no_store(response), response.get("Cache-Control")


@pytest.mark.parametrize("path", ["/interviews/participants/{p}/", "/interviews/{i}/"])
def test_a_refusal_is_not_stored_either(client_for, coded, analyst, path):
    response = client_for(analyst).get(filled(path, coded))
    assert response.status_code == 403
    assert no_store(response)


def test_a_signed_out_redirect_is_not_stored(client, coded):
    response = client.get(filled("/interviews/{i}/", coded))
    assert response.status_code == 302
    assert no_store(response)


def test_pages_without_interview_data_keep_their_caching(client_for, analyst):
    """The middleware is for interview data, not every page (the directory is not)."""
    assert not any("/activities/".startswith(p) for p in NO_STORE_PREFIXES)
    response = client_for(analyst).get("/activities/")
    assert response.status_code == 200
    assert not no_store(response)
    assert client_for(analyst).get("/favicon.ico")["Cache-Control"] == "public, max-age=86400"
