import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from activities.reference.services import demo_data_load, reference_data_load
from interviews.demo.services import interviews_demo_load
from interviews.reference.services import interview_reference_load
from reports.interview_figures.release import interview_figures_release


class Command(BaseCommand):
    help = (
        "Prepare a local copy after migrating: reference data, the demo activities (once) "
        "and an 'admin' superuser with a random password, printed once. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Skip the demo activities.")

    def handle(self, *args, no_demo=False, **options):
        added = reference_data_load()
        self.stdout.write(
            "Reference data: " + ", ".join(f"{n} {k} added" for k, n in added.items())
        )
        added = interview_reference_load()
        self.stdout.write(
            "Interview materials: " + ", ".join(f"{n} {k} added" for k, n in added.items())
        )
        call_command("load_study_conclusions", stdout=self.stdout)  # after the codebook: links
        if not no_demo:
            loaded = demo_data_load()
            self.stdout.write(
                f"Demo data: {loaded} activities loaded."
                if loaded
                else "Demo data: the directory already has activities; nothing loaded."
            )
            interviews = interviews_demo_load()
            self.stdout.write(
                f"Demo interviews: {interviews} made-up participants loaded."
                if interviews
                else "Demo interviews: there are participants already; nothing loaded."
            )
            if interviews:  # the report pages show released interview figures only
                interview_figures_release(note="The made-up demo interviews")
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Admin: a superuser exists already; password unchanged.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "\nCreated the local superuser. This password is shown once only:\n"
                f"    username: admin\n    password: {password}\n"
            )
        )
