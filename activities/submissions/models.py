"""Activities proposed through the public "share your activity" form.

A submission is kept apart from the directory: nothing reads this table but the
admin, where a champion of its place edits it and decides on it: accepts it (which
creates the activity) or rejects it. About the person who sent it, only the e-mail
address they may choose to give is kept, only until they have been told the outcome
(``activities/submissions/messages.py``), or ``SUBMITTER_EMAIL_DAYS`` days if it is
never decided (``prune_logs``). It is never shown in the admin, a log or ``__str__``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from activities.vocabulary.terms import DeliveredBy, DeliveryModel, Sector


class Submission(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    name = models.CharField("name of the activity", max_length=200)
    organisation = models.CharField(
        "organisation", max_length=200, blank=True, help_text="Leave empty for an informal group."
    )
    place = models.ForeignKey(
        "activities.Place", on_delete=models.PROTECT, related_name="submissions"
    )
    description = models.TextField(
        "what happens", max_length=2000, help_text="Plain text; shown to champions only."
    )
    delivery_model = models.CharField(
        "primary model of delivery", max_length=20, choices=DeliveryModel.choices, blank=True
    )
    delivered_by = models.CharField(
        "who gives the support",
        max_length=20,
        choices=DeliveredBy.choices,
        default=DeliveredBy.UNKNOWN,
    )
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    shared_experiences = models.ManyToManyField(
        "activities.SharedExperience", blank=True, related_name="submissions"
    )
    venue = models.CharField("venue / area", max_length=200, blank=True)
    website = models.URLField(max_length=300, blank=True)
    contact = models.CharField(
        "public contact",
        max_length=300,
        blank=True,
        help_text="An office phone or e-mail people may use; not a person's own.",
    )
    online = models.BooleanField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    submitted_at = models.DateTimeField(auto_now_add=True)
    # The decision: who accepted or rejected it, when, and why. The columns keep the
    # names they had when this was called a review (migration 0016 renamed the fields only).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_column="reviewed_by_id",
    )
    decided_at = models.DateTimeField(
        null=True, blank=True, editable=False, db_column="reviewed_at"
    )
    decision_note = models.TextField(
        blank=True,
        help_text="Why it was rejected, or what changed. If the person who shared it asked "
        "to hear what happens, this is sent to them.",
        db_column="review_note",
    )
    sender_email = models.EmailField(
        "sender's e-mail address",
        blank=True,
        editable=False,
        help_text="Only to tell the sender what happened to it; deleted once they are told.",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The activity accepting it created.",
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["pending", "accepted", "rejected"]),
                name="submission_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(delivery_model__in=["", *DeliveryModel.values]),
                name="submission_delivery_model_valid",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=["", *Sector.values]), name="submission_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(delivered_by__in=DeliveredBy.values),
                name="submission_delivered_by_valid",
            ),
        ]

    def __str__(self):
        return f"Submission {self.pk} ({self.get_state_display().lower()})"
