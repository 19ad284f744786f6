"""python manage.py runserver_with_worker [ADDRESS]: `make run`'s server and job workers.

Django's development server and JOB_WORKERS job workers (``scoping/serving/supervisor.py``):
a job started on a page runs at once, as it will in production. Workers do not reload
when code changes: stop and start `make run` after changing a job's code.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from scoping.serving.supervisor import MANAGE, supervise


class Command(BaseCommand):
    help = "Run the development server with JOB_WORKERS supervised job workers beside it."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, address, **options):
        web = [sys.executable, str(MANAGE), "runserver", address]
        sys.exit(supervise(web, workers=settings.JOB_WORKERS))
