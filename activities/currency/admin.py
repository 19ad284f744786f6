"""The champions of a place, on the place's page in the admin (an administrator sets them).

Nothing is registered here: ``reference.admin`` shows the inline on ``PlaceAdmin``.
"""

from django.contrib import admin

from activities.currency.models import PlaceChampion


class PlaceChampionInline(admin.TabularInline):
    """On a place's page: the champions who look after it (an administrator sets them)."""

    model = PlaceChampion
    extra = 0
    autocomplete_fields = []
    verbose_name = "champion of this place"
    verbose_name_plural = "champions of this place"
