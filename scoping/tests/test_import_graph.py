"""The import rules of docs/architecture.md: no cycle, and imports only go down the layers.

Cycles make a newcomer's change in one file break an unrelated one at import
time, and hide in imports placed inside functions; this reads every import,
wherever it stands, and names the first cycle it finds.
"""

import ast
from pathlib import Path

from django.conf import settings

APPS = ["scoping", "activities", "interviews", "reports"]


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root):
    modules = {}
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts or "tests" in path.parts:
                continue
            modules[module_name(path, root)] = path
    return modules


def imported(name, path, modules):
    """The project modules that ``name`` imports, anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def find_cycle(graph):
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state:
                cycle = visit(target, [*trail, target])
                if cycle:
                    return cycle
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node, [node])
            if cycle:
                return cycle
    return None


def test_find_cycle_names_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_imports_itself_back():
    root = Path(settings.BASE_DIR)
    modules = project_modules(root)
    graph = {}
    for name, path in modules.items():
        # A package's __init__ re-exporting its own modules is not a cycle of logic.
        graph[name] = {t for t in imported(name, path, modules) if not name.startswith(t + ".")}
    assert "activities.master_sheet.plan" in graph
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


# The rule of docs/architecture.md: the project is five layers, and a module imports
# only from its own layer or a lower one. The base is what every app may use
# (sign-in and roles, spreadsheet and id helpers); the site is what puts the apps
# together (settings, URLs, serving, set-up commands) and may use any of them.
LAYERS = [
    ("base", ("scoping.accounts", "scoping.shared", "scoping.jobs", "scoping.mail")),
    ("activities", ("activities",)),
    ("interviews", ("interviews",)),
    ("reports", ("reports",)),
    ("site", ("scoping",)),
]


def layer_of(module):
    """The index in LAYERS of the layer a project module belongs to (most specific prefix)."""
    best = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    return best[0]


def upward_imports(graph):
    """Every (importer, imported) pair where the imported module is in a higher layer."""
    return sorted(
        (name, target)
        for name, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(name)
    )


def test_upward_imports_are_named():
    graph = {
        "activities.directory.views": {"scoping.accounts.permissions", "reports.figures.tables"},
        "reports.figures.tables": {"activities.models"},
        "scoping.accounts.roles": {"scoping.urls"},
    }
    assert upward_imports(graph) == [
        ("activities.directory.views", "reports.figures.tables"),
        ("scoping.accounts.roles", "scoping.urls"),
    ]


def test_imports_only_go_down_the_layers():
    root = Path(settings.BASE_DIR)
    modules = project_modules(root)
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    assert "interviews.publication.rules" in graph
    assert upward_imports(graph) == [], "imports up the layers of docs/architecture.md"


def test_no_code_imports_the_tests():
    """Test helpers (factories, data sets) are the tests' own: the app never needs them."""
    root = Path(settings.BASE_DIR)
    offenders = []
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts or path.name == "conftest.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path.relative_to(root)}: {name}"
                    for name in names
                    if ".tests" in f".{name}." or name.endswith(".tests")
                ]
    assert offenders == []
