"""The shared core: reference data, organisation and access, parties, the access log.

Parties are one record per real person or employer. A merge keeps both rows: the
absorbed one points at the survivor through `merged_into` and stays readable, so
history written against it is never lost (core.services.person_merge).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class District(models.Model):
    """One of the 12 districts of 臺北市 (MOI town code, postal code)."""

    code = models.CharField(max_length=8, primary_key=True)
    zip3 = models.CharField(max_length=3, unique=True)
    name_zh = models.CharField(max_length=10)
    name_en = models.CharField(max_length=40)

    class Meta:
        ordering = ["zip3"]

    def __str__(self) -> str:
        return self.name_zh


class IndustryClass(models.Model):
    """行業統計分類 (DGBAS, 11th revision): sections A–S and two-digit divisions."""

    code = models.CharField(max_length=8, primary_key=True)
    level = models.CharField(max_length=10)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    name_zh = models.CharField(max_length=80)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class Unit(models.Model):
    """An organisational unit of the department (科、處、學院)."""

    code = models.CharField(max_length=8, unique=True)
    name_zh = models.CharField(max_length=40)
    name_en = models.CharField(max_length=80)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_zh


class Role(models.TextChoices):
    CASE_OFFICER = "CASE_OFFICER", "承辦人 Case officer"
    MEDIATOR = "MEDIATOR", "調解人 Mediator"
    INSPECTOR = "INSPECTOR", "檢查員 Inspector"
    SECTION_CHIEF = "SECTION_CHIEF", "科長 Section chief"
    DIRECTOR = "DIRECTOR", "局長 Director"
    AUDITOR = "AUDITOR", "稽核 Auditor"
    SYSADMIN = "SYSADMIN", "系統管理員 System administrator"


class UserKind(models.TextChoices):
    STAFF = "STAFF", "機關人員 Staff"
    CITIZEN = "CITIZEN", "民眾 Citizen"
    EMPLOYER = "EMPLOYER", "事業單位 Employer"


class User(AbstractUser):
    """A login: staff of a unit with a role, or a citizen or employer on the portal."""

    kind = models.CharField(max_length=10, choices=UserKind.choices, default=UserKind.CITIZEN)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    person = models.ForeignKey(
        "core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    employer = models.ForeignKey(
        "core.Employer", null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    display_name = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="staff_has_unit_and_role",
                condition=~Q(kind="STAFF") | (Q(unit__isnull=False) & ~Q(role="")),
            ),
            models.CheckConstraint(
                name="portal_user_has_no_role", condition=Q(kind="STAFF") | Q(role="")
            ),
        ]

    @property
    def is_staff_member(self) -> bool:
        return self.kind == UserKind.STAFF

    @property
    def is_auditor(self) -> bool:
        return self.kind == UserKind.STAFF and self.role == Role.AUDITOR

    @property
    def label(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class UnitGrant(models.Model):
    """Permission for a staff member to work on another unit's cases, for a while."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="unit_grants")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)


class IdKind(models.TextChoices):
    NATIONAL_ID = "national_id", "身分證統一編號 National ID"
    ARC_OLD = "arc_old", "居留證號（舊式） ARC (old format)"
    ARC_NEW = "arc_new", "居留證號（新式） ARC (2021 format)"
    PASSPORT = "passport", "護照 Passport"


class Sex(models.TextChoices):
    FEMALE = "F", "女 Female"
    MALE = "M", "男 Male"
    OTHER = "X", "其他 Other"


