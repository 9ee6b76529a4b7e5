from django.conf import settings
from django.core.management.base import BaseCommand

from laborbureau.core import demo
from laborbureau.core.models import User


class Command(BaseCommand):
    help = "Print the demo logins (development only)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            self.stdout.write("No demo logins in production.")
            return
        existing = set(User.objects.values_list("username", flat=True))
        rows = [(u, zh, en) for u, _, _, zh, en in demo.STAFF] + [
            (demo.CITIZEN, "民眾（勞工）", "Citizen (worker)"),
            (demo.EMPLOYER, "事業單位", "Employer"),
            ("lawyer_lin", "義務律師（諮詢服務台）", "Volunteer lawyer (advice desk)"),
        ]
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, zh, en in rows:
            if username in existing:
                self.stdout.write(f"  {username:<15} {zh} / {en}")
