"""The tombstone a withdrawn participant leaves: their code, when, by whom (never a name).

A withdrawn participant's code cannot be given to anyone again (``Participant.clean``).
"""

from django.conf import settings
from django.db import models


class Withdrawal(models.Model):
    """The tombstone a withdrawn participant leaves: their code, when, by whom."""

    code = models.CharField(max_length=20)
    withdrawn_on = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-withdrawn_on"]

    def __str__(self):
        return f"{self.code} withdrew"
