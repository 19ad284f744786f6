"""The sign-in lockout counts failures per client, behind a proxy as well as without one."""

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from conftest import PASSWORD
from scoping.accounts.client_address import client_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # what the app sees as REMOTE_ADDR behind a proxy
CLIENT_A = "203.0.113.5"
CLIENT_B = "198.51.100.7"


def sign_in(client, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        "/accounts/login/", {"username": "champion", "password": password}, **headers
    )


def test_behind_one_proxy_five_failures_lock_out_that_client_only(client, champion, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        response = sign_in(client, "wrong", forwarded=CLIENT_A)
    assert response.status_code == 429
    assert sign_in(client, PASSWORD, forwarded=CLIENT_A).status_code == 429

    response = sign_in(client, PASSWORD, forwarded=CLIENT_B)
    assert response.status_code == 302 and response["Location"] == "/"
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT_A]


def test_behind_a_proxy_a_forged_left_part_of_the_header_is_not_believed(
    client, champion, settings
):
    """The proxy appends the address it saw; what the client wrote before it is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        sign_in(client, "wrong", forwarded=f"192.0.2.{n}, {CLIENT_A}")
    assert sign_in(client, PASSWORD, forwarded=f"192.0.2.99, {CLIENT_A}").status_code == 429


def test_without_a_proxy_a_forged_header_does_not_escape_the_lockout(client, champion, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        response = sign_in(client, "wrong", remote=CLIENT_A, forwarded=f"192.0.2.{n}")
    assert response.status_code == 429
    response = sign_in(client, PASSWORD, remote=CLIENT_A, forwarded=CLIENT_B)
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT_A]


def test_behind_two_proxies_the_client_is_the_second_address_from_the_right(
    client, champion, settings
):
    """A load balancer in front of the TLS proxy: "forged, client, load balancer"."""
    settings.TRUSTED_PROXY_COUNT = 2
    balancer = "10.0.0.9"
    for n in range(5):
        sign_in(client, "wrong", forwarded=f"192.0.2.{n}, {CLIENT_A}, {balancer}")
    assert sign_in(client, PASSWORD, forwarded=f"{CLIENT_A}, {balancer}").status_code == 429
    response = sign_in(client, PASSWORD, forwarded=f"{CLIENT_B}, {balancer}")
    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT_A]


@pytest.mark.parametrize(
    "forwarded",
    ["", "not-an-address", f"{CLIENT_A}, <script>"],
    ids=["no header", "not an address", "garbage where the client should be"],
)
def test_a_header_that_did_not_come_through_the_proxies_counts_as_the_proxy(forwarded, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == PROXY


def test_a_header_shorter_than_the_chain_of_proxies_counts_as_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT_A)
    assert client_address(request) == PROXY


def trusted_proxies(**env):
    """TRUSTED_PROXY_COUNT as settings read it from the given environment."""
    unset = {"BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | env
    code = "from scoping import settings; print(settings.TRUSTED_PROXY_COUNT)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout)


def test_the_header_is_trusted_only_behind_a_proxy_one_proxy_unless_told():
    assert trusted_proxies() == 0
    assert trusted_proxies(TRUSTED_PROXY_COUNT="2") == 0
    assert trusted_proxies(BEHIND_TLS_PROXY="1") == 1
    assert trusted_proxies(BEHIND_TLS_PROXY="1", TRUSTED_PROXY_COUNT="2") == 2
