"""Filters for the change-since panel (``reports.snapshots.store``)."""

from django import template

register = template.Library()


@register.filter
def change_sentence(change, name):
    """ "Leeds: 61 activities; 55 in the 2020 study, +6"."""
    return change.sentence(name)


@register.filter
def place_change(change, slug):
    """The change in one place's activities, on the region's page."""
    return change.places.get(slug)
