"""`manage.py employment_reindex`: rebuild the job bank's search index from the tables
(after a restore, a bulk import, or a change to the indexed fields or to the synonym table)."""

from django.core.management.base import BaseCommand

from laborbureau.employment import indexing


class Command(BaseCommand):
    help = "Rebuild the search index of open vacancies and job-seeker registrations."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["all", "vacancy", "jobseeker"], default="all",
                            help="Which index to rebuild (default: both).")

    def handle(self, *args, kind: str = "all", **options):
        if kind in ("all", "vacancy"):
            count = indexing.vacancy_rebuild()
            self.stdout.write(f"vacancy: {count} indexed")
        if kind in ("all", "jobseeker"):
            count = indexing.seeker_rebuild()
            self.stdout.write(f"jobseeker: {count} indexed")
