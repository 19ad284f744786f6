"""Made-up activities at scale, for benchmarks and demos."""

from django.core.management.base import BaseCommand, CommandError

from activities.demo.generator import DEMO_COUNTS
from activities.demo.seeding import activities_seed


class Command(BaseCommand):
    help = (
        "Create N plausible made-up activities (with organisations, shared experiences "
        "and history), spread over the six places like the demo data set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, required=True, metavar="N")
        parser.add_argument(
            "--seed", type=int, default=2021, help="Random seed: the same seed, the same rows."
        )

    def handle(self, *args, activities, seed, **options):
        if activities < 1:
            raise CommandError("--activities must be a whole number of at least 1.")
        created = activities_seed(count=activities, seed=seed, weights=DEMO_COUNTS)
        self.stdout.write(f"Created {created} made-up activities.")
