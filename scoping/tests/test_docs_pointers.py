"""Every pointer in the README and docs/ leads somewhere: the repository paths they name
exist, and so do their make targets, manage.py commands, Python names, site URLs, links and
the headings those link to. A module that moves cannot leave a stale pointer behind."""

import importlib
import re
import subprocess

from django.core.management import get_commands
from django.urls import Resolver404, resolve

from scoping.tests.docs_reading import ROOT, anchors, documents, fenced_code, inline_code, links

# Named in the docs but written elsewhere, and not yet in the checkout: path -> who writes
# it. Once the file exists it is checked like any other; then take it out of this list.
WRITTEN_ELSEWHERE = {}

APPS = ("scoping", "activities", "interviews", "reports")
CODE_FILE = re.compile(r"[\w*-][\w.*-]*\.(py|md|json|html|css|js|scss|ini|toml|txt)")
NOT_URLS = {"etc", "srv", "usr", "var", "tmp", "home", "opt"}  # files on a server


def tracked():
    """The files git tracks or would (new, not ignored), as paths relative to the checkout."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.splitlines()


def code_words(text):
    """The words of the document's code, inline and fenced, without quotes and punctuation
    around them or a ``NAME=`` before them."""
    for chunk in [*inline_code(text), *fenced_code(text)]:
        for word in chunk.split():
            word = re.sub(r"^[A-Za-z_]+=", "", word.strip("\"'`()[],;:"))
            if word:
                yield word


def stale_paths(text, files):
    """The repository paths a document's code names that do not exist.

    A path is a word whose first part is a top-level folder or file the repository tracks
    (``activities/master_sheet/``, ``bench/load.py``, ``Makefile``), or a bare file name of
    code or text (``conftest.py``), found anywhere in it. Globs must match something; words
    holding a placeholder (``<app>``, ``…``, ``{id}``) are not paths.
    """
    top = {file.split("/")[0] for file in files}
    folders = {
        "/".join(file.split("/")[:n]) for file in files for n in range(1, file.count("/") + 1)
    }
    names = {file.rsplit("/", 1)[-1] for file in files}
    stale = []
    for word in code_words(text):
        if re.search(r"[<>{}…]|://", word) or word.startswith("/"):
            continue
        if "/" in word and word.split("/")[0] in top:
            path = word.rstrip("/")
            if any(char in path for char in "*?["):
                found = bool(list(ROOT.glob(path)))
            else:
                found = (
                    path in folders if word.endswith("/") else (path in files or path in folders)
                )
            if not found:
                stale.append(word)
        elif "/" not in word and CODE_FILE.fullmatch(word):
            pattern = re.compile(word.replace(".", r"\.").replace("*", ".*"))
            if word not in top and not any(pattern.fullmatch(name) for name in names):
                stale.append(word)
    return stale


def test_stale_paths_are_found():
    files = [
        "activities/master_sheet/plan.py",
        "Makefile",
        "conftest.py",
        "scoping/tests/test_a.py",
    ]
    text = (
        "`activities/master_sheet/`, `activities/master_sheet/plan.py`, `Makefile`, "
        "`scoping/tests/test_*.py`, `conftest.py`, `<app>/<room>/tests/`, `backups/x.dump`\n"
        "`activities/nowhere/`, `activities/master_sheet/gone.py`, `scoping/tests/test_z*.py`, "
        "`gone.py`, `activities/master_sheet/plan.py/`\n"
        "```sh\n.venv/bin/python activities/old.py\n```\n"
    )
    assert stale_paths(text, files) == [
        "activities/nowhere/",
        "activities/master_sheet/gone.py",
        "scoping/tests/test_z*.py",
        "gone.py",
        "activities/master_sheet/plan.py/",
        "activities/old.py",
    ]


def test_every_repository_path_the_docs_name_exists():
    files = tracked()
    stale = {
        path: found
        for path, text in documents().items()
        if (found := [word for word in stale_paths(text, files) if word not in WRITTEN_ELSEWHERE])
    }
    assert stale == {}, "the docs name paths that do not exist: point them at the room or file now"


def make_targets():
    targets = set()
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([\w .-]+):(?!=)", line):
            targets.update(match.group(1).split())
    return targets


def test_every_make_target_the_docs_name_exists():
    targets = make_targets()
    named = {
        (path, target)
        for path, text in documents().items()
        for chunk in [*inline_code(text), *fenced_code(text)]
        for target in re.findall(r"(?:^|\s)make ([a-z][\w-]*)", chunk)
    }
    assert named, "found no make target at all in the docs"
    assert sorted((path, t) for path, t in named if t not in targets) == []


def test_every_manage_py_command_the_docs_name_exists():
    commands = set(get_commands())
    named = {
        (path, command)
        for path, text in documents().items()
        for command in re.findall(r"manage\.py\s+([a-z_]+)", text)
    }
    assert named, "found no manage.py command at all in the docs"
    assert sorted((path, c) for path, c in named if c not in commands) == []


def python_name_exists(dotted):
    """Whether ``app.module.attribute...`` names a module, or something in one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            thing = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(thing, attribute):
                return False
            thing = getattr(thing, attribute)
        return True
    return False


