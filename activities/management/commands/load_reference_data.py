from django.core.management.base import BaseCommand

from activities.reference.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Add the places, shared-experience taxonomy and aliases that are missing (safe to repeat)."
    )

    def handle(self, *args, **options):
        added = reference_data_load()
        self.stdout.write(", ".join(f"{n} {name} added" for name, n in added.items()))
