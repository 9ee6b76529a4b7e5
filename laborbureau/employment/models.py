"""The city job bank (seed 陸.一 職業介紹, 陸.三.<三> 台北人力銀行, 陸.四 雇主服務): job seekers
(求職登記), vacancies (求才登記) and referrals (推介), run by the Employment Services Office
(就業服務處, unit ESO).

A registration and a vacancy are not cases: they have no statutory deadline and are far too
many (the city holds hundreds of thousands), so they do not run on the case engine. Their
status changes only through `services.vacancy_transition` / `services.job_seeker_set_status`
/ `services.referral_answer`, each writing an event row in the same transaction.
"""

from django.db import models
from django.db.models import F, Q

from laborbureau.core.models import District, Employer, Person, User


class Occupation(models.Model):
    """職業標準分類 (DGBAS, 6th revision): 10 major and 39 sub-major groups."""

    code = models.CharField(max_length=4, primary_key=True)
    level = models.CharField(max_length=10)  # major, sub_major
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name_zh = models.CharField(max_length=80)
    name_en = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class PayUnit(models.TextChoices):
    MONTHLY = "MONTHLY", "月薪 Monthly"
    HOURLY = "HOURLY", "時薪 Hourly"


class WorkingHours(models.TextChoices):
    FULL_TIME = "FULL_TIME", "全職 Full-time"
    PART_TIME = "PART_TIME", "兼職 Part-time"
    SHIFT = "SHIFT", "輪班 Shifts"
    NIGHT = "NIGHT", "夜班 Night work"


class Education(models.TextChoices):
    NONE = "NONE", "不拘 Any"
    JUNIOR_HIGH = "JUNIOR_HIGH", "國中 Junior high school"
    SENIOR_HIGH = "SENIOR_HIGH", "高中職 Senior high or vocational school"
    ASSOCIATE = "ASSOCIATE", "專科 Junior college"
    BACHELOR = "BACHELOR", "大學 University"
    MASTER = "MASTER", "碩士 Master's"
    DOCTORATE = "DOCTORATE", "博士 Doctorate"


EDUCATION_RANK = {value: rank for rank, value in enumerate(Education.values)}


class Language(models.TextChoices):
    MANDARIN = "zh", "華語 Mandarin"
    TAIWANESE = "nan", "臺語 Taiwanese"
    HAKKA = "hak", "客語 Hakka"
    INDIGENOUS = "indigenous", "原住民族語 Indigenous language"
    ENGLISH = "en", "英語 English"
    JAPANESE = "ja", "日語 Japanese"
    INDONESIAN = "id", "印尼語 Indonesian"
    VIETNAMESE = "vi", "越南語 Vietnamese"
    THAI = "th", "泰語 Thai"
    TAGALOG = "tl", "菲律賓語 Tagalog"


class SupportedGroup(models.TextChoices):
    """The groups whose employment the authorities must promote (就業服務法第24條第1項:
    第1款 獨力負擔家計者 … 第9款 更生受保護人, 第10款 其他經中央主管機關認為有必要者).
    新住民 is listed under 第10款 as our reading (the Ministry's programmes for foreign and
    mainland spouses); check the Ministry's designation before relying on it."""

    SOLE_EARNER = "SOLE_EARNER", "獨力負擔家計者 Sole earner of a household"
    MIDDLE_AGED_OR_OLDER = "MIDDLE_AGED_OR_OLDER", "中高齡者 Middle-aged or older (45+)"
    DISABLED = "DISABLED", "身心障礙者 Person with disabilities"
    INDIGENOUS = "INDIGENOUS", "原住民 Indigenous person"
    LOW_INCOME = "LOW_INCOME", "低收入戶或中低收入戶 Low or lower-middle income household"
    LONG_TERM_UNEMPLOYED = "LONG_TERM_UNEMPLOYED", "長期失業者 Long-term unemployed"
    RETURNING_WOMEN = "RETURNING_WOMEN", "二度就業婦女 Woman returning to work"
    DOMESTIC_VIOLENCE = "DOMESTIC_VIOLENCE", "家庭暴力被害人 Victim of domestic violence"
    REHABILITATED_OFFENDER = "REHABILITATED_OFFENDER", "更生受保護人 Rehabilitated offender"
    NEW_IMMIGRANT = "NEW_IMMIGRANT", "新住民 New immigrant"


