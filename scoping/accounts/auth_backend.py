"""Django's ModelBackend, reading a user's permissions in one query rather than two.

Every page checks a permission (``scoping.accounts.permissions.require``), and Django's
backend reads the user's own permissions and their groups' in two ORM queries, about a
tenth of a page's time under load (docs/performance.md). This backend reads both sets
in one plain SQL query the first time a request asks. Nothing is kept between
requests, so a change to a user's groups or a group's permissions applies at their
next page, as with Django's own backend.

Sessions remember the backend a user signed in with: changing this setting signs
everyone out once (docs/deploy.md, "Upgrades").
"""

from django.contrib.auth import backends
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection


def _permissions_sql():
    permission, content_type = Permission._meta.db_table, ContentType._meta.db_table
    own = User.user_permissions.through._meta.db_table
    member = User.groups.through._meta.db_table
    granted = Group.permissions.through._meta.db_table
    named = (
        f"JOIN {permission} p ON p.id = x.permission_id "
        f"JOIN {content_type} ct ON ct.id = p.content_type_id"
    )
    return (
        f"SELECT 0, ct.app_label, p.codename FROM {own} x {named} WHERE x.user_id = %s "
        "UNION ALL "
        f"SELECT 1, ct.app_label, p.codename FROM {member} m "
        f"JOIN {granted} x ON x.group_id = m.group_id {named} WHERE m.user_id = %s"
    )


class ModelBackend(backends.ModelBackend):
    """``django.contrib.auth.backends.ModelBackend`` with the user's own and group
    permissions read together (superusers, who hold every permission, as Django does)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser or hasattr(user_obj, "_perm_cache"):
            return super().get_all_permissions(user_obj, obj)
        own, from_groups = set(), set()
        with connection.cursor() as cursor:
            cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
            for from_group, app_label, codename in cursor.fetchall():
                (from_groups if from_group else own).add(f"{app_label}.{codename}")
        user_obj._user_perm_cache, user_obj._group_perm_cache = own, from_groups
        user_obj._perm_cache = own | from_groups
        return user_obj._perm_cache
