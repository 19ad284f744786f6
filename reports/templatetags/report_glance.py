from django import template

register = template.Library()


@register.filter
def breakdown_for(breakdowns, key):
    """The breakdown with this key, for the page's small charts."""
    return next((b for b in breakdowns if b.key == key), None)
