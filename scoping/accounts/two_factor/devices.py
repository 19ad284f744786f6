"""A user's devices: enrolling an authenticator app, backup codes, and an administrator's
reset of a lost device."""

import base64
import logging

import segno
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from scoping.accounts.sessions import sessions_end

log = logging.getLogger(__name__)
BACKUP_CODES = 10
APP = "Authenticator app"
BACKUP = "Backup codes"
ISSUER = "Peer Support Directory"


def totp_pending(user):
    """The user's unconfirmed app device (made on first asking), to show as a QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP, confirmed=False)


def totp_qr_svg(device):
    """The device's ``otpauth://`` address as an SVG QR code (no request leaves the site)."""
    url = device.config_url.replace("otpauth://totp/", f"otpauth://totp/{ISSUER}:", 1)
    return segno.make(url + f"&issuer={ISSUER.replace(' ', '%20')}", error="m").svg_inline(
        scale=5, border=2, title="QR code for your authenticator app"
    )


def totp_secret(device):
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def totp_confirm(device, token):
    """Confirm the app device if ``token`` is its current code; whether it was."""
    if not device.verify_token(token.replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def backup_codes_new(user):
    """Replace the user's backup codes with ``BACKUP_CODES`` new ones; the codes, to show once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def two_factor_reset(user, by):
    """An administrator's action for a lost device: remove the user's devices and end their
    sessions, so they enrol again at their next sign-in. Logged in the admin's history."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    sessions_end(user)
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message="Reset two-factor sign-in (lost device): devices removed, signed out.",
        single_object=True,
    )
    log.info("two-factor reset", extra={"user_id": user.pk, "by_user_id": by.pk})
    return removed
