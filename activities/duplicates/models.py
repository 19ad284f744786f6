"""What a merge leaves behind: the merged-away activity's ids, pointing at the survivor."""

from django.conf import settings
from django.db import models


class MergedActivityQuerySet(models.QuerySet):
    def survivor_of(self, *, pk=None, uuid=None):
        """The activity an old id (its database id or published id) was merged into, or None."""
        lookup = {"activity_pk": pk} if pk is not None else {"uuid": uuid}
        row = self.filter(**lookup).select_related("survivor").first()
        return row.survivor if row else None


class MergedActivity(models.Model):
    """An activity merged into another: its directory link and its published id (the
    API's service id) now lead to the survivor."""

    activity_pk = models.PositiveBigIntegerField(
        "old directory id", unique=True, help_text="The merged-away activity's id in its links."
    )
    uuid = models.UUIDField(
        "old published id", unique=True, help_text="Its id in the Open Referral UK API."
    )
    name = models.CharField(max_length=300, help_text="Its name when it was merged.")
    survivor = models.ForeignKey(
        "activities.Activity",
        on_delete=models.CASCADE,
        related_name="merged_in",
        help_text="The activity it became part of.",
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MergedActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "merged activity"
        verbose_name_plural = "merged activities"

    def __str__(self):
        return f"Activity {self.activity_pk}, merged into {self.survivor_id}"
