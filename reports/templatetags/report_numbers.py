from django import template

register = template.Library()


@register.filter
def thousands(value):
    """12345 as "12,345" (whatever the locale), for populations and counts on the page."""
    if value is None or value == "":
        return value
    return f"{int(value):,}"
