"""`manage.py create_token USERNAME [--name NAME]`: create an API token and print it.

The key is printed once, alone on standard output (so a script can capture it); only
its SHA-256 is stored (core.services.api_token_create).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laborbureau.core.errors import ApplicationError
from laborbureau.core.models import User
from laborbureau.core.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for USERNAME and print it (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account the token acts as.")
        parser.add_argument("--name", default="", help="What the token is for (default: 'cli YYYY-MM-DD').")

    def handle(self, *args, username: str, name: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is not active.")
        try:
            token, key = api_token_create(user=user, name=name or f"cli {timezone.localdate().isoformat()}")
        except ApplicationError as error:
            raise CommandError(error.message_en) from None
        self.stderr.write(f"Token {token.prefix}… ({token.name}) for {user.username}; it is shown only once:")
        self.stdout.write(key)
