from django import template

from interviews.disclosure.control import SUPPRESSED

register = template.Library()


@register.filter
def thousands(value):
    """12345 as "12,345" (whatever the locale), for populations and counts on the page."""
    if value is None or value == "":
        return value
    return f"{int(value):,}"


@register.filter
def figure(value):
    """A count as "12,345", or "not shown" where small-number protection hides it (None)."""
    return SUPPRESSED if value is None else thousands(value)


@register.filter
def share(value):
    """A percentage as "33.3", or "not shown" where it is hidden (None)."""
    return SUPPRESSED if value is None else value
