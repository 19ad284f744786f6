"""An invitation: one person, one role, one link that works once within 7 days."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from scoping.accounts.roles import ROLES


class Invitation(models.Model):
    """Only a hash of the link's token is kept: a database reader cannot use the link."""

    email = models.EmailField()
    role = models.CharField(max_length=40, choices=[(role, role) for role in ROLES])
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "scoping"
        ordering = ["-created"]

    def __str__(self):
        return f"Invitation {self.pk} ({self.role})"

    @property
    def state(self):
        if self.used:
            return "Used"
        if self.expires <= timezone.now():
            return "Expired"
        return "Waiting"