def test_python_names_are_checked():
    assert python_name_exists("scoping.environment.markdown_table")
    assert python_name_exists("scoping.serving")
    assert not python_name_exists("scoping.environment.no_such_thing")
    assert not python_name_exists("scoping.no_such_module.thing")


def test_every_python_name_the_docs_give_exists():
    pattern = re.compile(rf"(?:{'|'.join(APPS)})(?:\.[A-Za-z_]\w*)+")
    named = {
        (path, word)
        for path, text in documents().items()
        for word in [
            *(word for span in inline_code(text) for word in span.split()),
            *(name for line in fenced_code(text) for name in re.findall(r"-m ([\w.]+)", line)),
        ]
        if pattern.fullmatch(word)
    }
    assert named, "found no dotted Python name at all in the docs"
    assert sorted((path, word) for path, word in named if not python_name_exists(word)) == []


def site_urls(text):
    """The site's own URLs a document's prose names: code spans starting with ``/``,
    placeholders filled with ``1``, query strings dropped."""
    for span in inline_code(text):
        word = span.split()[0]
        if not word.startswith("/") or word.startswith("//"):
            continue
        if word.strip("/").split("/")[0] in NOT_URLS:
            continue
        yield re.sub(r"<[^>]*>|\{[^}]*\}", "1", word.split("?")[0])


def test_every_site_url_the_docs_name_answers():
    named = {(path, url) for path, text in documents().items() for url in site_urls(text)}
    assert len(named) > 10, "found hardly any URLs in the docs"
    unresolved = []
    for path, url in sorted(named):
        try:
            resolve(url)
        except Resolver404:
            unresolved.append((path, url))
    assert unresolved == []


def test_a_url_that_does_not_resolve_is_found():
    assert list(site_urls("`/reports/<place>/changes/?since=…` and `/etc/x.env`")) == [
        "/reports/1/changes/"
    ]
    assert resolve("/reports/1/changes/")
    try:
        resolve("/no-such-page/")
    except Resolver404:
        pass
    else:
        raise AssertionError("an unknown URL resolved")


def broken_links(path, text):
    """The links of the document at ``path`` to a file or a heading that does not exist."""
    folder = (ROOT / path).parent
    broken = []
    for target in links(text):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        file, _, anchor = target.partition("#")
        if not file:
            if anchor not in anchors(text):
                broken.append(target)
            continue
        linked = (folder / file).resolve()
        if not linked.exists():
            if linked.relative_to(ROOT).as_posix() not in WRITTEN_ELSEWHERE:
                broken.append(target)
        elif anchor and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(target)
    return broken


def test_headings_get_githubs_ids():
    page = "## Serving (`make serve`)\n## The study's conclusions (`/study/`)\n## Logs\n## Logs\n"
    assert anchors(page) == {"serving-make-serve", "the-studys-conclusions-study", "logs", "logs-1"}


def test_broken_links_are_found():
    text = (
        "## Here\n[ok](deploy.md#logs) [self](#here) [web](https://example.org) "
        "![ok](screenshots/home-1280.png) [pending](architecture.md)\n"
        "[gone](nowhere.md) [no heading](deploy.md#no-such-heading) [self gone](#there)\n"
    )
    assert broken_links("docs/x.md", text) == [
        "nowhere.md",
        "deploy.md#no-such-heading",
        "#there",
    ]


def test_every_link_leads_to_a_file_and_heading_that_exist():
    broken = {
        path: found for path, text in documents().items() if (found := broken_links(path, text))
    }
    assert broken == {}
