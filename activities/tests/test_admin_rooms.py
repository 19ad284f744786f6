"""Each room registers its own models in its ``admin`` module; ``activities/admin.py`` is the
one place that imports them all, and no room's admin registers another's by being imported."""

import ast
from pathlib import Path

from django.conf import settings
from django.contrib import admin

import activities.admin

APP = Path(settings.BASE_DIR) / "activities"


def room_admins():
    """{room: path} of every room's admin module."""
    return {path.parent.name: path for path in sorted(APP.glob("*/admin.py"))}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def registers(path):
    """Whether the module registers a model with the admin site."""
    text = path.read_text(encoding="utf-8")
    return "admin.register(" in text or "site.register(" in text


def test_the_app_admin_imports_every_rooms_admin():
    imported = imported_modules(Path(activities.admin.__file__))
    assert {f"activities.{room}.admin" for room in room_admins()} <= imported


def test_no_rooms_admin_imports_another_that_registers_models():
    admins = room_admins()
    offenders = [
        f"{room}.admin imports {other}.admin"
        for room, path in admins.items()
        for other, other_path in admins.items()
        if other != room
        and f"activities.{other}.admin" in imported_modules(path)
        and registers(other_path)
    ]
    assert offenders == []


def test_every_model_with_an_admin_page_is_still_registered():
    registered = {
        model._meta.model_name
        for model in admin.site._registry
        if model._meta.app_label == "activities"
    }
    assert registered == {
        "activity",
        "alias",
        "apipartner",
        "apiuse",
        "importrowresult",
        "importrun",
        "organisation",
        "place",
        "sharedexperience",
        "submission",
    }
