"""One record per message the site sends, keyed by what it is about (its idempotency key)."""

from django.db import models


class SentMessage(models.Model):
    """A message queued or sent. ``key`` says what the message is for (``invite:12``,
    ``reset:7:2026-12-07T16:20``, ``digest:3:2026-W49``): queuing the same key twice sends
    one message. Once sent, the bodies are emptied (they may hold a one-time link); the
    subject, kind, recipient and time stay as the record of what was sent; the recipient
    too is deleted when ``forget_recipient`` is set (a self-submitter's address)."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    unsubscribe_url = models.URLField(max_length=500, blank=True)
    forget_recipient = models.BooleanField(
        default=False,
        help_text="Delete the address once the message is sent (someone who is not a user "
        "asked to hear about one thing only).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "scoping"
        ordering = ["-created"]
        indexes = [models.Index(fields=["state", "created"])]

    def __str__(self):
        return f"{self.kind} message {self.pk} ({self.get_state_display()})"


class Unsubscribe(models.Model):
    """A person who turned a periodic message off (none: it is on)."""

    class Kind(models.TextChoices):
        DIGEST = "digest", "The weekly list of activities due for a check"

    user = models.ForeignKey(
        "auth.User", on_delete=models.CASCADE, related_name="mail_unsubscribes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "scoping"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unsubscribe_unique")]

    def __str__(self):
        return f"Unsubscribe {self.pk} ({self.kind})"
