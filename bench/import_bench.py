"""How fast does a master sheet import, compared with just reading it? And hostile files?

    .venv/bin/python bench/import_bench.py 20000
    .venv/bin/python bench/import_bench.py largest     # the most rows the caps accept
    .venv/bin/python bench/import_bench.py hostile     # each hostile file, in its own process
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psd_import_bench \
        .venv/bin/python bench/import_bench.py 20000

Generates a workbook of ROWS valid rows (a sheet per place, aliases and
variant spellings, several shared experiences per row), times a bare openpyxl
read-only pass over it (parse_s), then ``import_master_sheet`` into an empty
directory (import_s), and prints both, their ratio, rows per second and the
process's peak memory. Without DATABASE_URL it uses a fresh SQLite file in a
temporary folder. The target at 20,000 rows: ratio <= 3, peak under 300 MB.

``largest`` imports the largest sheet the caps accept (``MASTER_SHEET_MAX_ROWS``
rows with data, headers included, in six sheets): its peak must stay under
300 MB. ``hostile`` runs, each in a fresh process so its peak memory is its
own, the files of ``activities/master_sheet/tests/hostile_files.py`` at full size (a 5 KB
workbook claiming ``A1:XFD1048576`` with a cell on row 1,048,576; 100,000
one-cell rows; an .ods with a million repeated rows) and prints the time,
peak memory, the outcome and the size of the stored summary.
"""

import datetime
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PLACES = ["Leeds", "Bradford", "Wakefield", "Kirklees", "Calderdale", "Harrogate"]
SECTORS = ["Third Sector", "3rd sector", "Charity", "Community group", "NHS", "Council"]
FOCUS = ["Mental health focused", "MH", "Non MH"]
EXPERIENCES = [
    "General MH",
    "Men",
    "Women",
    "LGBTQ+",
    "Anxiety",
    "Depression",
    "Veterans",
    "Carers",
    "Isolation",
    "Older adults",
    "Youth",
    "BAME",
]
MODELS = ["Support group", "Peer support group", "1:1", "Workshop", "Drop-in", "Activity"]
FUNDING = ["Statutory", "Grant", "None", "", "?"]
HEADERS = [
    "Project name",
    "Provider",
    "Organisation type",
    "Main focus\n(mental or non-mental health)",
    "Peer group",
    "Delivery model",
    "Funding",
    "URL",
    "Contact",
    "Venue",
    "Online?",
    "Status",
    "Date found",
    "Champion",
    "Comments",
]


def workbook_write(path, rows):
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheets = []
    for place in PLACES:
        sheet = workbook.create_sheet(place)
        sheet.append([f"Scoping - {place}"])
        sheet.append(["Found by the champions"])
        sheet.append(HEADERS)
        sheets.append(sheet)
    day = datetime.date(2019, 6, 1)
    for n in range(rows):
        sheet = sheets[n % len(sheets)]
        experiences = "; ".join(
            EXPERIENCES[(n + k * 5) % len(EXPERIENCES)] for k in range(1 + n % 3)
        )
        sheet.append(
            [
                f"Peer group number {n}",
                f"Provider {n % 997}",
                SECTORS[n % len(SECTORS)],
                FOCUS[n % len(FOCUS)],
                experiences,
                MODELS[n % len(MODELS)],
                FUNDING[n % len(FUNDING)],
                f"https://example.org/group/{n}",
                "office@example.org",
                f"Community centre {n % 50}",
                "Yes" if n % 2 else "N",
                "Active",
                day + datetime.timedelta(days=n % 500),
                "AB",
                "Meets weekly",
            ]
        )
    workbook.save(path)


HOSTILE = {
    "grid.xlsx": ("xlsx_claiming_the_whole_grid",),
    "one-cell-rows.xlsx": ("xlsx_of_one_cell_rows", 100_000),
    "far-row.ods": ("ods_with_a_row_far_below",),
    "repeated-row.ods": ("ods_repeating_a_row", 1_000_000),
    "wide.ods": ("ods_with_a_value_in_the_last_column",),
}


