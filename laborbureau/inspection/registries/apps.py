from django.apps import AppConfig


class RegistriesConfig(AppConfig):
    name = "laborbureau.inspection.registries"
    label = "registries"
    verbose_name = "勞動檢查處登錄、認可、彙編及電子報 OSH registries, compilation and newsletter"

    def ready(self) -> None:
        from laborbureau.inspection.registries import services, workflows  # noqa: F401 - registers the case type
        from laborbureau.notify.scheduler import register_periodic

        register_periodic("registries.newsletter_dispatch", services.newsletter_dispatch, every_seconds=60)
        register_periodic("registries.expiry_reminders", services.registration_expiry_remind, every_seconds=3600)
