"""Each setting documented once, from the code: docs/settings.md's tables are the ones
``scoping/environment.py`` generates, every setting the README and docs name is one the
code reads, and the code reads the environment only through that module."""

import ast
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from scoping import environment
from scoping.management.commands.settings_table import table_in, with_table
from scoping.tests.docs_reading import ROOT, documents, fenced_code, inline_code

REFRESH = "DEBUG=1 .venv/bin/python manage.py settings_table --write"

# Upper-case names the docs put in backticks that are not environment settings, and why.
NOT_SETTINGS = {
    "ENUMERATIONS": "the vocabularies' registry (activities/vocabulary/)",
    "DEFINITIONS": "the vocabularies' definitions (activities/vocabulary/)",
    "VARIABLES": "scoping/environment.py's declarations",
    "PLACE": "a coverage value, Activity.Coverage.PLACE",
    "PLACES": "a coverage value",
    "REGION": "a coverage value",
    "ID": "a master-sheet column header",
    "UUID": "a master-sheet column header",
    "CI": "set by .ci/run for the tests' hypothesis profile; the settings never read it",
    "SCREENSHOT_DIR": "read by the browser tests, not the settings",
    "ARGS": "a make variable",
    "TASKS": "the Django setting that names the job queue's backend (docs/jobs.md)",
    "FILE_UPLOAD_HANDLERS": "the Django setting that keeps transcript files in memory",
    "FILE": "a make variable",
    "NO_ONE_HAS_WITHDRAWN": "a make variable (make restore)",
    "PG_URL": "a make variable",
    "PWD": "the shell's working directory",
    "INFO": "a log level",
    "Q": "Django's Q object",
    "VACUUM": "SQL",
    "RUN": "the hostile-input tests' hypothesis settings (scoping/tests/hostile.py)",
    "FOUND_BUGS": "the same, for tests that have found a bug",
}
NAME = r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*"


def setting_names(spans):
    """The upper-case names in code spans that read as settings: a span that is one
    name, a ``NAME=value`` anywhere, or a ``$NAME``."""
    found = set()
    for span in spans:
        words = span.split()
        if len(words) == 1 and re.fullmatch(NAME, words[0]):
            found.add(words[0])
        for word in words:
            if match := re.fullmatch(rf"({NAME})=\S*", word):
                found.add(match.group(1))
        found.update(re.findall(rf"\$({NAME})", span))
    return found


def mentioned_settings():
    """{name: the first document naming it}, from inline code and fenced blocks alike."""
    found = {}
    for path, text in documents().items():
        for name in setting_names([*inline_code(text), *fenced_code(text)]):
            found.setdefault(name, path)
    return found


def test_setting_names_are_read_from_spans_as_written():
    spans = ["DEBUG", "SECRET_KEY=... make serve", "127.0.0.1:$PORT", "SELECT 1", "Leeds"]
    assert setting_names(spans) == {"DEBUG", "SECRET_KEY", "PORT"}


def test_docs_settings_tables_are_the_ones_the_code_generates():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    written = table_in(doc)
    assert written is not None, f"docs/settings.md has lost its table's markers: run {REFRESH}"
    assert written == environment.markdown_table(), (
        f"docs/settings.md's settings table is not what scoping/environment.py says: run {REFRESH}"
    )


def test_the_table_is_written_between_the_markers_and_nowhere_else():
    doc = f"before\n{environment.TABLE_START}\nold table\n{environment.TABLE_END}\nafter\n"
    written = with_table(doc, "| new |\n")
    assert written.startswith("before\n") and written.endswith("after\n")
    assert table_in(written) == "| new |\n"
    assert "old table" not in written


def test_the_command_prints_the_table(capsys):
    call_command("settings_table")
    assert capsys.readouterr().out == environment.markdown_table()


def test_every_setting_the_docs_name_is_one_the_code_reads():
    unknown = {
        name: path
        for name, path in mentioned_settings().items()
        if name not in environment.BY_NAME and name not in NOT_SETTINGS
    }
    assert unknown == {}, (
        "the docs name settings scoping/environment.py does not declare (declare them, fix "
        "the doc, or, if not an environment setting, list them in NOT_SETTINGS)"
    )


def test_nothing_listed_as_not_a_setting_is_one():
    assert set(NOT_SETTINGS) & set(environment.BY_NAME) == set()