class Person(models.Model):
    """A natural person: worker, job seeker, complainant, union officer, migrant worker."""

    id_kind = models.CharField(max_length=12, choices=IdKind.choices)
    id_number = models.CharField(max_length=20)
    passport_country = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=80)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # One live record per identifier. A merged (absorbed) record keeps its number.
            models.UniqueConstraint(
                fields=["id_kind", "id_number", "passport_country"],
                condition=Q(merged_into__isnull=True),
                name="person_one_live_record_per_id",
            ),
            models.CheckConstraint(name="person_not_merged_into_self", condition=~Q(merged_into=models.F("id"))),
        ]
        indexes = [models.Index(fields=["id_number"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id(self) -> str:
        """The ID with its middle hidden, for lists (e.g. A12****789)."""
        value = self.id_number
        if len(value) <= 5:
            return "*" * len(value)
        return value[:3] + "*" * (len(value) - 6) + value[-3:]


class Employer(models.Model):
    """事業單位: an employer, identified by its 統一編號 when it has one."""

    business_id = models.CharField(max_length=8, null=True, blank=True)
    name = models.CharField(max_length=120)
    representative = models.CharField(max_length=80, blank=True)
    industry = models.ForeignKey(IndustryClass, null=True, blank=True, on_delete=models.PROTECT)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=Q(merged_into__isnull=True, business_id__isnull=False),
                name="employer_one_live_record_per_business_id",
            ),
            models.CheckConstraint(name="employer_not_merged_into_self", condition=~Q(merged_into=models.F("id"))),
        ]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["business_id"])]

    def __str__(self) -> str:
        return self.name


class Establishment(models.Model):
    """廠場: a site of an employer. Many rules (mass layoff, quotas) count per site."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="establishments")
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)
    industry = models.ForeignKey(IndustryClass, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.employer.name} {self.name}"


class HeadcountRecord(models.Model):
    """The headcount of an establishment as of a date (勞工人數), with its source."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="headcounts")
    as_of = models.DateField()
    headcount = models.PositiveIntegerField()
    source = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["establishment", "as_of"], name="one_headcount_per_site_and_date")
        ]


class PartyMerge(models.Model):
    """The record of a merge: which record absorbed which, by whom, and a snapshot."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        EMPLOYER = "employer", "Employer"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    survivor_id = models.BigIntegerField()
    absorbed_id = models.BigIntegerField()
    reason = models.CharField(max_length=200)
    snapshot = models.JSONField()
    merged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class ChainHead(models.Model):
    """The last entry of an append-only hash chain; its row lock serialises appends."""

    name = models.CharField(max_length=40, primary_key=True)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)


class AccessLogEntry(models.Model):
    """One read or export of personal data (個人資料保護法). Append-only, hash-chained."""

    class Action(models.TextChoices):
        VIEW = "view", "檢視 View"
        SEARCH = "search", "查詢 Search"
        EXPORT = "export", "匯出 Export"
        API = "api", "API讀取 API read"

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    user = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    object_label = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=200)
    ip = models.CharField(max_length=45, blank=True)
    path = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["username", "at"]),
            models.Index(fields=["at"]),
        ]


class LoginAttempt(models.Model):
    """A login attempt, kept for throttling password guessing."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    succeeded = models.BooleanField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["username", "at"]), models.Index(fields=["ip", "at"])]


class ApiToken(models.Model):
    """A bearer token for another system. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class EmployerSignup(models.Model):
    """An employer account opened by self sign-up on the portal, and the department's check of it.

    Only self sign-ups have a row: an account the department (or an existing account
    holder) created is vouched for by whoever created it. Until an ESO or LS officer
    (or the director) verifies it, the account works on the portal but other services
    may treat it with more care (core.services.employer_account_verified). The row is
    also the record of the decision: who verified or deactivated it, when and why.
    """

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="employer_signup")
    # What the applicant declared. The Employer record is not overwritten by it: a name
    # that differs from the registered one is kept here and flagged for staff.
    declared_name = models.CharField(max_length=120)
    declared_address = models.CharField(max_length=200)
    name_differs = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=80)
    contact_phone = models.CharField(max_length=30)
    ip = models.CharField(max_length=45, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_note = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["verified_at", "created_at"]), models.Index(fields=["ip", "created_at"])]

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
