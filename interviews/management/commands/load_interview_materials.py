from django.core.management.base import BaseCommand

from interviews.reference.services import interview_reference_load


class Command(BaseCommand):
    help = (
        "Add the study's two question guides and starting codebook where missing; "
        "never overwrites what has been edited in the admin. Safe to repeat."
    )

    def handle(self, *args, **options):
        added = interview_reference_load()
        self.stdout.write(
            "Interview materials: " + ", ".join(f"{n} {k} added" for k, n in added.items())
        )
