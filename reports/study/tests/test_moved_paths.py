"""A page whose path changed with the vocabulary still answers at its old path, with a
permanent redirect, so bookmarks and links in old e-mails keep working."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_old_quotes_review_path_redirects_permanently_to_quote_approval(
    client_for, interviewer
):
    client = client_for(interviewer)
    response = client.get("/study/quotes/review/")
    assert response.status_code == 301
    assert response["Location"] == "/study/quotes/approval/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert (
        '<h1 class="govuk-heading-xl">Approve quotes for publication: 2019-20 study</h1>'
        in page.content.decode()
    )


def test_the_old_path_gives_nobody_more_than_the_new_one(client, client_for, analyst):
    assert (
        client.get("/study/quotes/review/", follow=True)
        .redirect_chain[-1][0]
        .startswith("/accounts/login/")
    )
    assert client_for(analyst).get("/study/quotes/review/", follow=True).status_code == 403
