"""One way for every app's views to say which permissions they need."""

from django.contrib.auth.decorators import permission_required


def require(*perms):
    """A view decorator: every one of ``perms`` or a 403 (login is checked by middleware)."""
    return permission_required(perms, raise_exception=True)
