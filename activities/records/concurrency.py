"""Optimistic locking: notice when an activity changed after someone opened it."""

from django.utils import timezone

from activities.models import Activity


def activity_changes_since(*, activity_id, version):
    """What others changed in an activity since ``version``, as readable sentences.

    Returns None when the activity is still at ``version``. Locks the row (on
    databases that can) so the caller's save follows the check atomically.
    """
    current = (
        Activity.objects.select_for_update()
        .filter(pk=activity_id)
        .values_list("version", flat=True)
        .first()
    )
    if current is None or current == version:
        return None
    records = Activity.history.filter(id=activity_id).order_by("history_date", "history_id")
    seen = records.filter(version=version).last()
    latest = records.last()
    who = latest.history_user.get_username() if latest and latest.history_user else "someone"
    when = timezone.localtime(latest.history_date).strftime("%d/%m/%Y %H:%M") if latest else ""
    changes = []
    if seen and latest:
        delta = latest.diff_against(
            seen,
            excluded_fields=["version", "updated", "scoped_by", "shared_experiences"],
            foreign_keys_are_objs=True,
        )
        for change in delta.changes:
            field = Activity._meta.get_field(change.field)
            changes.append(
                f"{field.verbose_name}: {_shown(field, change.old)} → {_shown(field, change.new)}"
            )
    return who, when, changes


def _shown(field, value):
    if value in (None, ""):
        return "(empty)"
    return dict(field.choices).get(value, value) if field.choices else value
