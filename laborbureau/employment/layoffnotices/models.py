"""Layoff notices (資遣通報, 就業服務法第33條): the list an employer files of the workers it
lays off, before they leave; the files it uploads for large layoffs and their validation
report; the invitation each worker gets to register with the employment service; the
enforcement case a late notice may lead to (就業服務法第68條第1項)."""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.fields import RowidAutoField
from laborbureau.core.models import Employer, Establishment, User
from laborbureau.employment.models import JobSeeker


class Ground(models.TextChoices):
    """The legal ground of the layoff. 資遣 is a termination under 勞動基準法第11條,
    第13條但書 or 第20條 (勞委會82年2月8日勞職業字第08982號函; cf. relations.layoffs
    LegalGround, whose codes the first five share)."""

    CLOSURE = "LSA11_1", "歇業或轉讓（勞基法第11條第1款） Closure or transfer"
    LOSS = "LSA11_2", "虧損或業務緊縮（第11條第2款） Losses or contraction"
    FORCE_MAJEURE = "LSA11_3", "不可抗力暫停工作一個月以上（第11條第3款） Force majeure"
    BUSINESS_CHANGE = "LSA11_4", "業務性質變更（第11條第4款） Change in the nature of the business"
    INCOMPETENT = "LSA11_5", "勞工不能勝任工作（第11條第5款） Worker not up to the job"
    DISASTER = "LSA13", "天災事變致事業不能繼續（第13條但書） Disaster making the business impossible"
    TRANSFER = "LSA20", "事業單位改組或轉讓未留用（第20條） Not kept on after reorganisation or transfer"


class Channel(models.TextChoices):
    PORTAL = "PORTAL", "網路填報 Portal form"
    UPLOAD = "UPLOAD", "檔案上傳 File upload"
    API = "API", "系統介接 API"
    COUNTER = "COUNTER", "臨櫃或郵寄紙本（就業服務處登打） Paper, entered by the office"


class LayoffNotice(models.Model):
    """One filing: the list of workers (通報名冊) of one establishment. The deadline
    fields are the snapshot of rules.dispute_deadlines.layoff_notice at filing: the
    earliest due date among the workers and how many came late."""

    number = models.CharField(max_length=20, unique=True)  # 資遣-115-000042
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="layoff_notices")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="layoff_notices")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    force_majeure = models.BooleanField(default=False)  # 第33條第1項但書: within 3 days after
    contact_name = models.CharField(max_length=80, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    filed_on = models.DateField()  # the day it reached the department (Taipei)
    filed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    worker_count = models.PositiveIntegerField()
    first_day = models.DateField()  # earliest last day of work
    last_day = models.DateField()
    earliest_due = models.DateField()
    late = models.BooleanField(default=False)
    late_count = models.PositiveIntegerField(default=0)
    max_days_late = models.PositiveIntegerField(default=0)
    upload = models.OneToOneField("LayoffUpload", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="notice")
    fine_case = models.OneToOneField(Case, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="layoff_notice")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["employer", "filed_on"]), models.Index(fields=["late", "filed_on"])]
        constraints = [
            models.CheckConstraint(name="layoff_notice_days_in_order", condition=Q(first_day__lte=models.F("last_day"))),
            models.CheckConstraint(name="layoff_notice_has_workers", condition=Q(worker_count__gte=1)),
        ]

    def __str__(self) -> str:
        return self.number


class InvitationStatus(models.TextChoices):
    SENT = "SENT", "已邀請 Invited"
    ACCEPTED = "ACCEPTED", "已接受並登記求職 Accepted and registered"
    DECLINED = "DECLINED", "不需要 Declined"


