from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "laborbureau.employment"
    label = "employment"
    verbose_name = "就業服務 Employment services"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.employment import indexing, matching, services
        from laborbureau.notify.scheduler import register_periodic

        PARTY_REFERENCE_HOOKS.append(services.employment_parties_repoint)
        # Vacancies past their closing date leave the active state (idempotent; the
        # lists filter by date anyway, so a late sweep shows nothing stale).
        register_periodic("employment.expire_vacancies", services.vacancy_expire_due, every_seconds=3600)
        # The daily digest of new matching vacancies: hourly, each seeker at most once a day
        # from 08:00 Taipei.
        register_periodic("employment.match_digest", matching.digest_send, every_seconds=3600)
        # PostgreSQL: the search index's rows stored by occupation again, once a night.
        register_periodic("employment.search_recluster", indexing.search_recluster, every_seconds=3600)
