from django.apps import AppConfig


class LayoffNoticesConfig(AppConfig):
    name = "laborbureau.employment.layoffnotices"
    label = "layoffnotices"
    verbose_name = "資遣通報 Layoff notices"

    def ready(self) -> None:
        from laborbureau.core.services import PARTY_REFERENCE_HOOKS
        from laborbureau.employment.layoffnotices import services, workflows  # noqa: F401 - registers the workflow
        from laborbureau.notify.scheduler import register_periodic

        if services.notice_parties_repoint not in PARTY_REFERENCE_HOOKS:
            PARTY_REFERENCE_HOOKS.append(services.notice_parties_repoint)
        # Each notice's layoffs reach the mass-layoff monitor once their day has come
        # (relations.layoffs refuses a future day); idempotent per (notice, day).
        register_periodic("layoffnotices.feed_monitor", services.monitor_feed_due, every_seconds=3600)
        # The matches of workers who accepted are refreshed (new vacancies every day) until
        # a month after their last day.
        register_periodic("layoffnotices.refresh_matches", services.matches_refresh_due, every_seconds=6 * 3600)
