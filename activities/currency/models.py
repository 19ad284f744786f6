"""Which places each champion looks after: their review queue and the submissions they see."""

from django.conf import settings
from django.db import models


class PlaceChampionQuerySet(models.QuerySet):
    def place_ids_for(self, user):
        """The ids of the places ``user`` champions, or None for every place.

        A champion with no place assigned (and an administrator) sees all.
        """
        if user.is_superuser:
            return None
        ids = list(self.filter(user=user).values_list("place_id", flat=True))
        return ids or None


class PlaceChampion(models.Model):
    """A champion assigned to a place by an administrator."""

    place = models.ForeignKey(
        "activities.Place", on_delete=models.CASCADE, related_name="champions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="champion_places"
    )

    objects = PlaceChampionQuerySet.as_manager()

    class Meta:
        verbose_name = "place champion"
        constraints = [
            models.UniqueConstraint(fields=["place", "user"], name="place_champion_unique")
        ]

    def __str__(self):
        return f"Champion of {self.place}"
