"""``manage.py invite EMAIL ROLE``: e-mail a person a link to join with that role."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from scoping.accounts.invitations import INVITATION_DAYS, invitation_create
from scoping.accounts.roles import ROLES


class Command(BaseCommand):
    help = "Invite a person by e-mail to a role; they choose their own password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", help=f"one of: {', '.join(ROLES)}")

    def handle(self, email, role, **options):
        try:
            invitation_create(email=email, role=role)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Invited them as {role}: the link in their e-mail works once, for {INVITATION_DAYS} days."
        )
