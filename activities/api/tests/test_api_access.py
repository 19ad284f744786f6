"""Who may read the API: partner tokens, revocation, public mode and CORS, the rate
limit, the use log, and issuing and revoking tokens in the admin."""

import pytest
from django.core.cache import cache

from activities.api.models import ApiPartner, ApiUse, token_hash

pytestmark = pytest.mark.django_db

URLS = [
    "/api/",
    "/api/openapi.json",
    "/api/services",
    "/api/service_at_locations",
    "/api/taxonomies",
    "/api/taxonomy_terms",
]


@pytest.mark.parametrize("url", URLS)
def test_it_needs_a_token_by_default(client, api_settings, url):
    response = client.get(url)
    assert response.status_code == 401
    answer = response.json()
    assert answer["detail"].startswith("This API needs a partner token")
    assert answer["token_request"] == "http://127.0.0.1:8000/about/#api-access"
    assert answer["token_request"] in answer["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Access-Control-Allow-Origin" not in response


def test_signing_in_to_the_site_is_not_a_token(client, api_settings, superuser):
    client.force_login(superuser)
    assert client.get("/api/services").status_code == 401


@pytest.mark.parametrize("url", URLS)
def test_a_partner_token_opens_it(api, url):
    response = api.get(url)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    "header, message",
    [
        ("Bearer psd_not-a-token-we-issued", "This token is not one we issued."),
        ("Token abc", "Send the partner token as: Authorization: Bearer <token>."),
        ("Bearer", "Send the partner token as: Authorization: Bearer <token>."),
    ],
)
def test_a_wrong_token_is_refused(client, api_settings, partner, header, message):
    response = client.get("/api/services", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": message}


def test_a_revoked_token_is_refused(client, api_settings, partner):
    partner_row, token = partner
    partner_row.revoke()
    partner_row.save()
    response = client.get("/api/services", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "This token has been revoked; ask the directory team for a new one."
    }


def test_a_new_token_replaces_the_old(client, api_settings, partner):
    partner_row, old = partner
    new = partner_row.issue_token()
    partner_row.save()
    assert client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {old}").status_code == 401
    assert client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {new}").status_code == 200
    assert ApiPartner.objects.get().token_hash == token_hash(new)  # only the hash is kept


@pytest.mark.parametrize("url", URLS)
def test_public_mode_needs_no_key_and_allows_any_origin(client, api_settings, url):
    api_settings.API_PUBLIC = True
    response = client.get(url, HTTP_ORIGIN="https://partner.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_public_mode_answers_errors_with_cors_too(client, api_settings):
    api_settings.API_PUBLIC = True
    response = client.get("/api/services?per_page=0")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"


def test_public_mode_documents_the_token_as_optional(client, api_settings):
    api_settings.API_PUBLIC = True
    document = client.get("/api/openapi.json").json()
    assert document["paths"]["/api/services"]["get"]["security"] == [{"partnerToken": []}, {}]


def test_the_rate_limit_is_per_token(client, api_settings, partner):
    api_settings.API_RATE_LIMIT = "3/minute"
    cache.clear()
    _, token = partner
    other = ApiPartner(name="Calderdale NHS directory")
    other_token = other.issue_token()
    other.save()
    answers = [
        client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code for _ in range(4)
    ]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.json()["detail"].startswith("Request was throttled.")
    assert int(refused["Retry-After"]) > 0
    assert client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {other_token}").status_code == 200


def test_the_rate_limit_is_per_address_when_public(client, api_settings):
    api_settings.API_PUBLIC = True
    api_settings.API_RATE_LIMIT = "2/minute"
    cache.clear()
    assert [client.get("/api/").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_every_partner_request_is_logged_without_query_values(api, partner):
    partner_row, _ = partner
    api.get("/api/services?search=anxiety&per_page=5")
    api.get("/api/services/not-a-uuid")
    uses = list(ApiUse.objects.order_by("at", "pk").values_list("path", "parameters", "status"))
    assert uses == [
        ("/api/services", "per_page,search", 200),
        ("/api/services/not-a-uuid", "", 404),
    ]
    assert "anxiety" not in str(uses)
    partner_row.refresh_from_db()
    assert partner_row.last_used is not None


def test_the_admin_shows_a_new_token_once_and_stores_its_hash(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/activities/apipartner/add/", {"name": "Wakefield Council", "notes": ""}
    )
    assert response.status_code == 200
    token = response.context["token"]
    assert token.startswith("psd_") and token in response.content.decode()
    partner = ApiPartner.objects.get(name="Wakefield Council")
    assert partner.token_hash == token_hash(token) and token not in partner.token_hash
    page = client.get(f"/admin/activities/apipartner/{partner.pk}/change/").content.decode()
    assert token not in page


def test_the_admin_revokes_and_reissues(client, superuser, api_settings, partner):
    partner_row, token = partner
    client.force_login(superuser)
    client.post(
        "/admin/activities/apipartner/",
        {"action": "revoke_tokens", "_selected_action": [partner_row.pk]},
    )
    partner_row.refresh_from_db()
    assert partner_row.revoked is not None
    client.logout()
    assert client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401

    client.force_login(superuser)
    response = client.post(
        "/admin/activities/apipartner/",
        {"action": "issue_new_token", "_selected_action": [partner_row.pk]},
    )
    new = response.context["token"]
    client.logout()
    assert client.get("/api/", HTTP_AUTHORIZATION=f"Bearer {new}").status_code == 200


def test_champions_cannot_manage_partners(client, champion):
    client.force_login(champion)
    assert client.get("/admin/activities/apipartner/").status_code == 403
    assert client.get("/admin/activities/apiuse/").status_code == 403