def hostile_one(name):
    """Import one hostile file (dry run) and print what it cost."""
    from activities.master_sheet.apply import master_sheet_import
    from activities.master_sheet.tests import hostile_files

    function, *arguments = HOSTILE[name]
    data = getattr(hostile_files, function)(*arguments)
    start = time.perf_counter()
    run, _plan = master_sheet_import(data=data, file_name=name, dry_run=True)
    seconds = time.perf_counter() - start
    stored = len(run.summary) + sum(len(problem) for problem in run.problems)
    stored += sum(len(message) for message in run.rows.values_list("message", flat=True))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name}: file_kb={len(data) / 1024:.0f} outcome={run.outcome} seconds={seconds:.2f} "
        f"peak_mb={peak_mb:.0f} stored_kb={stored / 1024:.0f}"
    )
    print(f"  {run.problems[0] if run.problems else ''}")


def bare_read(path, times=None):
    """Read every row of the workbook at ``path`` with openpyxl (read-only, values only).

    ``times``, a dict, gets the seconds spent opening (``open_s``: openpyxl reads each
    sheet's size, which for a sheet that does not state it, as openpyxl's own write-only
    files do not, is a pass over the whole sheet) and reading the rows (``rows_s``).
    """
    import openpyxl

    began = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True)
    opened = time.perf_counter()
    count = 0
    for sheet in workbook.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            count += 1
    workbook.close()
    if times is not None:
        times.update(open_s=opened - began, rows_s=time.perf_counter() - opened)
    return count


def database_prepare():
    """Migrate, load reference data, and empty the directory."""
    from django.core.management import call_command

    from activities.models import Activity, ImportRun, Organisation
    from activities.reference.services import reference_data_load

    call_command("migrate", verbosity=0)
    reference_data_load()
    Activity.shared_experiences.through.objects.all().delete()
    Activity.history.model.objects.all().delete()
    Activity.objects.all().delete()
    Organisation.history.model.objects.all().delete()
    Organisation.objects.all().delete()
    ImportRun.objects.all().delete()


def postgres_database_create(url):
    """Create the bench's own database if it is not there yet."""
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def main(rows=None, hostile=None):
    folder = tempfile.mkdtemp(prefix="psd-import-bench-")
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
    os.environ.setdefault("DEBUG", "1")  # a local run: the settings fail closed without it
    if url.startswith("postgres"):
        postgres_database_create(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if hostile:
        database_prepare()
        hostile_one(hostile)
        return
    if rows is None:  # the largest accepted: every non-blank row counts, titles and headers too
        rows = settings.MASTER_SHEET_MAX_ROWS - 3 * len(PLACES)
    path = Path(folder) / "bench.xlsx"
    workbook_write(path, rows)
    database_prepare()

    start = time.perf_counter()
    bare_read(path)
    parse_s = time.perf_counter() - start

    start = time.perf_counter()
    call_command("import_master_sheet", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
    import_s = time.perf_counter() - start

    from activities.models import Activity

    imported = Activity.objects.count()
    assert imported == rows, f"imported {imported} of {rows} rows"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database={url.split(':', 1)[0]}")
    print(f"rows={rows}")
    print(f"parse_s={parse_s:.2f}")
    print(f"import_s={import_s:.2f}")
    print(f"ratio={import_s / parse_s:.2f}")
    print(f"rows_per_s={rows / import_s:.0f}")
    print(f"peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    argument = sys.argv[1] if len(sys.argv) > 1 else "20000"
    if argument == "hostile":
        for name in HOSTILE:
            subprocess.run([sys.executable, __file__, "hostile-one", name], check=True)
    elif argument == "hostile-one":
        main(hostile=sys.argv[2])
    elif argument == "largest":
        main()
    else:
        main(int(argument))
