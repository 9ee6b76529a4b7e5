"""The registries of the labor inspection office (勞動檢查處): construction-site
self-management certification (營造工地自主管理認證標章), OSH training units (安全衛生
教育訓練單位) and their audits, medical institutions for workers' health checks (勞工體格
及健康檢查認可醫療機構), safety and health personnel (職業安全衛生人員), the major works
under video monitoring (重大工程影像監視), the yearly compilation of serious accident
cases (職業災害案實錄彙編) and the safety e-newsletter (安全衛生電子報).

An application for a registration is a case (type `osh_registration`, one shared
workflow with a `kind`) with this domain record; the decision is the chief's sign-off."""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.cases.selectors import status_label
from laborbureau.core.i18n import pick
from laborbureau.core.models import District, Employer, User
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import osh_registrations as rule


class RegistryKind(models.TextChoices):
    SITE_CERTIFICATION = rule.SITE_CERTIFICATION, "營造工地自主管理認證標章 Site self-management certification"
    TRAINING_UNIT = rule.TRAINING_UNIT, "安全衛生教育訓練單位 OSH training unit"
    MEDICAL_INSTITUTION = rule.MEDICAL_INSTITUTION, "勞工健康檢查認可醫療機構 Health-check medical institution"
    SAFETY_PERSONNEL = rule.SAFETY_PERSONNEL, "職業安全衛生人員 Safety and health personnel"


# The expiry reminders (services.registration_expiry_remind): the registrant is told 60 and again 30 days
# before the last day of validity. These lead times are our service choice, not statutory: no article obliges
# the office to remind anyone, and the validity periods themselves are rules.osh_registrations'. Longest first.
EXPIRY_REMINDER_DAYS = (60, 30)

# The kinds shown on the public list (no personnel: a person's registration is personal data).
PUBLIC_KINDS = (RegistryKind.SITE_CERTIFICATION, RegistryKind.TRAINING_UNIT, RegistryKind.MEDICAL_INSTITUTION)


class PersonnelRole(models.TextChoices):
    """職業安全衛生管理辦法第3條之1、第7條."""

    SUPERVISOR = "SUPERVISOR", "職業安全衛生業務主管 OSH supervisor"
    MANAGER = "MANAGER", "職業安全衛生管理師 OSH manager"
    SAFETY_MANAGER = "SAFETY_MANAGER", "職業安全管理師 Safety manager"
    HEALTH_MANAGER = "HEALTH_MANAGER", "職業衛生管理師 Health manager"
    OFFICER = "OFFICER", "職業安全衛生管理員 OSH officer"


class Decision(models.TextChoices):
    APPROVED = "APPROVED", "核准 Approved"
    REFUSED = "REFUSED", "不予核准 Refused"


class Registration(models.Model):
    """One application for a registration and, once approved, the registration itself."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="osh_registration")
    kind = models.CharField(max_length=20, choices=RegistryKind.choices)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="osh_registrations")
    name = models.CharField(max_length=120)  # the site, training unit or institution (public)
    address = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()  # the works, courses, check categories, or the person's duties
    contact_email = models.EmailField(blank=True)
    # Safety and health personnel only (personal data: staff reads are logged).
    personnel_name = models.CharField(max_length=80, blank=True)
    personnel_role = models.CharField(max_length=20, choices=PersonnelRole.choices, blank=True)
    personnel_certificate = models.CharField(max_length=60, blank=True)  # 訓練結業證書／技術士證 number
    review_opinion = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)  # None on an approved one: no expiry
    certificate_code = models.CharField(max_length=20, blank=True)  # the issued PDF's verification code
    revocation_reasons = models.TextField(blank=True)
    revoked_on = models.DateField(null=True, blank=True)
    # The last expiry reminder sent: its lead time in days (one of EXPIRY_REMINDER_DAYS) and when. Written only
    # by the sweep's conditional update, so each stage goes out once however many sweeps run.
    expiry_reminder_days = models.PositiveSmallIntegerField(null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "decision", "valid_until"], name="osh_registration_public"),
            models.Index(fields=["valid_until"], name="osh_registration_expiry",
                         condition=Q(decision="APPROVED", revoked_on__isnull=True)),
            models.Index(fields=["employer", "kind"], name="osh_registration_employer"),
        ]
        constraints = [
            models.CheckConstraint(name="osh_registration_valid_after_from",
                                   condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from"))),
        ]

    @property
    def in_force(self) -> bool:
        from django.utils import timezone

        return bool(self.decision == Decision.APPROVED and self.valid_from and rule.is_valid_on(
            self.kind, self.valid_from, timezone.localdate(), self.revoked_on))

    @property
    def days_left(self) -> int | None:
        """Days from today to the last day of validity, while in force; None without an expiry."""
        from django.utils import timezone

        if not self.in_force or self.valid_until is None:
            return None
        return (self.valid_until - timezone.localdate()).days

    @property
    def expiring_soon(self) -> bool:
        days = self.days_left
        return days is not None and days <= EXPIRY_REMINDER_DAYS[0]

    @property
    def expired(self) -> bool:
        """Approved, never revoked, and past its last day by the validity rule. Computed, never stored: nothing
        marks a registration expired."""
        return bool(self.decision == Decision.APPROVED and self.valid_from and self.revoked_on is None
                    and not self.in_force)

    @property
    def status_label(self) -> str:
        return pick(*status_label(self.case))


class AuditResult(models.TextChoices):
    PASS = "PASS", "合格 Pass"
    CORRECTIVE = "CORRECTIVE", "限期改善 Corrective action"
    REVOKE = "REVOKE", "建議廢止 Revoke"


class TrainingUnitAudit(models.Model):
    """A scheduled audit (查核) of a registered training unit (職業安全衛生教育訓練規則
    第27條: the authority may audit the training's implementation at any time)."""

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="audits")
    scheduled_on = models.DateField()
    inspector = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    conducted_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    result = models.CharField(max_length=12, choices=AuditResult.choices, blank=True)
    corrective_due = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_on", "-pk"]
        indexes = [models.Index(fields=["scheduled_on"], name="osh_audit_scheduled")]


