"""Background delivery of the outbox (placeholder wiring; see notify.delivery)."""

from django_tasks import task


@task()
def deliver_outbox() -> int:
    from laborbureau.notify.delivery import deliver_due

    return deliver_due()