class LayoffWorker(models.Model):
    """A worker on a notice, with the items of 第33條第1項 (姓名、性別、年齡、住址、電話、
    擔任工作、資遣事由及需否就業輔導). Personal data: ESO staff and the filing employer only.
    One row per (employer, worker, last day): a second notice of the same layoff is refused."""

    # Workers are never deleted (their notice is PROTECTed, and nothing deletes them):
    # SQLite's plain rowid gives the ids AUTOINCREMENT would, without its look-up of
    # sqlite_sequence per inserted row (43% of a large list's load; core.fields).
    id = RowidAutoField(primary_key=True)
    # The references are checked by triggers (migrations/0002), not by foreign-key
    # constraints: a FK is checked row by row (on PostgreSQL, deferred to the commit:
    # 200,000 look-ups for a 100,000-row list, a third of its import time); the trigger
    # checks a whole COPY in one join on PostgreSQL, and also that the worker's employer
    # is its notice's. Notices and employers are never deleted (PROTECT here; on
    # PostgreSQL a trigger refuses deleting a notice that has workers).
    notice = models.ForeignKey(LayoffNotice, on_delete=models.PROTECT, related_name="workers", db_constraint=False)
    # No own index: the unique (employer, id_number, last_day) leads with it.
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+", db_index=False,
                                 db_constraint=False)
    row = models.PositiveIntegerField()  # position in the list (the file's row for an upload)
    id_number = models.CharField(max_length=10)
    name = models.CharField(max_length=80)
    sex = models.CharField(max_length=1, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.CharField(max_length=254, blank=True)
    address = models.CharField(max_length=200, blank=True)
    position = models.CharField(max_length=60)  # 擔任工作
    ground = models.CharField(max_length=8, choices=Ground.choices)
    last_day = models.DateField()  # 離職日: the last day of the contract (資遣日)
    needs_assistance = models.BooleanField(default=True)  # 需否就業輔導
    due_on = models.DateField()
    late = models.BooleanField(default=False)
    invitation = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.SENT)
    # The code printed on the letter, for the counter; random, so not worth an index
    # (a unique index on random text halves the insert rate of a 100,000-row list).
    invitation_token = models.CharField(max_length=32)
    invited_at = models.DateTimeField(null=True, blank=True)  # the portal/e-mail invitation queued
    # Workers with neither a portal account nor an e-mail are invited by letter: the day
    # the office recorded it as mailed (the letters page).
    letter_sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    seeker = models.ForeignKey(JobSeeker, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               db_index=False)
    matches = models.JSONField(default=list, blank=True)  # [[vacancy_id, score], ...] best first
    matched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["notice", "row"]
        indexes = [
            # Only the accepted ones are swept (matches_refresh_due): a partial index costs
            # nothing when a large list comes in.
            models.Index(fields=["last_day"], condition=Q(invitation="ACCEPTED"), name="layoff_worker_accepted"),
        ]
        constraints = [
            # Led by the ID, it also finds a person's notices (the portal's invitations):
            # one index fewer to keep up when a 100,000-row list comes in. The employer's
            # own workers are found through its notices.
            models.UniqueConstraint(fields=["id_number", "employer", "last_day"], name="layoff_worker_once_per_layoff"),
        ]


class UploadStatus(models.TextChoices):
    QUEUED = "QUEUED", "等待檢核 Queued"
    VALIDATING = "VALIDATING", "檢核中 Validating"
    VALID = "VALID", "檢核通過，待確認 Valid; awaiting confirmation"
    INVALID = "INVALID", "有錯誤，請修正後重新上傳 Errors; fix and upload again"
    IMPORTED = "IMPORTED", "已確認通報 Confirmed and filed"
    DISCARDED = "DISCARDED", "已放棄 Discarded"


class LayoffUpload(models.Model):
    """A CSV or Excel file of workers. Validated in the background (progress on the row);
    nothing is filed until the employer confirms a valid upload, and then all rows in one
    transaction. The same file (by SHA-256) uploaded again by the same employer answers
    the first upload instead of a new one."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="layoff_uploads")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="+")
    force_majeure = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.UPLOAD)
    file_name = models.CharField(max_length=200)
    file_hash = models.CharField(max_length=64)
    file_format = models.CharField(max_length=4)  # csv, xlsx
    encoding = models.CharField(max_length=12, blank=True)  # utf-8, utf-8-sig, cp950
    status = models.CharField(max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row", "column", "zh", "en"}], at most MAX_STORED_ERRORS
    late_count = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)  # first/last day, earliest due, grounds
    created_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["employer", "file_hash"])]

    @property
    def percent(self) -> int:
        return 100 if not self.total_rows else min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def running(self) -> bool:
        return self.status in (UploadStatus.QUEUED, UploadStatus.VALIDATING)



class LayoffUploadFile(models.Model):
    """An upload's file as sent, kept apart from its row until the upload is filed or
    discarded (then emptied): SQLite writes a whole row again on any update, and the
    upload's row is updated while it is validated (status, progress)."""

    upload = models.OneToOneField(LayoffUpload, on_delete=models.CASCADE, primary_key=True, related_name="file")
    content = models.BinaryField()


class LayoffStagedBatch(models.Model):
    """A valid file's checked rows, staged for the confirmation: PostgreSQL COPY text
    lines (UTF-8), a few thousand a batch, written as the file is checked and read back
    one batch at a time when it is filed (memory stays that of a batch, whatever the
    file's length). Kept only for a valid upload; deleted when it is filed."""

    upload = models.ForeignKey(LayoffUpload, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveIntegerField()
    lines = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["upload", "seq"], name="layoff_staged_batch_once")]


class MonitorFeed(models.Model):
    """A (notice, day) whose layoffs were recorded with the mass-layoff monitor
    (relations.layoffs.layoff_event_record): the sweep's idempotency key."""

    notice = models.ForeignKey(LayoffNotice, on_delete=models.PROTECT, related_name="feeds")
    day = models.DateField()
    count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "day"], name="monitor_feed_once_per_notice_day")]


class NumberSequence(models.Model):
    """The last notice number of a ROC year; its row lock keeps numbers unique."""

    roc_year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


class FineProposal(models.Model):
    """The domain record of the enforcement case opened from a late notice (就業服務法
    第68條第1項, for failing 第33條第1項): what the officer proposed, and the fine issued
    after sign-off."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="layoff_notice_fine")
    notice = models.ForeignKey(LayoffNotice, on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    violation_date = models.DateField()
    amount = models.PositiveIntegerField()
    findings = models.TextField(blank=True)
    fine_number = models.CharField(max_length=40, blank=True)
    outcome_summary = models.TextField(blank=True)
