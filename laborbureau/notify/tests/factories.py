"""Factories for notify: outbox rows and in-app notices."""

import factory
from django.utils import timezone

from laborbureau.core.tests.factories import UserFactory
from laborbureau.notify.models import Channel, Notification, OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    channel = Channel.IN_APP
    recipient = factory.SubFactory(UserFactory)
    subject_zh = factory.Sequence(lambda n: f"通知{n}")
    subject_en = factory.Sequence(lambda n: f"Notice {n}")
    next_attempt_at = factory.LazyFunction(timezone.now)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    subject_zh = factory.Sequence(lambda n: f"案件進度{n}")
    subject_en = factory.Sequence(lambda n: f"Case update {n}")
    body_zh = "案件狀態已更新。"
    link = "/portal/cases/115-LSC-000001/"
    case_id = None
