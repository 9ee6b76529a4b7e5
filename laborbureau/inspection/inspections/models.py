"""Labor inspections (勞動檢查, 勞動檢查法): the yearly plan's entries and ad-hoc
inspections (one case each), the findings per legal provision with their photos, the
employer representative's acknowledgement, corrective notices (改善通知, 勞動檢查法
第25條) with their re-inspections, stop-work orders (停工, 勞動檢查法第27、28條,
職業安全衛生法第36條) and the employer's resumption requests (復工, 勞動檢查法第29條)."""

from django.db import models
from django.db.models import Q

from laborbureau.cases import workflows
from laborbureau.cases.models import Attachment, Case
from laborbureau.core.i18n import pick
from laborbureau.core.models import Employer, Establishment, User


def _state_label(case_type: str, status: str) -> str:
    try:
        state = workflows.get(case_type).state(status)
    except KeyError:
        return status
    return pick(state.label_zh, state.label_en)


class InspectionType(models.TextChoices):
    GENERAL = "GENERAL", "一般安全衛生監督檢查 General supervision"
    CONSTRUCTION = "CONSTRUCTION", "營造工地檢查 Construction site"
    HAZARDOUS_WORKPLACE = "HAZARDOUS_WORKPLACE", "危險性工作場所檢查 Hazardous workplace"
    MACHINERY = "MACHINERY", "危險性機械及設備檢查 Dangerous machinery and equipment"
    OCCUPATIONAL_HEALTH = "OCCUPATIONAL_HEALTH", "職業衛生檢查 Occupational health"
    LABOR_CONDITIONS = "LABOR_CONDITIONS", "勞動條件檢查 Labor conditions"


class Origin(models.TextChoices):
    PLAN = "PLAN", "年度檢查計畫 Yearly plan"
    COMPLAINT = "COMPLAINT", "申訴檢舉 Complaint"
    CAMPAIGN = "CAMPAIGN", "專案檢查 Project campaign"
    ACCIDENT = "ACCIDENT", "職業災害 Occupational accident"
    REINSPECTION = "REINSPECTION", "複查 Re-inspection"
    OTHER = "OTHER", "其他 Other"


