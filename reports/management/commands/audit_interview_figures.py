from django.core.management.base import BaseCommand, CommandError

from interviews.disclosure.control import CannotProtect
from reports.interview_figures.audit_report import ERROR, FAILED, SUCCESS, TOO_SMALL, audit_lines
from reports.interview_figures.release import audit, release_candidate, round_by_slug


class Command(BaseCommand):
    help = (
        "Before releasing the interview figures: protect them as a release made now would, "
        "then solve every figure the pages would publish together (and with the last "
        "release) as a determined reader could, and say what can be worked out. Exits "
        "with an error if any count of 1 or 2, or any change of 1 or 2 since the last "
        "release, can be pinned down. Writes nothing. The interview team can run it from "
        "the admin too (Interview figure releases), as a job with a report to download."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--round",
            dest="round_slug",
            default="",
            help="The research round's short name (e.g. 2019-20); the latest round if left out.",
        )
        parser.add_argument(
            "--ranges", action="store_true", help="List every hidden figure's possible range."
        )

    def handle(self, *args, round_slug="", **options):
        try:
            candidate = release_candidate(research_round(round_slug))
        except CannotProtect as error:
            raise CommandError(f"{error} {TOO_SMALL}") from None
        pinned, changed = audit(candidate)
        styles = {ERROR: self.style.ERROR, SUCCESS: self.style.SUCCESS, "": str}
        lines = audit_lines(candidate, pinned, changed, with_ranges=options["ranges"])
        for style, text in lines[:-1]:
            self.stdout.write(styles[style](text))
        if pinned or changed:
            raise CommandError(FAILED)
        self.stdout.write(styles[lines[-1][0]](lines[-1][1]))


def research_round(slug):
    try:
        return round_by_slug(slug)
    except ValueError as error:
        raise CommandError(str(error)) from None
