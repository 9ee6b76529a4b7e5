"""The fines ledger (罰鍰): one ledger for every unit of the department that fines.

A `Fine` is the decision (裁處書): who was fined, by which unit, under which article,
how much, when it was decided and served, and by when it must be paid. Everything
that happens to it afterwards is a `FineEntry`, appended and never changed or
deleted: assessment, service, payments, reminders, referral to compulsory
enforcement, appeal and litigation, cancellation, write-off. A correction is a new
entry (a payment recorded in error is reversed by a PAYMENT_REVERSED entry).

The collection state (amount due, paid, balance, status, whether collection is
suspended, when the decision became final) is derived from the entries by
`fines.ledger.derive`. The derived values are cached on the Fine row so that lists can
filter and page in SQL; the services rewrite the cache from the entries in the same
transaction as every append (`services._append`), and a test recomputes it for
every fine. Nothing else writes those columns.

Numbers: `北市勞罰-<ROC year>-<6 digits>` (e.g. 北市勞罰-115-000123), one sequence per
ROC year of the decision date, shared by all units (`FineNumberSequence`). The
sequence row is locked and incremented inside the issuing transaction: two fines
issued at once never share a number, and a number that was shown to anyone was
committed, so it is never issued again.
"""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import Employer, Unit, User

NUMBER_PREFIX = "北市勞罰"


class FineNumberSequence(models.Model):
    """The last fine number issued in an ROC year (locked while incremented)."""

    roc_year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class FineStatus(models.TextChoices):
    """Where collection stands (derived from the entries; see fines.ledger)."""

    UNSERVED = "UNSERVED", "待送達 Not yet served"
    UNPAID = "UNPAID", "待繳納 Unpaid"
    PAID = "PAID", "已繳清 Paid"
    REFERRED = "REFERRED", "已移送行政執行 Referred for enforcement"
    CANCELLED = "CANCELLED", "已撤銷 Cancelled"
    WRITTEN_OFF = "WRITTEN_OFF", "已註銷 Written off"


class RemedyStage(models.TextChoices):
    """The administrative remedy against the decision (derived)."""

    NONE = "NONE", "無 None"
    APPEAL_PENDING = "APPEAL_PENDING", "訴願中 Appeal pending"
    APPEAL_DECIDED = "APPEAL_DECIDED", "訴願已決定 Appeal decided"
    LITIGATION_PENDING = "LITIGATION_PENDING", "行政訴訟中 Litigation pending"
    LITIGATION_DECIDED = "LITIGATION_DECIDED", "行政訴訟已判決確定 Litigation decided"


class Outcome(models.TextChoices):
    """The outcome of an appeal (訴願決定) or a final judgment (確定判決)."""

    UPHELD = "upheld", "維持原處分（駁回） Upheld"
    REVOKED = "revoked", "原處分撤銷 Revoked"
    PARTIALLY_REVOKED = "partially_revoked", "原處分一部撤銷 Partially revoked"


