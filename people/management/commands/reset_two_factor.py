"""Remove a user's authenticator and recovery codes, for someone who lost both.

They set up a new authenticator at their next sign-in (the password step still applies).
Administrators can do the same in the back office (OTP devices); this also works for the
last administrator, who cannot reach the back office without a second factor.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from people.services.twofactor import reset_two_factor


class Command(BaseCommand):
    help = "Remove USERNAME's authenticator app and recovery codes (they set up again at next sign-in)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        removed = reset_two_factor(user=user)
        self.stdout.write(
            f"{username}: {removed} two-factor device(s) removed; they set up again at next sign-in."
        )
