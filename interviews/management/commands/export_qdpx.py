from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviews.exchange.project_file import qdpx_export
from interviews.rounds.models import ResearchRound


class Command(BaseCommand):
    help = (
        "Write the coded interviews as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, "
        "MAXQDA, QualCoder or Taguette: approved, anonymised transcripts, their coding, the "
        "codebook, memos and participants' attributes; never a name. Each transcript in it "
        "is written to the access log."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the file, e.g. coded-interviews.qdpx.")
        parser.add_argument(
            "--round",
            dest="round_slug",
            metavar="SLUG",
            help="The research round to write, by its short name (e.g. 2019-20); the current "
            "round (the latest to start) unless given.",
        )

    def handle(self, *args, path, round_slug=None, **options):
        target = Path(path)
        if target.is_dir():
            raise CommandError(
                f"{path} is a folder: give a file name, e.g. {path}/interviews.qdpx."
            )
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        research_round = ResearchRound.objects.current()
        if round_slug is not None:
            research_round = ResearchRound.objects.filter(slug=round_slug).first()
            if research_round is None:
                known = ", ".join(
                    ResearchRound.objects.order_by("-starts_on").values_list("slug", flat=True)
                )
                raise CommandError(
                    f"No research round is called {round_slug!r}. The rounds are: {known or 'none'}."
                )
        if research_round is None:
            raise CommandError("No research round is recorded: there is nothing to write.")
        qdpx = qdpx_export(research_round=research_round)
        target.write_bytes(qdpx.data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {research_round.name}: {qdpx.transcripts} transcript(s), "
                f"{qdpx.excerpts} coded passage(s) and {qdpx.themes} theme(s) to {target}."
            )
        )