class Fine(models.Model):
    """A fine decision (罰鍰處分). The header never changes after issue except the
    service facts (served_on, due_date) and the derived cache, all written by
    fines.services."""

    number = models.CharField(max_length=24, unique=True)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="fines")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="fines")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="fines")
    # What the decision says about the employer, as it said it: published under
    # 勞動基準法第80條之1 even if the employer is later renamed or merged.
    employer_name = models.CharField(max_length=120)
    representative = models.CharField(max_length=80, blank=True)
    business_id = models.CharField(max_length=8, blank=True)
    # The legal basis, as rules.fine_ranges gave it on the violation date.
    law_code = models.CharField(max_length=40)
    article = models.CharField(max_length=60)  # the penalty provision, canonical (第79條第1項第1款)
    violated_article = models.CharField(max_length=60, blank=True)  # the duty breached (第24條第1項), if given
    aggravated = models.BooleanField(default=False)  # 勞動基準法第79條第4項 ceiling applied
    law_name = models.CharField(max_length=60)
    legal_basis = models.CharField(max_length=200)  # e.g. 勞動基準法第79條第1項第1款
    legal_basis_version = models.CharField(max_length=80, blank=True)
    range_min = models.PositiveIntegerField()
    range_max = models.PositiveIntegerField()  # the aggravated ceiling when `aggravated`
    violation_date = models.DateField()
    amount = models.PositiveIntegerField()  # as assessed (NTD); the amount now due is derived
    decided_on = models.DateField()  # 處分日期
    due_days = models.PositiveSmallIntegerField(default=30)
    served_on = models.DateField(null=True, blank=True)  # 送達日
    due_date = models.DateField(null=True, blank=True)  # 繳納期限: served_on + due_days
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # --- derived from the entries (fines.ledger.derive), cached by the services ---
    status = models.CharField(max_length=12, choices=FineStatus.choices, default=FineStatus.UNSERVED)
    remedy = models.CharField(max_length=20, choices=RemedyStage.choices, default=RemedyStage.NONE)
    amount_due = models.PositiveIntegerField(default=0)
    paid_total = models.PositiveIntegerField(default=0)
    balance = models.PositiveIntegerField(default=0)
    collection_suspended = models.BooleanField(default=False)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_on = models.DateField(null=True, blank=True)
    referred_on = models.DateField(null=True, blank=True)
    final_on = models.DateField(null=True, blank=True)  # last day of the last remedy window
    entry_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-decided_on", "-number"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["employer", "decided_on"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["final_on", "decided_on"]),
            models.Index(fields=["law_code", "decided_on"]),
        ]
        constraints = [
            models.CheckConstraint(name="fine_amount_positive", condition=Q(amount__gt=0)),
            models.CheckConstraint(name="fine_balance_is_due_minus_paid", condition=Q(balance__lte=models.F("amount_due"))),
            models.CheckConstraint(
                name="fine_served_has_due_date",
                condition=Q(served_on__isnull=True, due_date__isnull=True)
                | Q(served_on__isnull=False, due_date__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.employer_name}"


class FineEntry(models.Model):
    """One event in a fine's life. Append-only: never updated, never deleted."""

    class Kind(models.TextChoices):
        ASSESSED = "ASSESSED", "裁處 Assessed"
        SERVED = "SERVED", "送達 Served"
        PAYMENT = "PAYMENT", "繳款 Payment"
        PAYMENT_REVERSED = "PAYMENT_REVERSED", "繳款更正 Payment reversed"
        REMINDER_SENT = "REMINDER_SENT", "催繳 Reminder sent"
        REFERRED_TO_ENFORCEMENT = "REFERRED_TO_ENFORCEMENT", "移送行政執行 Referred for enforcement"
        APPEAL_FILED = "APPEAL_FILED", "提起訴願 Appeal filed"
        APPEAL_ANSWERED = "APPEAL_ANSWERED", "訴願答辯 Answer to the appeal sent"
        APPEAL_DECIDED = "APPEAL_DECIDED", "訴願決定 Appeal decided"
        LITIGATION_FILED = "LITIGATION_FILED", "提起行政訴訟 Litigation filed"
        LITIGATION_DECIDED = "LITIGATION_DECIDED", "行政訴訟判決確定 Litigation decided"
        CANCELLED = "CANCELLED", "撤銷原處分 Cancelled"
        WRITTEN_OFF = "WRITTEN_OFF", "註銷 Written off"

    fine = models.ForeignKey(Fine, on_delete=models.PROTECT, related_name="entries")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    on = models.DateField()  # the date the event happened (paid on, filed on, decided on...)
    amount = models.PositiveIntegerField(null=True, blank=True)  # NTD; meaning depends on kind
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    collection_suspended = models.BooleanField(null=True, blank=True)  # APPEAL_/LITIGATION_FILED
    reminder_round = models.PositiveSmallIntegerField(null=True, blank=True)
    reverses = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=80, blank=True)  # receipt, docket or letter number
    note = models.TextField(blank=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fine", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["fine", "seq"], name="one_fine_entry_seq_per_fine"),
            # One reminder per fine per round, even if two sweeps race.
            models.UniqueConstraint(
                fields=["fine", "reminder_round"],
                condition=Q(kind="REMINDER_SENT"),
                name="one_reminder_per_fine_and_round",
            ),
            # A payment is reversed at most once.
            models.UniqueConstraint(
                fields=["reverses"], condition=Q(kind="PAYMENT_REVERSED"), name="one_reversal_per_payment"
            ),
            models.CheckConstraint(
                name="fine_entry_amount_where_needed",
                condition=~Q(kind__in=["ASSESSED", "PAYMENT", "PAYMENT_REVERSED"])
                | Q(amount__isnull=False, amount__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fine_id}#{self.seq} {self.kind}"
