from django.core.management.base import BaseCommand

from interviews.erasure.purge import interviews_purge, purge_date


class Command(BaseCommand):
    help = (
        "Delete the interview data (participants, identities, consent, interviews, "
        "transcripts, excerpts, logs) of every research round whose deletion date has come "
        "(set on the round in the admin). The directory, the codebook and the question "
        "guides are not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = interviews_purge(dry_run=dry_run)
        if counts is None:
            day = purge_date()
            kept = f"until {day:%d %B %Y}" if day else "while there is no research round"
            self.stdout.write(
                f"Nothing deleted: interview data is kept {kept} "
                "(the research round's deletion date)."
            )
            return
        verb = "Would delete" if dry_run else "Deleted"
        for name, count in counts.items():
            self.stdout.write(f"{verb} {count} {name}.")
        if not dry_run:
            self.stdout.write(self.style.SUCCESS("Interview data purged."))