SUPPORTED_GROUP_BASIS = "就業服務法第24條第1項"


class Channel(models.TextChoices):
    PORTAL = "portal", "線上 Portal"
    COUNTER = "counter", "臨櫃 Counter"
    API = "api", "API"


class SeekerStatus(models.TextChoices):
    ACTIVE = "ACTIVE", "求職中 Looking for work"
    PAUSED = "PAUSED", "暫停 Paused"
    CLOSED = "CLOSED", "已結案 Closed"


class JobSeeker(models.Model):
    """求職登記: one registration per person (updated, paused or closed, never duplicated)."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="job_seeker")
    desired_occupations = models.ManyToManyField(Occupation, related_name="+")  # sub-major groups
    districts = models.ManyToManyField(District, related_name="+")  # where they can work; none: anywhere
    pay_unit = models.CharField(max_length=8, choices=PayUnit.choices, default=PayUnit.MONTHLY)
    expected_pay = models.PositiveIntegerField(null=True, blank=True)
    working_hours = models.JSONField(default=list)  # WorkingHours values they accept
    education = models.CharField(max_length=12, choices=Education.choices, default=Education.NONE)
    experience_years = models.PositiveSmallIntegerField(default=0)
    experience = models.TextField(blank=True)
    skills = models.TextField(blank=True)
    licences = models.TextField(blank=True)  # 證照
    languages = models.JSONField(default=list)  # Language values
    # Sensitive (disability, income, origin): shown to the service staff only, never to an
    # employer (個人資料保護法第6條 for health data).
    groups = models.JSONField(default=list)  # SupportedGroup values
    # Consent to matching and to the referral that hands the profile to an employer.
    consent_to_matching = models.BooleanField(default=False)
    # Skill terms found in skills, licences, experience and languages (employment.skills).
    skill_bits = models.BigIntegerField(default=0)
    # The daily digest of new matching vacancies (asked for by the seeker; needs consent).
    digest_opt_in = models.BooleanField(default=False)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=SeekerStatus.choices, default=SeekerStatus.ACTIVE)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PORTAL)
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "-updated_at"]),
            # The matcher reads the rows changed since it last looked (employment.matching).
            models.Index(fields=["updated_at"], name="seeker_updated"),
        ]

    def __str__(self) -> str:
        return self.person.name

    @property
    def group_labels(self) -> list[str]:
        labels = dict(SupportedGroup.choices)
        return [str(labels.get(value, value)) for value in self.groups]


class CounsellingNote(models.Model):
    """就業諮詢紀錄: a counsellor's note. Read by the employment-service staff only; never by
    the job seeker or an employer (no portal page, no API field outside the staff's)."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class VacancyStatus(models.TextChoices):
    HELD = "HELD", "待審核 Held for review"  # the screening hook held it; not public
    ACTIVE = "ACTIVE", "徵才中 Open"
    FILLED = "FILLED", "已額滿 Filled"
    EXPIRED = "EXPIRED", "已截止 Expired"
    WITHDRAWN = "WITHDRAWN", "已撤回 Withdrawn"
    REJECTED = "REJECTED", "不予刊登 Refused"  # an officer refused it after the scam screening (final)


OPEN_VACANCY = (VacancyStatus.HELD, VacancyStatus.ACTIVE)


class Vacancy(models.Model):
    """求才登記: an employer's vacancy. Public while ACTIVE and not past its closing date
    (the closing date is the last day it is open)."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(max_length=60)
    description = models.TextField()  # plain text, rendered escaped
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="vacancies")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    address = models.CharField(max_length=200)
    pay_unit = models.CharField(max_length=8, choices=PayUnit.choices)
    pay_min = models.PositiveIntegerField()
    pay_max = models.PositiveIntegerField(null=True, blank=True)
    # The minimum wage it was checked against (最低工資法第5條), for the record.
    minimum_wage_checked = models.PositiveIntegerField()
    hours = models.CharField(max_length=10, choices=WorkingHours.choices)
    hours_note = models.CharField(max_length=100, blank=True)  # e.g. 09:00-18:00，週休二日
    requirements = models.TextField(blank=True)
    education_min = models.CharField(max_length=12, choices=Education.choices, default=Education.NONE)
    openings = models.PositiveSmallIntegerField(default=1)
    # Skill terms found in the title, description and requirements (employment.skills).
    skill_bits = models.BigIntegerField(default=0)
    closing_date = models.DateField()
    status = models.CharField(max_length=10, choices=VacancyStatus.choices)
    screening_decision = models.CharField(max_length=10, blank=True)  # what the hook said: publish, review
    screening_reason = models.CharField(max_length=200, blank=True)
    # The scam screening's score, its threshold then and the signals that fired
    # (screening.FiredSignal.as_dict); null for rows that were never screened.
    screening_score = models.FloatField(null=True, blank=True)
    screening_threshold = models.FloatField(null=True, blank=True)
    screening_signals = models.JSONField(default=list, blank=True)
    posted_on = models.DateField()  # the posting date: the minimum wage in force on it applies
    posted_at = models.DateTimeField(null=True, blank=True)  # when it became public
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PORTAL)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="vacancy_pay_max_not_below_min",
                                   condition=Q(pay_max__isnull=True) | Q(pay_max__gte=F("pay_min"))),
            models.CheckConstraint(name="vacancy_pay_not_below_checked_minimum",
                                   condition=Q(pay_min__gte=F("minimum_wage_checked"))),
            models.CheckConstraint(name="vacancy_has_openings", condition=Q(openings__gte=1)),
        ]
        indexes = [
            # The public list: active, open on a date, newest first; by district or occupation.
            models.Index(fields=["status", "closing_date", "-posted_at"], name="vacancy_open_recent"),
            models.Index(fields=["district", "status", "-posted_at"], name="vacancy_district_recent"),
            models.Index(fields=["occupation", "status", "-posted_at"], name="vacancy_occupation_recent"),
            models.Index(fields=["employer", "-created_at"], name="vacancy_employer"),
            models.Index(fields=["updated_at"], name="vacancy_updated"),  # the matcher's refresh
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def pay_text(self) -> str:
        unit = "月薪" if self.pay_unit == PayUnit.MONTHLY else "時薪"
        if self.pay_max and self.pay_max != self.pay_min:
            return f"{unit} {self.pay_min:,}–{self.pay_max:,}"
        return f"{unit} {self.pay_min:,}"


class VacancyEvent(models.Model):
    """The vacancy's history: created, updated, each status change (who, when, why)."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)  # create, update, publish, hold, withdraw, fill, expire
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")  # None: system
    note = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class ReferralOutcome(models.TextChoices):
    PENDING = "PENDING", "待回覆 Awaiting the employer"
    INTERVIEWED = "INTERVIEWED", "已面試 Interviewed"
    HIRED = "HIRED", "錄取 Hired"
    NOT_HIRED = "NOT_HIRED", "未錄取 Not hired"


class NotHiredReason(models.TextChoices):
    NO_SHOW = "NO_SHOW", "未到面試 Did not come to the interview"
    SKILLS = "SKILLS", "技能或經驗不符 Skills or experience do not fit"
    PAY = "PAY", "薪資條件未合 Pay not agreed"
    HOURS = "HOURS", "工作時間未合 Hours not agreed"
    DECLINED = "DECLINED", "求職人婉拒 The job seeker declined"
    FILLED = "FILLED", "職缺已補足 The vacancy was already filled"
    OTHER = "OTHER", "其他 Other"


class Referral(models.Model):
    """推介: a counsellor sends a job seeker to a vacancy; the employer answers."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="referrals")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="referrals")
    counsellor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # Occupation of the vacancy at referral time, for the figures (one query, no join).
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+")
    message = models.CharField(max_length=500, blank=True)  # to the employer
    outcome = models.CharField(max_length=12, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING)
    not_hired_reason = models.CharField(max_length=10, choices=NotHiredReason.choices, blank=True)
    outcome_note = models.CharField(max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "vacancy"], name="referral_once_per_seeker_and_vacancy"),
            models.CheckConstraint(
                name="referral_not_hired_has_reason",
                condition=~Q(outcome="NOT_HIRED") | ~Q(not_hired_reason=""),
            ),
        ]
        indexes = [models.Index(fields=["counsellor", "outcome"]), models.Index(fields=["vacancy", "outcome"])]


class MatchOverride(models.Model):
    """A counsellor's judgement over the matcher: this vacancy is not for this seeker (with
    the reason), kept until withdrawn. Excluded pairs leave both match lists."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="match_overrides")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["seeker", "vacancy"], name="match_override_once")]


