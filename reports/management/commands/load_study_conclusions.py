from django.core.management.base import BaseCommand

from reports.study.services import study_conclusions_load, study_highlights_load


class Command(BaseCommand):
    help = (
        "Add the study's recommendations (areas and actions) and literature review "
        "(sources and themes) where missing, and link review themes to the codebook; add "
        "the study's own highlight bullets and set any that differ back to its words. "
        "Safe to repeat: what exists is left as it is, and the team's own highlights too."
    )

    def handle(self, *args, **options):
        added = study_conclusions_load()
        self.stdout.write(
            "Study conclusions: " + ", ".join(f"{n} {k} added" for k, n in added.items())
        )
        highlights = study_highlights_load()
        self.stdout.write(
            f"Study highlights: {highlights['added']} added, "
            f"{highlights['restored']} set back to the study's words."
        )
