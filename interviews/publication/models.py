"""An excerpt the interview team has approved for publication to report readers.

Kept apart from ``Excerpt`` so deleting an excerpt (withdrawal, purge, recoding)
deletes its approval with it; whether an approved excerpt is shown is decided
again at every read (``interviews.publication.rules``), so a consent or transcript
that changes afterwards takes the quote down at once.
"""

from django.conf import settings
from django.db import models


class PublicationApproval(models.Model):
    excerpt = models.OneToOneField(
        "interviews.Excerpt", on_delete=models.CASCADE, related_name="publication"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "publication approval"

    def __str__(self):
        return f"Publication approval of excerpt {self.excerpt_id}"
