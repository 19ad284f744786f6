"""Two-factor sign-in: the gate per role with production's setting, enrolment with an
authenticator app, backup codes that work once, the administrator's reset, and the local
default that leaves the demo quick."""

import datetime
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from scoping.accounts.two_factor.devices import backup_codes_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def signed_in(user):
    client = Client()
    client.force_login(user)  # signals user_logged_in, which sets the session's gate
    return client


def app_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrol(user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, backup_codes_new(user)


@pytest.mark.parametrize(
    "role,gated",
    [
        ("interviewer", True),
        ("superuser", True),  # may read interview data
        ("champion", False),
        ("analyst", False),
        ("commissioner", False),
    ],
)
def test_in_production_the_interview_data_roles_must_enrol(required, request, role, gated):
    user = request.getfixturevalue(role)
    response = signed_in(user).get("/activities/")
    if gated:
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor/setup/?next=%2Factivities%2F"
    else:
        assert response.status_code in (200, 403)


def test_staff_given_interview_data_access_must_enrol(required, champion):
    champion.user_permissions.add(Permission.objects.get(codename="view_participantidentity"))
    assert signed_in(champion).get("/")["Location"].startswith("/accounts/two-factor/setup/")


def test_locally_nobody_is_asked_unless_they_enrolled(interviewer, champion):
    assert settings.TWO_FACTOR_REQUIRED is False
    assert signed_in(interviewer).get("/").status_code == 200
    enrol(champion)  # offered to everyone: once enrolled, they give a code at sign-in
    assert signed_in(champion).get("/")["Location"] == "/accounts/two-factor/verify/?next=%2F"


def test_enrolment_with_an_authenticator_app_then_backup_codes(required, interviewer, time_machine):
    client = signed_in(interviewer)
    page = client.get("/accounts/two-factor/setup/?next=/interviews/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Your role can read interview data" in html
    assert "Not now" not in html
    device = TOTPDevice.objects.get(user=interviewer, confirmed=False)
    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000", "next": "/interviews/"})
    assert wrong.status_code == 400 and "That code did not work" in wrong.content.decode()
    time_machine.move_to(
        timezone.now() + datetime.timedelta(seconds=2)
    )  # after a wrong code the device waits a second (django-otp's throttle)
    done = client.post(
        "/accounts/two-factor/setup/", {"code": app_code(device), "next": "/interviews/"}
    )
    assert done.status_code == 200
    codes = StaticDevice.objects.get(user=interviewer).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    for code in codes:
        assert code in done.content.decode()
    assert client.get("/interviews/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_device_asks_for_a_code_and_a_backup_code_works_once(required, interviewer, time_machine):
    device, codes = enrol(interviewer)
    client = signed_in(interviewer)
    assert client.get("/")["Location"] == "/accounts/two-factor/verify/?next=%2F"
    assert client.get("/accounts/two-factor/verify/").status_code == 200
    wrong = client.post("/accounts/two-factor/verify/", {"code": "12345678", "next": "/"})
    assert wrong.status_code == 400
    # Straight after a wrong code even a right one is refused (django-otp's throttle).
    assert client.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 400
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=2))
    ok = client.post("/accounts/two-factor/verify/", {"code": codes[0], "next": "/interviews/"})
    assert ok["Location"] == "/interviews/"
    assert client.get("/interviews/").status_code == 200
    again = signed_in(interviewer)
    assert again.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 400
    time_machine.move_to(timezone.now() + datetime.timedelta(seconds=2))
    by_app = again.post("/accounts/two-factor/verify/", {"code": app_code(device), "next": "/"})
    assert by_app["Location"] == "/"


def test_a_gated_user_can_still_sign_out_and_read_public_pages(required, interviewer):
    client = signed_in(interviewer)
    for url in ("/about/", "/activities/share/", "/accounts/password_reset/"):
        assert client.get(url).status_code == 200, url
    assert client.post("/accounts/logout/").status_code == 302


def test_the_next_address_never_leaves_the_site(required, interviewer):
    _, codes = enrol(interviewer)
    client = signed_in(interviewer)
    response = client.post(
        "/accounts/two-factor/verify/", {"code": codes[1], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_an_administrator_resets_a_lost_device_and_it_is_logged(
    admin_client, admin_user, interviewer
):
    enrol(interviewer)
    theirs = signed_in(interviewer)
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [interviewer.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=interviewer).exists()
    assert not StaticDevice.objects.filter(user=interviewer).exists()
    entry = LogEntry.objects.get(object_id=str(interviewer.pk))
    assert entry.user == admin_user
    assert "Reset two-factor sign-in" in entry.get_change_message()
    assert theirs.get("/")["Location"].startswith("/accounts/login/")  # signed out


def test_the_account_page_shows_the_state_and_makes_new_codes(required, interviewer):
    device, old = enrol(interviewer)
    client = signed_in(interviewer)
    client.post("/accounts/two-factor/verify/", {"code": app_code(device)})
    page = client.get("/accounts/two-factor/").content.decode()
    assert "On: you sign in with a code" in page and "Required" in page
    new = client.post("/accounts/two-factor/backup-codes/")
    assert new.status_code == 200
    fresh = StaticDevice.objects.get(user=interviewer).token_set.values_list("token", flat=True)
    assert not set(old) & set(fresh) and len(fresh) == 10


def production_setting(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TWO_FACTOR_REQUIRED"}}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="psd.example.org", **extra)
    code = "import scoping.settings as s; print(s.TWO_FACTOR_REQUIRED)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    return result.stdout.strip() or result.stderr


def test_required_in_production_and_not_locally_unless_asked():
    assert production_setting(DJANGO_ENV="production") == "True"
    assert production_setting(DEBUG="1") == "False"
    assert production_setting(DEBUG="1", TWO_FACTOR_REQUIRED="1") == "True"
