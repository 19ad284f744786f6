"""Reading the README and docs/ as the docs tests need: their code, their links, their headings.

The README and every page in ``docs/`` are read as markdown: ``inline_code`` gives the
backticked spans of the prose (fenced blocks left out), ``fenced_code`` the lines of the
fenced blocks, ``links`` the targets of ``[text](target)`` and ``![alt](target)`` outside
fences, and ``anchors`` the ids GitHub gives a page's headings.
"""

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def documents():
    """The README and the docs, as {path relative to the checkout: text}."""
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in paths}


def split_fences(text):
    """(prose lines, fenced lines) of a markdown text."""
    prose, fenced, inside = [], [], False
    for line in text.splitlines():
        if FENCE.match(line):
            inside = not inside
            continue
        (fenced if inside else prose).append(line)
    return prose, fenced


def inline_code(text):
    """Every backticked span of the prose, stripped, in order."""
    prose, _ = split_fences(text)
    return [" ".join(match.group(2).split()) for match in INLINE.finditer("\n".join(prose))]


def fenced_code(text):
    """The lines of every fenced code block."""
    return split_fences(text)[1]


def links(text):
    """The targets of the prose's links and images (code spans are not links)."""
    prose, _ = split_fences(text)
    return LINK.findall(INLINE.sub("", "\n".join(prose)))


def slug(heading):
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = INLINE.sub(lambda match: match.group(2), heading).lower()
    kept = "".join(
        char for char in text if char in " -_" or unicodedata.category(char)[0] in {"L", "N"}
    )
    return kept.replace(" ", "-")


def anchors(text):
    """The ids of a page's headings (a repeated heading gets -1, -2 as on GitHub)."""
    prose, _ = split_fences(text)
    seen, found = {}, set()
    for line in prose:
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found
