"""The house rules of docs/architecture.md that are about size and shape: small modules,
few at an app's top level, and imports at the top of a file (never models or admin
classes wired in by imports at the bottom)."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ["scoping", "activities", "interviews", "reports"]
MAX_LINES = 500
MAX_TOP_LEVEL = 20


def hand_written(root):
    """Every Python file of the apps and bench/, but generated migrations."""
    for folder in [*APPS, "bench"]:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def late_imports(source):
    """Line numbers of module-level imports that come after a function or class."""
    seen_code = False
    late = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            seen_code = True
        elif isinstance(node, ast.Import | ast.ImportFrom) and seen_code:
            late.append(node.lineno)
    return late


def test_late_imports_are_found():
    assert late_imports("import os\nclass A: pass\nfrom x import y\n") == [3]
    assert late_imports("import os\nfrom x import y\ndef f(): import z\n") == []


def test_no_module_is_over_500_lines():
    root = Path(settings.BASE_DIR)
    long = {
        str(path.relative_to(root)): lines
        for path in hand_written(root)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, "split these into modules named for what they hold"


def test_no_app_keeps_more_than_20_modules_at_its_top_level():
    root = Path(settings.BASE_DIR)
    crowded = {
        app: count
        for app in APPS
        if (count := len(list((root / app).glob("*.py")))) > MAX_TOP_LEVEL
    }
    assert crowded == {}, "move modules into the app's rooms (docs/architecture.md)"


def test_no_module_imports_at_its_bottom():
    root = Path(settings.BASE_DIR)
    found = {
        str(path.relative_to(root)): late
        for path in hand_written(root)
        if (late := late_imports(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "import at the top: a package's __init__ gathers its rooms' modules"