class MatchRunStatus(models.TextChoices):
    QUEUED = "QUEUED", "排程中 Queued"
    RUNNING = "RUNNING", "執行中 Running"
    DONE = "DONE", "完成 Done"
    FAILED = "FAILED", "失敗 Failed"


class MatchRun(models.Model):
    """A bulk matching run in the background worker (e.g. every worker of a mass layoff):
    the top matches of each listed job seeker, with progress."""

    label = models.CharField(max_length=100)
    seeker_ids = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=MatchRunStatus.choices, default=MatchRunStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    processes = models.PositiveSmallIntegerField(default=1)
    vacancies_scored = models.PositiveIntegerField(default=0)  # open vacancies at the run
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)


class MatchRunResult(models.Model):
    """One seeker's top matches in a run: [[vacancy id, score], ...], best first."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="results")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="+")
    matches = models.JSONField(default=list)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["run", "seeker"], name="match_result_once_per_run")]


class ScreeningReview(models.Model):
    """An officer's decision after the scam screening (employment.reviews): on a held ad
    (APPROVE publishes it, REJECT refuses it), or on a published ad later found to be a
    scam (CONFIRMED_SCAM: the screening missed it). The ground truth the screening is
    measured on; `screening_decision` and `screening_score` are the screening's verdict
    at the time of the decision."""

    class Outcome(models.TextChoices):
        APPROVE = "APPROVE", "核准刊登 Approved"
        REJECT = "REJECT", "不予刊登 Refused"
        CONFIRMED_SCAM = "CONFIRMED_SCAM", "查證為不實徵才 Confirmed scam"

    class Reason(models.TextChoices):
        FALSE_AD = "FALSE_AD", "不實廣告 False or misleading ad"
        DOCUMENTS = "DOCUMENTS", "扣留證件或要求存摺、提款卡 Keeps documents or bank cards"
        DEPOSIT = "DEPOSIT", "收取保證金或費用 Deposit or fees"
        DISCRIMINATION = "DISCRIMINATION", "就業歧視 Discrimination"
        IMMORAL = "IMMORAL", "違背公序良俗之工作 Work against public order"
        FRAUD = "FRAUD", "詐騙（車手、人頭帳戶） Fraud (money mule, accounts)"
        OTHER = "OTHER", "其他 Other"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="screening_reviews")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reason = models.CharField(max_length=16, choices=Reason.choices, blank=True)  # with REJECT, CONFIRMED_SCAM
    note = models.CharField(max_length=500, blank=True)  # told to the employer on a refusal
    screening_decision = models.CharField(max_length=10, blank=True)  # publish, review: the verdict then
    screening_score = models.FloatField(null=True, blank=True)
    screening_signals = models.JSONField(default=list, blank=True)  # the codes that fired then
    officer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="screening_review_positive_has_reason",
                                   condition=Q(outcome="APPROVE") | ~Q(reason="")),
        ]
        indexes = [models.Index(fields=["decided_at"], name="screening_review_decided"),
                   models.Index(fields=["vacancy", "-decided_at"], name="screening_review_vacancy")]

    @property
    def is_scam(self) -> bool:
        return self.outcome != self.Outcome.APPROVE
