"""Inviting a person: the link, its e-mail, and accepting it.

The administrator gives an address and a role and never a password: the person chooses
their own (Django's password validators) through a link that works once, for 7 days,
and is then signed in with that role.
"""

import datetime
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from scoping.accounts.models import Invitation
from scoping.accounts.roles import ROLES, STAFF_ROLES
from scoping.mail.sending import absolute, message_queue

INVITATION_DAYS = 7


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(*, email, role, invited_by=None, now=None):
    """Record an invitation and e-mail its link; (invitation, token)."""
    email = email.strip().lower()
    if role not in ROLES:
        raise ValidationError(f"No role called {role!r}: the roles are {', '.join(ROLES)}.")
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError("Someone with that e-mail address already has an account.")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            token_hash=token_hash(token),
            invited_by=invited_by,
            created=now,
            expires=now + datetime.timedelta(days=INVITATION_DAYS),
        )
        by = (invited_by.get_full_name() or invited_by.get_username()) if invited_by else None
        message_queue(
            key=f"invitation:{invitation.pk}",
            kind="invitation",
            to=email,
            subject="You are invited to the Peer Support Directory",
            template="invitation",
            context={
                "invited_by": by or "An administrator",
                "role": role,
                "expires": timezone.localtime(invitation.expires),
                "link": absolute(reverse("invitation", args=[token])),
            },
        )
    return invitation, token


def invitation_open(token, now=None):
    """The waiting invitation the token opens, or None (unknown, used or expired)."""
    now = now or timezone.now()
    return Invitation.objects.filter(
        token_hash=token_hash(token), used__isnull=True, expires__gt=now
    ).first()


def invitation_accept(token, password):
    """Make the account (the invitation's address as its user name) and use the invitation
    up; the new user, or None if the link no longer works."""
    with transaction.atomic():
        invitation = invitation_open(token)
        if invitation is None:
            return None
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used:
            return None
        user = get_user_model().objects.create_user(
            invitation.email,
            email=invitation.email,
            password=password,
            is_staff=invitation.role in STAFF_ROLES,
        )
        user.groups.add(Group.objects.get(name=invitation.role))
        invitation.used = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["used", "user"])
    return user
