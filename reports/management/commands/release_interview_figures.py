from django.core.management.base import BaseCommand, CommandError

from interviews.disclosure.control import CannotProtect
from reports.interview_figures.release import interview_figures_release, round_by_slug


class Command(BaseCommand):
    help = (
        "Release the interview figures the report pages show: protected and audited "
        "(run audit_interview_figures first and read it), then frozen until the next "
        "release. A withdrawal takes them off the pages until the next release."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--round",
            dest="round_slug",
            default="",
            help="The research round's short name (e.g. 2019-20); the latest round if left out.",
        )
        parser.add_argument("--note", default="", help="What this release is for.")

    def handle(self, *args, note="", round_slug="", **options):
        try:
            release = interview_figures_release(
                note=note, research_round=research_round(round_slug)
            )
        except CannotProtect as error:
            raise CommandError(
                f"{error} The change since the last release is too small to publish: "
                "wait for more interviews."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{release}."))


def research_round(slug):
    try:
        return round_by_slug(slug)
    except ValueError as error:
        raise CommandError(str(error)) from None
