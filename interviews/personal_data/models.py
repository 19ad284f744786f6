"""The access log: who opened a transcript or an identity, exported a subject access
file, found participants by a search on their personal data, or saw what the anonymiser
replaced, or exported transcripts in a REFI-QDA project, and when."""

from django.conf import settings
from django.db import models

from interviews.recording.interviews import Interview
from interviews.recording.participants import Participant


class AccessEvent(models.TextChoices):
    TRANSCRIPT = "transcript", "Viewed a transcript"
    IDENTITY = "identity", "Viewed an identity"
    SUBJECT_ACCESS = "subject_access", "Exported a subject access file"
    SEARCH = "search", "Found by a search on names, contact details or transcripts"
    REDACTIONS = "redactions", "Viewed what the anonymiser replaced"
    EXCHANGE = "exchange", "Exported in a REFI-QDA project (.qdpx)"
    CONSENT_PDF = "consent_pdf", "Downloaded a signed consent form"


class AccessLogEntry(models.Model):
    """Who looked at a transcript or an identity, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="access_log"
    )
    interview = models.ForeignKey(
        Interview, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(max_length=20, choices=AccessEvent.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self):
        return f"{self.get_event_display()} ({self.participant.code})"
