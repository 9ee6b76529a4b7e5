"""The domain records of three case families of the Employment Services Office (ESO):

- domestic recruitment before hiring foreign workers (國內招募, 就業服務法第47條): the
  registration is a real job-bank vacancy; each referral of a local job seeker gets
  the employer's outcome and, for a refusal, its reason and the officer's judgement;
- help with a separation certificate the employer will not issue (離職證明協助開立,
  勞動基準法第19條, 就業保險法施行細則): the request and the officer's contacts with the
  employer;
- the transfer of a foreign worker to a new employer and its takeover (轉換雇主及承接,
  就業服務法第59條).

Each is the OneToOne domain record of a case (cases.Case); status lives on the case.
"""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import Employer, Person, User
from laborbureau.employment.models import Referral, Vacancy
from laborbureau.rules.foreign_worker_recruitment import REFUSAL_REASONS, WORK_CATEGORIES

WorkCategory = models.TextChoices(
    "WorkCategory", [(code, (code, f"{label}（就業服務法{clause}）")) for code, (label, clause) in WORK_CATEGORIES.items()]
)
RefusalReasonCode = models.TextChoices(
    "RefusalReasonCode", [(code, (code, f"{r.label_zh} {r.label_en}")) for code, r in REFUSAL_REASONS.items()]
)


class DomesticRecruitment(models.Model):
    """國內招募: an employer's registration to recruit locally before applying for
    foreign workers. `vacancy` is the job-bank vacancy (求才登記) published for the
    statutory period; its openings are the workers sought."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="domestic_recruitment")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="domestic_recruitments")
    vacancy = models.OneToOneField(Vacancy, on_delete=models.PROTECT, related_name="domestic_recruitment")
    work_category = models.CharField(max_length=20, choices=WorkCategory.choices)
    registered_on = models.DateField()  # 求才登記日
    newspaper_name = models.CharField(max_length=60, blank=True)
    newspaper_first_day = models.DateField(null=True, blank=True)  # 連續刊登二日之首日 (第17條第1項但書)
    union_notified_on = models.DateField(null=True, blank=True)  # 通知工會或勞工 (第47條第1項)
    posted_at_workplace_on = models.DateField(null=True, blank=True)  # 於工作場所公告
    # The decision at the end (sign-off approved): the shortfall certified, or the refusal.
    hired_count = models.PositiveSmallIntegerField(null=True, blank=True)
    shortfall = models.PositiveSmallIntegerField(null=True, blank=True)  # 招募本國勞工不足額
    refusal_reasons = models.TextField(blank=True)
    certificate_code = models.CharField(max_length=12, blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["employer", "registered_on"])]


class EmployerDecision(models.TextChoices):
    HIRED = "HIRED", "錄用 Hired"
    REFUSED = "REFUSED", "不予錄用 Not hired"


class Judgement(models.TextChoices):
    PENDING = "PENDING", "待認定 To be judged"
    LAWFUL = "LAWFUL", "有正當理由 A proper reason"
    UNLAWFUL = "UNLAWFUL", "無正當理由拒絕 Refused without a proper reason"


class RecruitmentReferralOutcome(models.Model):
    """The employer's outcome of one referral to a domestic recruitment, with the reason
    for a refusal (就業服務法第47條第2項) and the officer's judgement of it. The
    referral's own outcome in the job bank is kept in step by the service."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="recruitment_outcome")
    recruitment = models.ForeignKey(DomesticRecruitment, on_delete=models.PROTECT, related_name="outcomes")
    decision = models.CharField(max_length=8, choices=EmployerDecision.choices)
    reason = models.CharField(max_length=20, choices=RefusalReasonCode.choices, blank=True)
    reason_detail = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    judgement = models.CharField(max_length=8, choices=Judgement.choices, default=Judgement.PENDING)
    judgement_note = models.CharField(max_length=500, blank=True)
    judged_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    judged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(name="recruitment_refusal_has_reason",
                                   condition=~Q(decision="REFUSED") | ~Q(reason="")),
            models.CheckConstraint(name="recruitment_hire_is_lawful",
                                   condition=~Q(decision="HIRED") | Q(judgement="LAWFUL")),
        ]


# --- separation certificates ------------------------------------------------------------


class SeparationGround(models.TextChoices):
    """Why the worker left, in the terms of 就業保險法第11條第3項 (非自願離職) or otherwise."""

    CLOSURE = "CLOSURE", "關廠、遷廠、休業、解散、破產 Closure, relocation, suspension, dissolution, bankruptcy"
    LSA11 = "LSA11", "雇主依勞基法第11條資遣 Laid off (LSA Art. 11)"
    LSA13 = "LSA13", "勞基法第13條但書 LSA Art. 13 proviso"
    LSA14 = "LSA14", "勞工依勞基法第14條終止契約 Worker ended the contract (LSA Art. 14)"
    LSA20 = "LSA20", "事業單位改組或轉讓（勞基法第20條） Reorganisation or transfer (LSA Art. 20)"
    CONTRACT_END = "CONTRACT_END", "定期契約屆滿 Fixed-term contract ended"
    VOLUNTARY = "VOLUNTARY", "自願離職 Left of own accord"
    OTHER = "OTHER", "其他 Other"


