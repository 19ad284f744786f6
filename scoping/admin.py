"""Accounts in the admin: Django's own user and group pages (adding a user is inviting them:
``scoping/accounts/admin.py``), with relation fields that
refuse an id beyond a database integer instead of failing with a 500 (Django checks a
list of ids with an ``__in`` lookup, which does not guard the integer range)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, User

from scoping.accounts.admin import InvitingUserAdmin
from scoping.jobs import admin as jobs_admin  # noqa: F401  (registers the jobs' admin)
from scoping.serving import admin as serving_admin  # noqa: F401  (registers backups)
from scoping.shared.admin_widgets import SafeRelationsMixin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class SafeUserAdmin(InvitingUserAdmin):
    pass


@admin.register(Group)
class SafeGroupAdmin(SafeRelationsMixin, GroupAdmin):
    pass