class MonitoredWork(models.Model):
    """A major public work under video monitoring (重大工程影像監視): the site and the
    reference of its monitoring stream (a URL, recorded as text: nothing is streamed)."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    site_name = models.CharField(max_length=120)
    address = models.CharField(max_length=200)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    contract_amount = models.PositiveBigIntegerField(null=True, blank=True)  # NT$
    stream_url = models.URLField(max_length=300)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site_name", "pk"]
        constraints = [models.CheckConstraint(name="monitored_work_ends_after_start",
                                              condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")))]


class MonitoringCheck(models.Model):
    """An officer's check of a monitored site through its stream."""

    work = models.ForeignKey(MonitoredWork, on_delete=models.PROTECT, related_name="checks")
    checked_at = models.DateTimeField()
    officer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    stream_available = models.BooleanField()
    hazard_found = models.BooleanField(default=False)
    observations = models.TextField()
    follow_up = models.TextField(blank=True)  # e.g. the inspection scheduled because of it

    class Meta:
        ordering = ["-checked_at", "-pk"]


class CompilationEntry(models.Model):
    """The editorial entry of one closed serious accident in a year's compilation
    (職業災害案實錄彙編): copied anonymised figures plus an officer's summary, causes and
    prevention measures. No name, no address, no employer."""

    year = models.PositiveSmallIntegerField()  # Gregorian year of the accident
    case_number = models.CharField(max_length=20)
    month = models.DateField()
    district_name = models.CharField(max_length=20)
    industry_section = models.CharField(max_length=1, blank=True)
    accident_type = models.CharField(max_length=16)
    severity = models.CharField(max_length=12)
    deaths = models.PositiveSmallIntegerField(default=0)
    injured = models.PositiveSmallIntegerField(default=0)
    summary = models.TextField()
    causes = models.TextField()
    prevention = models.TextField()
    written_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month", "case_number"]
        constraints = [models.UniqueConstraint(fields=["year", "case_number"], name="compilation_entry_once")]


class Compilation(models.Model):
    """A generated edition of a year's compilation PDF (the latest is the current one)."""

    year = models.PositiveSmallIntegerField()
    document_code = models.CharField(max_length=20)
    entries = models.PositiveIntegerField()
    generated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-generated_at", "-pk"]


class Subscriber(models.Model):
    """A subscriber of the safety e-newsletter (double opt-in: confirmed by the link
    e-mailed to the address; one-click unsubscribe by the token in every issue)."""

    email = models.EmailField(unique=True)
    confirm_token = models.CharField(max_length=64, unique=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"], name="newsletter_subscriber_active")]


class IssueStatus(models.TextChoices):
    DRAFT = "DRAFT", "草稿 Draft"
    SENDING = "SENDING", "寄送中 Sending"
    SENT = "SENT", "已寄送 Sent"


class NewsletterIssue(models.Model):
    """A monthly issue of the safety e-newsletter: title and items (title, text, link)."""

    month = models.DateField(unique=True)  # first day of the month
    title = models.CharField(max_length=120)
    items = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]


class NewsletterDelivery(models.Model):
    """One issue queued to one subscriber: the unique pair makes a re-send a no-op."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.PROTECT, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.PROTECT, related_name="+")
    outbox = models.OneToOneField(OutboxMessage, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once")]
