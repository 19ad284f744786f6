"""Periodic messages a person can turn off: from the link in each one (signed, so it needs
no sign-in and no stored token) or on their account page."""

from django.core import signing
from django.urls import reverse

from scoping.mail.models import Unsubscribe
from scoping.mail.sending import absolute

SALT = "scoping.mail.unsubscribe"
PERIODIC = Unsubscribe.Kind


def unsubscribe_token(user, kind):
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def unsubscribe_url(user, kind):
    return absolute(reverse("unsubscribe", args=[unsubscribe_token(user, kind)]))


def unsubscribe_read(token):
    """(user id, kind) from a link's token, or None if it was not one we made."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if data.get("k") not in PERIODIC.values:
        return None
    return data["u"], data["k"]


def subscribed(user, kind):
    return not Unsubscribe.objects.filter(user=user, kind=kind).exists()


def subscription_set(user, kind, on):
    if on:
        Unsubscribe.objects.filter(user=user, kind=kind).delete()
    else:
        Unsubscribe.objects.get_or_create(user=user, kind=kind)
