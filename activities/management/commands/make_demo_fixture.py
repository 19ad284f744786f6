import json

from django.core.management.base import BaseCommand

from activities.demo.generator import study_demo_rows
from activities.reference.services import FIXTURES


class Command(BaseCommand):
    help = "Write fixtures/demo_activities.json, the made-up demo data set."

    def handle(self, *args, **options):
        rows = list(study_demo_rows())
        path = FIXTURES / "demo_activities.json"
        path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(rows)} demo activities written to {path}")