class Inspection(models.Model):
    """The domain record of an inspection case (type INS).

    A planned inspection is not announced to the employer (勞動檢查法第13條: no advance
    notice, save the exceptions of that article), so the employer becomes a party of the
    case only when the visit starts. `status` mirrors the case's status (written only by
    the workflow's effects, in the transition's transaction) so that the worklists and
    the employer history read one table with one index."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="inspection")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="inspections")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="inspections")
    inspection_type = models.CharField(max_length=24, choices=InspectionType.choices)
    origin = models.CharField(max_length=16, choices=Origin.choices)
    status = models.CharField(max_length=40, db_index=False)
    inspector = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections")
    plan_year = models.PositiveSmallIntegerField(null=True, blank=True)
    risk_score = models.PositiveSmallIntegerField(null=True, blank=True)
    risk_reasons = models.JSONField(default=list, blank=True)
    campaign = models.CharField(max_length=80, blank=True)  # the project campaign, e.g. 餐飲業勞動條件專案
    complaint_number = models.CharField(max_length=40, blank=True)  # the labor-standards complaint it follows
    reinspection_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="reinspections")
    scheduled_for = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    violations = models.PositiveSmallIntegerField(default=0)  # provisions found violated (set on completion)
    summary = models.TextField(blank=True)
    # The employer representative's acknowledgement of the findings (會同檢查、簽認).
    representative_name = models.CharField(max_length=80, blank=True)
    representative_title = models.CharField(max_length=40, blank=True)
    acknowledgement = models.CharField(max_length=10, blank=True)  # "signature" or "typed" or "refused"
    signature = models.TextField(blank=True)  # a PNG data URL drawn on the phone's canvas (size-limited)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # The fine proposed for sign-off, then issued.
    proposed_law_code = models.CharField(max_length=20, blank=True)
    proposed_article = models.CharField(max_length=60, blank=True)
    proposed_violated_article = models.CharField(max_length=100, blank=True)
    proposed_violation_date = models.DateField(null=True, blank=True)
    proposed_amount = models.PositiveIntegerField(null=True, blank=True)
    fine_number = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # The employer's history (newest first) and the inspector's worklist.
            models.Index(fields=["employer", "-created_at"], name="insp_employer_recent"),
            models.Index(fields=["inspector", "status", "scheduled_for"], name="insp_worklist"),
            models.Index(fields=["plan_year", "inspector"], name="insp_plan"),
            models.Index(fields=["establishment", "completed_on"], name="insp_site_done"),
        ]

    @property
    def status_label(self) -> str:
        return _state_label("labor_inspection", self.status)


class FindingResult(models.TextChoices):
    COMPLIANT = "COMPLIANT", "符合 Compliant"
    VIOLATION = "VIOLATION", "違反 Violation"
    NOT_APPLICABLE = "NOT_APPLICABLE", "不適用 Not applicable"


class Finding(models.Model):
    """What the inspector found for one checklist item (one legal provision). One row per
    item: a later record of the same item replaces the earlier one (the field form's
    sync may send it again)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item_code = models.CharField(max_length=10)
    provision = models.CharField(max_length=100)
    result = models.CharField(max_length=16, choices=FindingResult.choices)
    note = models.TextField(blank=True)
    penalty = models.CharField(max_length=60, blank=True)  # "LAW|article" from the checklist
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    client_key = models.CharField(max_length=64, blank=True)  # the last sync's idempotency key

    class Meta:
        ordering = ["item_code"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item_code"], name="finding_one_per_item")]


class FindingPhoto(models.Model):
    """A photo taken for a finding, with when and where it was taken (the phone's clock and,
    if the inspector allowed it, its geolocation). The file is a case attachment
    (checksummed). `client_key` makes a retried upload a no-op."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="+")
    captured_at = models.DateTimeField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.PositiveIntegerField(null=True, blank=True)
    client_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["captured_at"]


class NoticeStatus(models.TextChoices):
    OPEN = "OPEN", "改善期限中 Within the deadline"
    COMPLIED = "COMPLIED", "複查已改善 Corrected"
    NOT_COMPLIED = "NOT_COMPLIED", "複查未改善 Not corrected"


class CorrectiveNotice(models.Model):
    """The notice of the inspection's results with the deadline to correct the violations
    (檢查結果通知、限期改善, 勞動檢查法第25條第1項), and the re-inspection it schedules."""

    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT, related_name="notice")
    issued_on = models.DateField()
    deadline = models.DateField()
    items = models.JSONField()  # [{"code", "provision", "note"}] the violations to correct
    status = models.CharField(max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.OPEN)
    reinspection = models.OneToOneField(Inspection, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="notice_followed")

    class Meta:
        constraints = [models.CheckConstraint(name="notice_deadline_after_issue",
                                              condition=Q(deadline__gte=models.F("issued_on")))]


class StopWorkBasis(models.TextChoices):
    LIA_28 = "LIA_28", "勞動檢查法第28條（有立即發生危險之虞，檢查員得先行通知部分或全部停工）"
    OSHA_36 = "OSHA_36", "職業安全衛生法第36條第1項（有立即發生危險之虞，通知部分或全部停工）"
    LIA_27 = "LIA_27", "勞動檢查法第27條（發生職業災害，通知部分或全部停工）"


class StopWorkScope(models.TextChoices):
    PARTIAL = "PARTIAL", "部分停工 Partial"
    FULL = "FULL", "全部停工 Full"


class StopWorkOrder(models.Model):
    """The domain record of a stop-work case (停工通知, type SWO). Opened by the inspector on
    the spot where danger is imminent; lifted only by an approved resumption (復工,
    勞動檢查法第29條). `status` mirrors the case's, as on Inspection."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="stop_work_order")
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="stop_work_orders")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="stop_work_orders")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="stop_work_orders")
    basis = models.CharField(max_length=10, choices=StopWorkBasis.choices)
    scope = models.CharField(max_length=8, choices=StopWorkScope.choices)
    area = models.CharField(max_length=200)  # the work or place stopped, e.g. 7樓外牆施工架作業
    danger = models.TextField()  # the imminent danger found
    item_codes = models.JSONField(default=list)  # the checklist items behind it
    status = models.CharField(max_length=40)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["employer", "-issued_at"], name="swo_employer_recent")]

    @property
    def status_label(self) -> str:
        return _state_label("stop_work_order", self.status)


class ResumptionStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", "待審查 To be reviewed"
    PENDING_APPROVAL = "PENDING_APPROVAL", "同意復工陳核中 Approval awaiting sign-off"
    APPROVED = "APPROVED", "核准復工 Approved"
    RETURNED = "RETURNED", "退回補正 Sent back"


class ReviewMethod(models.TextChoices):
    ON_SITE = "ON_SITE", "現場複查 On site"
    EVIDENCE = "EVIDENCE", "書面及照片審查 On the evidence"


class ResumptionRequest(models.Model):
    """An employer's application to resume the stopped work (復工申請, 勞動檢查法第29條),
    with the improvements made and their photos (attachments of the stop-work case)."""

    order = models.ForeignKey(StopWorkOrder, on_delete=models.PROTECT, related_name="resumptions")
    improvements = models.TextField()
    attachment_ids = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=ResumptionStatus.choices, default=ResumptionStatus.SUBMITTED)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    review_method = models.CharField(max_length=10, choices=ReviewMethod.choices, blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            # At most one request under review per order.
            models.UniqueConstraint(fields=["order"], condition=Q(status__in=["SUBMITTED", "PENDING_APPROVAL"]),
                                    name="resumption_one_open_per_order"),
        ]


class ConstructionProject(models.Model):
    """Construction work at an establishment (營造工程), for the plan's risk score and the
    type D hazardous-workplace review (勞動檢查法第26條第1項第5款, 危險性工作場所丁類)."""

    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="construction_projects")
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    type_d = models.BooleanField(default=False)  # reviewed as a 丁類 hazardous workplace
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="construction_period")]
        constraints = [models.CheckConstraint(name="construction_period_in_order",
                                              condition=Q(starts_on__lte=models.F("ends_on")))]


class MachineryKind(models.TextChoices):
    MOBILE_CRANE = "MOBILE_CRANE", "移動式起重機 Mobile crane"
    DERRICK = "DERRICK", "人字臂起重桿 Derrick"
    GONDOLA = "GONDOLA", "吊籠 Gondola"
    FIXED_CRANE = "FIXED_CRANE", "固定式起重機 Fixed crane"


class MachineryCertificate(models.Model):
    """An inspection certificate of a dangerous machine at a site (危險性機械檢查合格證,
    職業安全衛生法第16條第1項), with its validity from rules.hazardous_machinery."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="machinery_certificates")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="machinery_certificates")
    kind = models.CharField(max_length=16, choices=MachineryKind.choices)
    serial = models.CharField(max_length=40)  # 合格證字號 or the machine's number
    inspected_on = models.DateField()
    valid_until = models.DateField()
    apply_by = models.DateField()
    basis = models.CharField(max_length=80)
    inspection = models.ForeignKey(Inspection, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="machinery_certificates")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["valid_until"]
        indexes = [models.Index(fields=["employer", "valid_until"], name="machinery_employer_valid")]
        constraints = [models.CheckConstraint(name="machinery_valid_after_inspection",
                                              condition=Q(valid_until__gt=models.F("inspected_on")))]
