"""Does a workbook open in LibreOffice with every row? Convert one sheet to CSV and count.

Used by ``bench/import_job.py --libreoffice`` (issue 30: "the file opens in LibreOffice
with every row"). LibreOffice runs headless with a throwaway profile (its own
``-env:UserInstallation``, deleted afterwards), so it neither needs nor touches a
user's settings and may run beside another LibreOffice.
"""

import csv
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SOFFICE = "soffice"
# LibreOffice's CSV export filter: comma (44), double quotes (34), UTF-8 (76), from line 1,
# ..., and token 12, the sheet to export (1 = the first; LibreOffice 7.2 and later).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"


class LibreOfficeFailed(RuntimeError):
    """LibreOffice could not convert the file; the message says what it printed."""


def libreoffice_csv_rows(workbook, sheet, header, *, timeout=1800):
    """Convert sheet number ``sheet`` (1-based) of ``workbook`` (a path) to CSV with
    LibreOffice; return (data rows, the header row as LibreOffice read it, whether it is
    ``header``, seconds LibreOffice took)."""
    if shutil.which(SOFFICE) is None:
        raise LibreOfficeFailed(f"{SOFFICE} is not installed (apt-get install libreoffice-calc)")
    workbook = Path(workbook)
    with tempfile.TemporaryDirectory(prefix="psd-libreoffice-") as folder:
        profile = Path(folder) / "profile"
        out = Path(folder) / "out"
        command = [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            CSV_FILTER.format(sheet=sheet),
            "--outdir",
            str(out),
            str(workbook),
        ]
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        seconds = time.perf_counter() - began
        converted = sorted(out.glob("*.csv")) if out.exists() else []
        if done.returncode or not converted:
            said = (done.stdout + done.stderr).strip()[:500]
            raise LibreOfficeFailed(f"LibreOffice did not convert {workbook.name}: {said}")
        with converted[0].open(newline="", encoding="utf-8-sig") as file:
            reader = csv.reader(file)
            first = next(reader, [])
            rows = sum(1 for row in reader if any(cell.strip() for cell in row))
    read = [cell.strip() for cell in first]
    return rows, read, read == [str(cell) for cell in header], seconds
