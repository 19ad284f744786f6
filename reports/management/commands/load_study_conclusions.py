from django.core.management.base import BaseCommand

from reports.study.services import study_conclusions_load


class Command(BaseCommand):
    help = (
        "Add the study's recommendations (areas and actions) and literature review "
        "(sources and themes) where missing, and link review themes to the codebook. "
        "Safe to repeat: what exists is left as it is."
    )

    def handle(self, *args, **options):
        added = study_conclusions_load()
        self.stdout.write(
            "Study conclusions: " + ", ".join(f"{n} {k} added" for k, n in added.items())
        )
