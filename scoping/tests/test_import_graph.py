"""No module of the project imports another that (directly or not) imports it back.

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
