from django.core.management.base import BaseCommand, CommandError

from activities.models import Place
from interviews.disclosure.control import CannotProtect
from reports.interview_figures.release import (
    audit,
    figure_label,
    ranges,
    release_candidate,
    round_by_slug,
)


class Command(BaseCommand):
    help = (
        "Before releasing the interview figures: protect them as a release made now would, "
        "then solve every figure the pages would publish together (and with the last "
        "release) as a determined reader could, and say what can be worked out. Exits "
        "with an error if any count of 1 or 2, or any change of 1 or 2 since the last "
        "release, can be pinned down. Writes nothing."
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
            raise CommandError(
                f"{error} The change since the last release is too small to publish: "
                "wait for more interviews."
            ) from None
        pinned, changed = audit(candidate)
        places = dict(Place.objects.values_list("pk", "name"))
        label = lambda key: figure_label(key, candidate.themes, places)  # noqa: E731
        shown = len(candidate.values) - len(candidate.hidden)
        self.stdout.write(
            f"{len(candidate.values)} figures: {shown} shown, {len(candidate.hidden)} not shown."
        )
        if candidate.previous is None:
            self.stdout.write("No earlier release: nothing to compare with.")
        if options["ranges"]:
            possible = ranges(candidate)
            for key in sorted(possible, key=label):
                self.stdout.write(f"  {label(key)}: {possible[key]}")
        for key in pinned:
            self.stdout.write(self.style.ERROR(f"Can be worked out: {label(key)}"))
        for key in changed:
            self.stdout.write(self.style.ERROR(f"Its change since the last release: {label(key)}"))
        if pinned or changed:
            raise CommandError("The audit found figures that could be worked out.")
        self.stdout.write(
            self.style.SUCCESS(
                "Audit passed: no hidden count, and no change since the last release, can be "
                "worked out to be 1 or 2."
            )
        )


def research_round(slug):
    try:
        return round_by_slug(slug)
    except ValueError as error:
        raise CommandError(str(error)) from None
