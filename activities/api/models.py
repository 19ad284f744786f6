"""Partners who may read the API, their tokens, and every use they make of it.

The directory is not a public signposting service, so by default the API answers
only a partner's token (``API_PUBLIC`` opens it to everyone). A partner has one
token at a time: issuing a new one replaces it, revoking ends it. Only a hash of the
token is stored; the token itself is shown once, when it is issued.
"""

import hashlib
import secrets

from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "psd_"


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class ApiPartnerQuerySet(models.QuerySet):
    def for_token(self, token):
        """The partner this token was issued to, revoked or not, or None."""
        if not token or len(token) > 200:
            return None
        return self.filter(token_hash=token_hash(token)).first()


class ApiPartner(models.Model):
    """An organisation (a council's or the NHS's directory team) that pulls the API."""

    name = models.CharField(max_length=200, unique=True, help_text="The partner organisation.")
    notes = models.TextField(
        blank=True, help_text="What they use it for. No personal contact details."
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_start = models.CharField(
        "token begins", max_length=12, editable=False, help_text="To recognise a token."
    )
    issued = models.DateTimeField("token issued", editable=False)
    revoked = models.DateTimeField("token revoked", null=True, blank=True, editable=False)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiPartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "API partner"

    def __str__(self):
        return self.name

    @property
    def active(self):
        return self.revoked is None

    def issue_token(self):
        """Give the partner a new token (the old one stops working); return it, once."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.token_hash = token_hash(token)
        self.token_start = token[:12]
        self.issued = timezone.now()
        self.revoked = None
        return token

    def revoke(self):
        if self.revoked is None:
            self.revoked = timezone.now()


class ApiUse(models.Model):
    """One request a partner made: when, which endpoint, which parameters, what it got.

    Query values are not kept (the request log's rule): only the parameters' names.
    """

    partner = models.ForeignKey(ApiPartner, on_delete=models.PROTECT, related_name="uses")
    at = models.DateTimeField(db_index=True)
    path = models.CharField(max_length=300)
    parameters = models.CharField(max_length=300, blank=True)
    status = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at"]
        verbose_name = "API use"

    def __str__(self):
        return f"{self.partner} {self.path} ({self.status})"
