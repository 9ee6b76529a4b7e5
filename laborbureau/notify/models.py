"""The notification outbox and in-app notices.

An OutboxMessage is written in the same transaction as the event it announces, so a
notice exists exactly when the event does. The worker delivers it (in-app notice or
e-mail) and retries with back-off; a message that keeps failing is marked DEAD and
shown to administrators, never dropped silently.
"""

from django.db import models
from django.db.models import Q

from laborbureau.core.models import User


class Channel(models.TextChoices):
    IN_APP = "in_app", "站內通知 In-app"
    EMAIL = "email", "電子郵件 E-mail"
    SMS = "sms", "簡訊 SMS"  # through settings.NOTIFY_SMS_BACKEND (notify.sms)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "PENDING", "待送 Pending"
        SENT = "SENT", "已送 Sent"
        DEAD = "DEAD", "失敗 Gave up"

    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)  # the SMS channel's number
    subject_zh = models.CharField(max_length=200)
    subject_en = models.CharField(max_length=200, blank=True)
    body_zh = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)  # cases.Case, kept loose: notify is below cases
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The last "retry now" by an administrator (notify.services.outbox_retry).
    retry_requested_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    retry_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                name="outbox_has_a_destination", condition=Q(recipient__isnull=False) | ~Q(email="")
            ),
            models.CheckConstraint(
                name="outbox_sent_has_sent_at", condition=~Q(status="SENT") | Q(sent_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk} {self.status}"


class Notification(models.Model):
    """An in-app notice, shown on every page until read."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    outbox = models.OneToOneField(OutboxMessage, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_zh = models.CharField(max_length=200)
    subject_en = models.CharField(max_length=200, blank=True)
    body_zh = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)  # cases.Case, kept loose as in the outbox
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject_zh

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class PeriodicRun(models.Model):
    """When a registered periodic sweep (notify.scheduler) last ran and is next due.

    Several schedulers may run on several machines: each claims a due sweep with one
    conditional UPDATE on `next_run_at`, so exactly one of them runs it per period.
    """

    name = models.CharField(max_length=80, primary_key=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    runs = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.name
