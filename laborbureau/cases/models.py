"""The case engine's data: the common case header, parties, timeline, attachments,
sign-off requests and per-case grants.

A program adds its own domain record (a model with a OneToOne to Case) and declares
its workflow in its `workflows.py`; status only changes through
cases.services.case_transition.
"""

from django.db import models
from django.db.models import Q

from laborbureau.core.models import Employer, Person, Unit, User


class CaseNumberSequence(models.Model):
    """The last number issued per (type code, ROC year). Locked while incremented, so
    numbers are unique and never reused, even when a case is withdrawn."""

    type_code = models.CharField(max_length=6)
    roc_year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["type_code", "roc_year"], name="one_sequence_per_type_year")]


class Channel(models.TextChoices):
    """How a case reached the department (受理管道)."""

    PORTAL = "portal", "網路申請 Online"
    PHONE = "phone", "電話 Phone"
    COUNTER = "counter", "臨櫃 At the counter"
    MAIL = "mail", "書面 By post"
    API = "api", "系統介接 Another system"
    INSPECTION = "inspection", "檢查發現 Found in an inspection"
    EX_OFFICIO = "ex_officio", "主動立案 Opened by the department"


class Case(models.Model):
    """The header every program's case shares."""

    number = models.CharField(max_length=20, unique=True)  # e.g. 115-LSC-000042
    case_type = models.CharField(max_length=40, db_index=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_cases")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20, blank=True, choices=Channel.choices)
    opened_at = models.DateTimeField()
    state_entered_at = models.DateTimeField()
    due_date = models.DateField(null=True, blank=True)  # the current state's statutory deadline
    closed_at = models.DateTimeField(null=True, blank=True)
    timeline_head = models.CharField(max_length=64, default="0" * 64)  # hash of the last entry
    timeline_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["assignee", "closed_at"]),
            models.Index(fields=["due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class PartyRole(models.TextChoices):
    APPLICANT = "APPLICANT", "申請人 Applicant"
    COMPLAINANT = "COMPLAINANT", "申訴人 Complainant"
    RESPONDENT = "RESPONDENT", "相對人 Respondent"
    WORKER = "WORKER", "勞工 Worker"
    EMPLOYER = "EMPLOYER", "雇主 Employer"
    UNION = "UNION", "工會 Union"
    REPRESENTATIVE = "REPRESENTATIVE", "代理人 Representative"


class CaseParty(models.Model):
    """A person or an employer in a case, in a role."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="case_parties")
    employer = models.ForeignKey(
        Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="case_parties"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="party_is_person_xor_employer",
                condition=(Q(person__isnull=False) & Q(employer__isnull=True))
                | (Q(person__isnull=True) & Q(employer__isnull=False)),
            )
        ]
        indexes = [models.Index(fields=["person"]), models.Index(fields=["employer"])]


class TimelineEntry(models.Model):
    """What happened in a case. Append-only; each entry carries the hash of the one
    before it in the same case (see core.hashchain, `manage.py verify_audit`)."""

    class Kind(models.TextChoices):
        OPENED = "opened", "立案 Opened"
        TRANSITION = "transition", "狀態變更 Transition"
        NOTE = "note", "紀錄 Note"
        ASSIGNMENT = "assignment", "分案 Assignment"
        ATTACHMENT = "attachment", "附件 Attachment"
        DOCUMENT = "document", "公文 Document"
        SIGNOFF = "signoff", "核稿 Sign-off"
        FINE = "fine", "罰鍰 Fine"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="timeline")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    transition = models.CharField(max_length=40, blank=True)
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    visible_to_parties = models.BooleanField(default=False)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="one_timeline_seq_per_case")]


class Attachment(models.Model):
    """A file attached to a case, stored outside the database, with its SHA-256."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    visible_to_parties = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)


class SignOff(models.Model):
    """A decision awaiting approval along a chain of roles (officer -> chief -> director).

    `chain` lists the roles that must approve in order; `step` is the index of the
    role whose approval is awaited. A return sends it back to the maker with a comment.
    """

    class Status(models.TextChoices):
        PENDING = "PENDING", "待核 Pending"
        APPROVED = "APPROVED", "核准 Approved"
        RETURNED = "RETURNED", "退回 Returned"
        WITHDRAWN = "WITHDRAWN", "撤回 Withdrawn"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="signoffs")
    subject = models.CharField(max_length=40)  # what is decided, e.g. "fine"
    summary = models.CharField(max_length=300)
    payload = models.JSONField(default=dict)
    chain = models.JSONField()  # list of Role values
    step = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "subject"], condition=Q(status="PENDING"), name="one_pending_signoff_per_subject"
            )
        ]

    @property
    def awaited_role(self) -> str | None:
        return self.chain[self.step] if self.status == self.Status.PENDING else None


class SignOffStep(models.Model):
    """One approval or return in a sign-off chain."""

    class Decision(models.TextChoices):
        APPROVE = "APPROVE", "核准 Approve"
        RETURN = "RETURN", "退回 Return"

    signoff = models.ForeignKey(SignOff, on_delete=models.PROTECT, related_name="steps")
    step = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)


class CaseGrant(models.Model):
    """Permission for one staff member to read (and work on) one case of another unit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="case_grants")
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    can_act = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()


class DeadlineReminder(models.Model):
    """One reminder sent about a case's deadline: the sweep sends at most one of each
    kind per case and due date, however often it runs."""

    class Kind(models.TextChoices):
        DUE_SOON = "DUE_SOON", "即將到期 Due soon"
        OVERDUE = "OVERDUE", "已逾期 Overdue"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadline_reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "due_date"], name="one_reminder_per_case_kind_due_date")
        ]
