"""`manage.py seed_demo [--scale N]`: realistic synthetic data for Taipei.

Scale 1: the demo logins, 300 persons, 60 employers and 24 complaints in every state.
Scale N: N times the persons and employers (scale 334 gives 100,200 persons and 20,040
employers, for benchmarks); complaints grow up to 50x. Running it again keeps the data.
Refused in production.
"""

import random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from laborbureau.core import demo
from laborbureau.core.models import Employer, Person, Unit, User, UserKind
from laborbureau.demo import parties
from laborbureau.employment import demo as employment_demo
from laborbureau.employment.certification import demo as certification_demo
from laborbureau.employment.fairs import demo as fairs_demo
from laborbureau.employment.layoffnotices import demo as layoffnotices_demo
from laborbureau.employment.recruitment import demo as recruitment_demo
from laborbureau.inspection.accidents import demo as accidents_demo
from laborbureau.inspection.hazardous import demo as hazardous_demo
from laborbureau.inspection.inspections import demo as inspections_demo
from laborbureau.inspection.registries import demo as registries_demo
from laborbureau.relations import demo as relations_demo
from laborbureau.relations.advice import demo as advice_demo
from laborbureau.relations.closures import demo as closures_demo
from laborbureau.relations.fund import demo as fund_demo
from laborbureau.relations.layoffs import demo as layoffs_demo
from laborbureau.relations.mediation import demo as mediation_demo

# Each program's demo: seed(*, rng, citizens, employers, staff) -> how many records it made.
PROGRAM_DEMOS = [
    ("labor-dispute mediations", mediation_demo),
    ("mass-layoff plans", layoffs_demo),
    ("closure determinations", closures_demo),
    ("volunteer-lawyer advice", advice_demo),
    ("Labor Rights Fund", fund_demo),
    ("OSH registries", registries_demo),
]

PERSONS_PER_SCALE = 300
EMPLOYERS_PER_SCALE = 60
COMPLAINTS_PER_SCALE = 24
CITIZEN_ACCOUNTS = 30


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent; refused in production)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seed", type=int, default=115)

    def handle(self, *args, scale: int, seed: int, **options):
        # With DEBUG on (development), Django keeps the text of the last 9,000 queries; the
        # bulk inserts' texts made seeding at scale 667 grow to 8 GB. Seed without it.
        with override_settings(DEBUG=False):
            self._seed(scale=scale, seed=seed)

    def _seed(self, *, scale: int, seed: int) -> None:
        # One hash for every demo account: hashing the password is deliberately slow
        # (PBKDF2), and the demo accounts share one password anyway.
        self.password_hash = make_password(demo.DEMO_PASSWORD)
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is refused in production (LB_ENV=production).")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        rng = random.Random(seed)
        with transaction.atomic():
            self._logins()
        persons_wanted = PERSONS_PER_SCALE * scale
        employers_wanted = EMPLOYERS_PER_SCALE * scale
        have_persons = Person.objects.filter(email__endswith="@example.tw").count()
        have_employers = Employer.objects.filter(email__endswith="@example.tw").count()
        if have_persons >= persons_wanted and have_employers >= employers_wanted:
            self.stdout.write(f"Demo data already loaded ({have_persons} persons, {have_employers} employers).")
            return
        with transaction.atomic():
            persons = parties.make_persons(rng, persons_wanted - have_persons, start_serial=1_000_000 + have_persons)
            employers = parties.make_employers(
                rng, employers_wanted - have_employers, start_prefix=2_000_000 + have_employers * 11
            )
        self.stdout.write(f"Created {len(persons)} persons and {len(employers)} employers.")
        citizens = self._citizens(persons[:CITIZEN_ACCOUNTS])
        staff = {user.username: user for user in User.objects.filter(kind=UserKind.STAFF)}
        cases = relations_demo.seed(
            rng=rng,
            citizens=citizens,
            employers=employers,
            officers=[staff["ls_officer"], staff["ls_officer2"]],
            chief=staff["ls_chief"],
            director=staff["director"],
            count=COMPLAINTS_PER_SCALE * min(scale, 50),
        )
        self._employer_login(employers[0])
        self.stdout.write(f"Created {len(cases)} labor-standards complaints.")
        for label, module in PROGRAM_DEMOS:
            made = module.seed(rng=rng, citizens=citizens, employers=employers, staff=staff)
            self.stdout.write(f"Created {made} records: {label}.")
        made = accidents_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff, scale=scale)
        self.stdout.write(f"Created {made} records: occupational accidents.")
        made = employment_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff, scale=scale)
        self.stdout.write(f"Created {made} records: job bank (vacancies, job seekers, referrals).")
        made = fairs_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff)
        self.stdout.write(f"Created {made} records: job fairs.")
        made = certification_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff)
        self.stdout.write(f"Created {made} records: unemployment certification.")
        made = layoffnotices_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff)
        self.stdout.write(f"Created {made} records: layoff notices.")
        made = recruitment_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff)
        self.stdout.write(f"Created {made} records: domestic recruitment, separation certificates, worker transfers.")
        made = inspections_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff, scale=scale)
        self.stdout.write(f"Created {made} records: labor inspections.")
        made = hazardous_demo.seed(rng=rng, citizens=citizens, employers=employers, staff=staff)
        self.stdout.write(f"Created {made} records: construction projects, machinery certificates, type D reviews.")
        # Bulk loads leave the planner without statistics; SQLite then picked a scan of the
        # open-vacancy index over a primary-key lookup. Gather them once.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _logins(self) -> None:
        units = {unit.code: unit for unit in Unit.objects.all()}
        for username, unit_code, role, zh, _en in demo.STAFF:
            if not User.objects.filter(username=username).exists():
                user = User(username=username, kind=UserKind.STAFF, unit=units[unit_code], role=role,
                            display_name=zh, email=f"{username}@bola.example.tw")
                user.password = self.password_hash
                user.save()

    def _citizens(self, persons: list[Person]) -> list[User]:
        accounts = []
        for index, person in enumerate(persons):
            username = demo.CITIZEN if index == 0 else f"worker{person.pk}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, kind=UserKind.CITIZEN, person=person, email=person.email,
                            display_name=person.name)
                user.password = self.password_hash
                user.save()
            accounts.append(user)
        return accounts

    def _employer_login(self, employer: Employer) -> None:
        if not User.objects.filter(username=demo.EMPLOYER).exists():
            user = User(username=demo.EMPLOYER, kind=UserKind.EMPLOYER, employer=employer, email=employer.email,
                        display_name=employer.name)
            user.password = self.password_hash
            user.save()
