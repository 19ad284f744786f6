from django.core.management.base import BaseCommand, CommandError

from interviews.disclosure.control import CannotProtect
from reports.interview_figures.release import interview_figures_release


class Command(BaseCommand):
    help = (
        "Release the interview figures the report pages show: protected and audited "
        "(run audit_interview_figures first and read it), then frozen until the next "
        "release. A withdrawal takes them off the pages until the next release."
    )

    def add_arguments(self, parser):
        parser.add_argument("--note", default="", help="What this release is for.")

    def handle(self, *args, note="", **options):
        try:
            release = interview_figures_release(note=note)
        except CannotProtect as error:
            raise CommandError(
                f"{error} The change since the last release is too small to publish: "
                "wait for more interviews."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{release}."))
