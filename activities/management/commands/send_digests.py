"""``manage.py send_digests``: each champion's weekly list of activities due for a check."""

from django.core.management.base import BaseCommand

from activities.currency.digest import digests_send


class Command(BaseCommand):
    help = "E-mail each champion the activities in their places due for a check (run weekly)."

    def handle(self, **options):
        sent = digests_send()
        self.stdout.write(f"Queued {sent} digest(s).")