INVOLUNTARY_GROUNDS = frozenset({"CLOSURE", "LSA11", "LSA13", "LSA14", "LSA20", "CONTRACT_END"})


class Verification(models.TextChoices):
    """How the department verified the separation before issuing the certificate itself
    (就業保險法第25條第3項: the certificate is issued by the employer or the local
    authority). The grounds the Taipei Department of Labor publishes for issuing one
    (臺北市就業服務處「失業給付離職證明書」)."""

    LAYOFF_NOTICE = "LAYOFF_NOTICE", "雇主已依就業服務法第33條資遣通報 The employer filed the layoff notice"
    CLOSURE = "CLOSURE", "關廠、歇業或雇主行蹤不明經查明屬實 Closure or absent employer verified"
    MEDIATION = "MEDIATION", "離職事由經勞資爭議調解有案 The ground is on a mediation record"
    OTHER_FACTS = "OTHER_FACTS", "其他經查證確定之事實（如法院判決） Other verified facts (e.g. a judgment)"


class SeparationCertificateRequest(models.Model):
    """協助開立離職證明: a worker whose employer refuses the separation certificate
    (勞動基準法第19條; 就業保險法第25條第3項) asks the department for it."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True,
                                related_name="separation_request")
    worker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="separation_requests")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="separation_requests")
    job_title = models.CharField(max_length=60, blank=True)
    employed_from = models.DateField()
    separated_on = models.DateField()  # the last day of the contract
    ground = models.CharField(max_length=12, choices=SeparationGround.choices)
    ground_detail = models.TextField()  # the worker's account (書面釋明)
    employer_refusal = models.TextField(blank=True)  # what the employer said when asked
    verification = models.CharField(max_length=16, choices=Verification.choices, blank=True)
    verification_note = models.TextField(blank=True)
    certificate_code = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(name="separation_after_start",
                                              condition=Q(employed_from__lte=models.F("separated_on")))]

    @property
    def involuntary(self) -> bool:
        return self.ground in INVOLUNTARY_GROUNDS


class ContactMethod(models.TextChoices):
    PHONE = "PHONE", "電話 Phone"
    LETTER = "LETTER", "函文 Letter"
    EMAIL = "EMAIL", "電子郵件 E-mail"
    VISIT = "VISIT", "訪視 Visit"


class ContactResult(models.TextChoices):
    WILL_ISSUE = "WILL_ISSUE", "雇主同意開立 The employer will issue it"
    REFUSED = "REFUSED", "雇主拒絕開立 The employer refused"
    NO_ANSWER = "NO_ANSWER", "聯繫不上 No answer"
    CLOSED_DOWN = "CLOSED_DOWN", "雇主已歇業或行蹤不明 Closed down or cannot be found"


class EmployerContact(models.Model):
    """One contact of the officer with the employer about the certificate. Append-only."""

    request = models.ForeignKey(SeparationCertificateRequest, on_delete=models.PROTECT, related_name="contacts")
    contacted_on = models.DateField()
    method = models.CharField(max_length=8, choices=ContactMethod.choices)
    result = models.CharField(max_length=12, choices=ContactResult.choices)
    note = models.CharField(max_length=500, blank=True)
    officer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contacted_on", "pk"]


# --- transfers of foreign workers ---------------------------------------------------------


class TransferGround(models.TextChoices):
    """就業服務法第59條第1項 (and the agreed end of the permit without renewal)."""

    DEATH_OR_EMIGRATION = "DEATH", "雇主或被看護者死亡或移民（第1款） Employer or person cared for died or emigrated"
    SHIP = "SHIP", "船舶被扣押、沉沒或修繕（第2款） Ship seized, sunk or under repair"
    CLOSURE_OR_UNPAID = "CLOSURE", "關廠、歇業或不依約給付工資（第3款） Closure or unpaid wages"
    NOT_ATTRIBUTABLE = "OTHER", "其他不可歸責於外國人之事由（第4款） Another cause not attributable to the worker"
    NOT_RENEWED = "NOT_RENEWED", "聘僱期滿雙方協議不續聘 Agreed not to renew at the end of the permit"


class WorkerTransfer(models.Model):
    """外國人轉換雇主及承接: one foreign worker's move from the original employer to a new
    one through the public employment service."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="worker_transfer")
    worker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="transfers")
    nationality = models.CharField(max_length=3)  # ISO 3166 alpha-3: IDN, VNM, THA, PHL
    work_category = models.CharField(max_length=20, choices=WorkCategory.choices)
    original_employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="transfers_out")
    ground = models.CharField(max_length=12, choices=TransferGround.choices)
    permit_served_on = models.DateField()  # 轉出函送達日
    permit_reference = models.CharField(max_length=60, blank=True)  # 勞動部轉出函文號
    registered_on = models.DateField(null=True, blank=True)  # 轉換登記日
    extended = models.BooleanField(default=False)
    new_employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="transfers_in")
    agreed_on = models.DateField(null=True, blank=True)  # 接續聘僱合意日
    outcome_note = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["original_employer"]), models.Index(fields=["new_employer"])]
        constraints = [models.CheckConstraint(name="transfer_new_employer_differs",
                                              condition=~Q(new_employer=models.F("original_employer")))]