def test_every_setting_is_documented_in_docs_settings():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = setting_names(inline_code(doc))
    assert set(environment.BY_NAME) - documented == set()


def test_every_setting_has_a_meaning_and_a_default_to_show():
    for variable in environment.VARIABLES:
        assert variable.meaning and not variable.meaning.endswith("."), variable.name
        assert "|" not in variable.meaning + variable.shown, variable.name
        if variable.default is environment.COMPUTED:
            assert variable.shown, f"{variable.name}: say what the computed default is"


# The environment is read only through scoping/environment.py.


def environment_reads(tree):
    """The names ``os.environ.get("X")``, ``os.getenv("X")`` and ``os.environ["X"]`` read."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            target = ast.unparse(node.func)
            if target in {"os.environ.get", "os.getenv", "environ.get", "getenv"}:
                names.append(node.args[0].value)
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and ast.unparse(node.value) in {"os.environ", "environ"}
        ):
            names.append(ast.unparse(node.slice).strip("'\""))
    return names


READERS = {"text", "text_or_default", "flag", "names", "date", "days", "whole_number"}


def declared_reads(tree):
    """The names read through the environment module's readers (``env.text("X")``)."""
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in READERS
        and ast.unparse(node.func.value) in {"env", "environment"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def app_modules():
    for app in ["scoping", "activities", "interviews", "reports"]:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            yield path


def test_reads_are_found_as_written():
    tree = ast.parse(
        "import os\nos.environ.get('A')\nos.getenv('B', '1')\nos.environ['C']\n"
        "os.environ['D'] = '1'\nenv.text('E')\nenv.flag('F')\n"
    )
    assert environment_reads(tree) == ["A", "B", "C"]
    assert declared_reads(tree) == ["E", "F"]


def test_the_code_reads_the_environment_only_through_scoping_environment():
    direct = {
        path.relative_to(ROOT).as_posix(): reads
        for path in app_modules()
        if path != ROOT / "scoping" / "environment.py"
        and (reads := environment_reads(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert direct == {}, "read these through scoping/environment.py, declared there"


def test_every_name_the_code_reads_is_declared():
    read = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in app_modules()
        for name in declared_reads(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert read, "found no reads at all: has the settings module stopped using the readers?"
    assert [(path, name) for path, name in read if name not in environment.BY_NAME] == []


def test_every_declared_variable_is_read_somewhere():
    read = {
        name
        for path in app_modules()
        for name in declared_reads(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert set(environment.BY_NAME) - read == set(), "declared but never read: remove them"


# The readers.


def test_an_undeclared_name_is_refused(monkeypatch):
    monkeypatch.setenv("NOT_A_SETTING", "1")
    with pytest.raises(ImproperlyConfigured, match=r"NOT_A_SETTING .* not declared"):
        environment.text("NOT_A_SETTING")


def test_a_computed_default_must_be_given():
    with pytest.raises(ImproperlyConfigured, match="BACKUPS_DIR's default is computed"):
        environment.text("BACKUPS_DIR")


def test_a_default_other_than_the_declared_one_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE's default is '60'"):
        environment.text("CONN_MAX_AGE", "30")


def test_unset_and_empty_as_the_settings_always_read_them(monkeypatch):
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    assert environment.text("CONN_MAX_AGE") == "60"
    monkeypatch.setenv("CONN_MAX_AGE", "")
    assert environment.text("CONN_MAX_AGE") == ""  # and int("") fails, as it always did
    monkeypatch.setenv("GUNICORN_THREADS", "")
    assert environment.text_or_default("GUNICORN_THREADS") == "1"
    monkeypatch.setenv("API_PUBLIC", "")
    assert environment.flag("API_PUBLIC") is False
    monkeypatch.setenv("API_PUBLIC", " Yes ")
    assert environment.flag("API_PUBLIC") is True
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "")
    assert environment.flag("SECURE_SSL_REDIRECT") is True
    monkeypatch.setenv("ALLOWED_HOSTS", "")
    assert environment.names("ALLOWED_HOSTS", "127.0.0.1,localhost") == []
    monkeypatch.setenv("SIGN_IN_LOG_DAYS", "0")
    with pytest.raises(ImproperlyConfigured, match="SIGN_IN_LOG_DAYS must be a whole number"):
        environment.days("SIGN_IN_LOG_DAYS")
