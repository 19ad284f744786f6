"""``manage.py settings_table [--write]``: the environment variables' table, from the code.

Prints the markdown tables of every environment variable (``scoping/environment.py``), or
with ``--write`` puts them into ``docs/settings.md`` between its two markers, so the doc
says what the code reads and nothing else.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scoping.environment import TABLE_END, TABLE_START, markdown_table


def doc_path():
    return Path(settings.BASE_DIR) / "docs" / "settings.md"


def with_table(doc, table):
    """``doc`` with the text between its markers replaced by ``table``."""
    start, end = doc.find(TABLE_START), doc.find(TABLE_END)
    if start < 0 or end < start:
        raise CommandError(
            f"docs/settings.md needs the two markers, in order:\n{TABLE_START}\n{TABLE_END}"
        )
    return doc[: start + len(TABLE_START)] + "\n\n" + table + "\n" + doc[end:]


def table_in(doc):
    """The text between ``doc``'s markers, as ``with_table`` writes it."""
    start, end = doc.find(TABLE_START), doc.find(TABLE_END)
    if start < 0 or end < start:
        return None
    return doc[start + len(TABLE_START) : end].strip("\n") + "\n"


class Command(BaseCommand):
    help = (
        "Print the markdown table of the environment variables the settings read "
        "(scoping/environment.py); --write puts it into docs/settings.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--write",
            action="store_true",
            help="Write the table into docs/settings.md between its markers.",
        )

    def handle(self, *args, write=False, **options):
        table = markdown_table()
        if not write:
            self.stdout.write(table, ending="")
            return
        path = doc_path()
        doc = path.read_text(encoding="utf-8")
        updated = with_table(doc, table)
        if updated == doc:
            self.stdout.write("docs/settings.md is up to date.")
            return
        path.write_text(updated, encoding="utf-8")
        self.stdout.write("Wrote the settings table into docs/settings.md.")
