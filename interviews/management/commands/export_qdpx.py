from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviews.exchange.project_file import qdpx_export


class Command(BaseCommand):
    help = (
        "Write the coded interviews as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, "
        "MAXQDA, QualCoder or Taguette: approved, anonymised transcripts, their coding, the "
        "codebook, memos and participants' attributes; never a name. Each transcript in it "
        "is written to the access log."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the file, e.g. coded-interviews.qdpx.")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.is_dir():
            raise CommandError(
                f"{path} is a folder: give a file name, e.g. {path}/interviews.qdpx."
            )
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        qdpx = qdpx_export()
        target.write_bytes(qdpx.data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {qdpx.transcripts} transcript(s), {qdpx.excerpts} coded passage(s) and "
                f"{qdpx.themes} theme(s) to {target}."
            )
        )
