"""What the anonymiser is told and what it did: the names it removes from every
transcript (``StaffName``), the words it need not flag (``SafeWord``) and the redaction
log of what it replaced and how each flag was decided (``RedactionLogEntry``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from interviews.recording.interviews import Interview


class StaffName(models.Model):
    """A name the anonymiser removes from every transcript (staff, champions, ...)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "name to anonymise"
        verbose_name_plural = "names to anonymise"

    def __str__(self):
        return "A name to anonymise"


class SafeWord(models.Model):
    """A capitalised word or number the anonymiser need not flag (``flags``)."""

    word = models.CharField(
        max_length=100,
        unique=True,
        help_text="One word or number, for example a programme's name; case does not matter.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why it is safe.")

    class Meta:
        ordering = ["word"]
        verbose_name = "safe word"
        verbose_name_plural = "safe words (not flagged by the anonymiser)"

    def __str__(self):
        return self.word

    def clean(self):
        self.word = self.word.strip()
        if not self.word or len(self.word.split()) != 1:
            raise ValidationError({"word": "Enter one word or number, without spaces."})


class RedactionLogEntry(models.Model):
    """What the anonymiser replaced in a transcript; for the interview team only."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="redactions")
    kind = models.CharField(max_length=20)
    original = models.TextField()
    replacement = models.CharField(max_length=40)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(
        blank=True, help_text="Why a flagged word was kept (kind “kept”); blank otherwise."
    )

    class Meta:
        ordering = ["interview", "start"]
        verbose_name = "redaction log entry"
        verbose_name_plural = "redaction log"

    def __str__(self):
        return f"{self.kind} replaced by {self.replacement}"
