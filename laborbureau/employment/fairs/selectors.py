"""Reads of the job fairs, scoped by who asks. Lists load a fixed number of queries
whatever their length (prefetches, aggregates)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from laborbureau.core.models import User, UserKind
from laborbureau.employment.fairs import services
from laborbureau.employment.fairs.models import (
    LIVE_FAIR,
    CheckIn,
    Fair,
    FairEmployer,
    FairInterview,
    FairRegistration,
    FairVacancy,
    ParticipationStatus,
    RegistrationStatus,
)
from laborbureau.employment.models import Occupation, ReferralOutcome

MAX_SEARCH = 40


def _approved_prefetch() -> Prefetch:
    vacancies = FairVacancy.objects.select_related("vacancy__occupation", "vacancy__district").order_by("pk")
    return Prefetch(
        "employers",
        queryset=FairEmployer.objects.filter(status=ParticipationStatus.APPROVED).select_related("employer")
        .prefetch_related(Prefetch("vacancies", queryset=vacancies)).order_by("booth", "pk"),
        to_attr="approved",
    )


def _with_counts(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        preregistered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED,
                                                      registrations__walk_in=False), distinct=True),
    )


def upcoming_fairs(today: date | None = None) -> QuerySet:
    """Public: fairs not yet over and not cancelled, soonest first, with their approved
    employers and vacancies (four queries however many)."""
    today = today or timezone.localdate()
    return (_with_counts(Fair.objects.filter(status__in=LIVE_FAIR, date__gte=today))
            .select_related("district").prefetch_related(_approved_prefetch()).order_by("date", "starts_at", "pk"))


def fair_get_public(pk: int, user: User | None = None) -> Fair | None:
    """A planned or open fair (announced: anyone may see it); a closed or cancelled one
    for the service's staff and for those who took part."""
    fair = (_with_counts(Fair.objects.filter(pk=pk)).select_related("district")
            .prefetch_related(_approved_prefetch()).first())
    if fair is None:
        return None
    if fair.status in LIVE_FAIR or (user is not None and user.is_authenticated and services.can_read(user)):
        return fair
    if user is not None and user.is_authenticated:
        if user.kind == UserKind.CITIZEN and FairRegistration.objects.filter(fair=fair, person_id=user.person_id).exists():
            return fair
        if user.kind == UserKind.EMPLOYER and FairEmployer.objects.filter(fair=fair,
                                                                          employer_id=user.employer_id).exists():
            return fair
    return None


def fairs_for_staff(user: User, status: str = "") -> QuerySet:
    if not services.can_read(user):
        return Fair.objects.none()
    queryset = Fair.objects.select_related("district").annotate(
        preregistered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED,
                                                      registrations__walk_in=False), distinct=True),
        applied=Count("employers", filter=Q(employers__status=ParticipationStatus.APPLIED), distinct=True),
        approved_count=Count("employers", filter=Q(employers__status=ParticipationStatus.APPROVED), distinct=True),
    ).order_by("-date", "-pk")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def fair_for_staff(user: User, pk: int) -> Fair | None:
    return fairs_for_staff(user).filter(pk=pk).first()


def participations(fair: Fair) -> list[FairEmployer]:
    """Every application to the fair with its vacancies (staff)."""
    vacancies = FairVacancy.objects.select_related("vacancy__occupation").order_by("pk")
    return list(FairEmployer.objects.filter(fair=fair).select_related("employer", "decided_by")
                .prefetch_related(Prefetch("vacancies", queryset=vacancies)).order_by("status", "booth", "pk"))


def registrants(*, user: User, fair: Fair, q: str = "", limit: int = 200) -> list[FairRegistration]:
    """The service's staff: registrations of the fair, found by a name, an ID number or a
    code (at the door), with their check-in; personal data (log the read)."""
    if not services.can_read(user):
        return []
    queryset = (FairRegistration.objects.filter(fair=fair).select_related("person", "check_in")
                .order_by("person__name", "pk"))
    q = (q or "").strip()[:MAX_SEARCH]
    if q:
        code = services.normalise_code(q)
        queryset = queryset.filter(Q(person__name__contains=q) | Q(person__id_number=q.upper()) | Q(code=code))
    return list(queryset[:limit])


def my_registrations(user: User) -> list[FairRegistration]:
    if not user.is_authenticated or user.kind != UserKind.CITIZEN or not user.person_id:
        return []
    return list(FairRegistration.objects.filter(person_id=user.person_id)
                .select_related("fair", "check_in").order_by("-fair__date", "-pk")[:100])


def my_registration_for(user: User, fair: Fair) -> FairRegistration | None:
    if not user.is_authenticated or user.kind != UserKind.CITIZEN or not user.person_id:
        return None
    return FairRegistration.objects.filter(fair=fair, person_id=user.person_id).select_related("check_in").first()


def employer_participations(user: User) -> list[FairEmployer]:
    if not user.is_authenticated or user.kind != UserKind.EMPLOYER or not user.employer_id:
        return []
    vacancies = FairVacancy.objects.select_related("vacancy").order_by("pk")
    return list(FairEmployer.objects.filter(employer_id=user.employer_id).select_related("fair")
                .prefetch_related(Prefetch("vacancies", queryset=vacancies)).order_by("-fair__date", "-pk")[:100])


def interviews_for(*, user: User, fair: Fair) -> QuerySet:
    """The fair's interviews: all of them for the staff; an employer's booth only for it.
    The person's name is shown (they came to the booth); nothing else of theirs."""
    queryset = (FairInterview.objects.filter(fair=fair)
                .select_related("registration__person", "fair_vacancy__vacancy", "fair_vacancy__fair_employer__employer",
                                "recorded_by")
                .order_by("-created_at", "-pk"))
    if services.can_read(user):
        return queryset
    if user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id:
        return queryset.filter(fair_vacancy__fair_employer__employer_id=user.employer_id,
                               fair_vacancy__fair_employer__status=ParticipationStatus.APPROVED)
    return queryset.none()


def booth_vacancies(*, user: User, fair: Fair) -> list[FairVacancy]:
    """Vacancies at the fair where the user may record interviews."""
    queryset = (FairVacancy.objects.filter(fair=fair, fair_employer__status=ParticipationStatus.APPROVED)
                .select_related("vacancy", "fair_employer__employer").order_by("fair_employer__booth", "pk"))
    if services.can_organise(user):
        return list(queryset)
    if user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id:
        return list(queryset.filter(fair_employer__employer_id=user.employer_id))
    return []


# --- the figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class OccupationRow:
    code: str
    label: str
    vacancies: int
    openings: int
    interviews: int
    hires: int

    @property
    def hire_rate(self) -> int | None:
        """Hires per interview, in per cent."""
        return round(100 * self.hires / self.interviews) if self.interviews else None


@dataclass(frozen=True)
class FairFigures:
    employers: int  # approved
    vacancies: int  # of approved employers
    openings: int
    preregistered: int  # pre-registrations not cancelled
    checked_in: int
    checked_in_preregistered: int
    checked_in_walk_in: int
    interviews: int
    interviewed_persons: int
    hires: int  # interviews ending in a hire
    hired_persons: int
    not_hired: int
    awaiting: int  # interviews without an outcome yet
    by_occupation: list[OccupationRow]

    @property
    def hire_rate(self) -> int | None:
        """媒合率: the people hired among those who came, in per cent."""
        return round(100 * self.hired_persons / self.checked_in) if self.checked_in else None

    @property
    def turnout(self) -> int | None:
        """Pre-registered people who came, in per cent."""
        return round(100 * self.checked_in_preregistered / self.preregistered) if self.preregistered else None


def fair_figures(fair: Fair) -> FairFigures:
    """The fair's figures from its records (six queries)."""
    approved = FairVacancy.objects.filter(fair=fair, fair_employer__status=ParticipationStatus.APPROVED)
    # An application always brings at least one vacancy: the approved employers are counted through them.
    vacancy_totals = approved.aggregate(n=Count("pk"), openings=Sum("vacancy__openings"),
                                        employers=Count("fair_employer", distinct=True))
    registered = FairRegistration.objects.filter(fair=fair, status=RegistrationStatus.REGISTERED)
    checked = CheckIn.objects.filter(registration=OuterRef("pk"))
    people = registered.annotate(came=Exists(checked)).aggregate(
        pre=Count("pk", filter=Q(walk_in=False)),
        came_pre=Count("pk", filter=Q(walk_in=False, came=True)),
        came_walk=Count("pk", filter=Q(walk_in=True, came=True)),
    )
    interviews = FairInterview.objects.filter(fair=fair)
    outcome_totals = interviews.aggregate(
        n=Count("pk"), persons=Count("registration", distinct=True),
        hired=Count("pk", filter=Q(outcome=ReferralOutcome.HIRED)),
        hired_persons=Count("registration", filter=Q(outcome=ReferralOutcome.HIRED), distinct=True),
        not_hired=Count("pk", filter=Q(outcome=ReferralOutcome.NOT_HIRED)),
        awaiting=Count("pk", filter=Q(outcome=ReferralOutcome.INTERVIEWED)),
    )
    rows: dict[str, dict[str, int]] = {}
    for code, n, openings in (approved.values_list("vacancy__occupation_id")
                              .annotate(n=Count("pk"), openings=Sum("vacancy__openings")).order_by()):
        rows.setdefault(code, {}).update(vacancies=n, openings=openings or 0)
    for code, n, hired in (interviews.values_list("occupation_id")
                           .annotate(n=Count("pk"), hired=Count("pk", filter=Q(outcome=ReferralOutcome.HIRED)))
                           .order_by()):
        rows.setdefault(code, {}).update(interviews=n, hires=hired)
    names = dict(Occupation.objects.filter(pk__in=list(rows)).values_list("code", "name_zh"))
    by_occupation = sorted(
        (OccupationRow(code, f"{code} {names.get(code, '')}".strip(), row.get("vacancies", 0), row.get("openings", 0),
                       row.get("interviews", 0), row.get("hires", 0)) for code, row in rows.items()),
        key=lambda row: (-row.openings, -row.interviews, row.code),
    )
    return FairFigures(
        employers=vacancy_totals["employers"], vacancies=vacancy_totals["n"], openings=vacancy_totals["openings"] or 0,
        preregistered=people["pre"], checked_in=people["came_pre"] + people["came_walk"],
        checked_in_preregistered=people["came_pre"], checked_in_walk_in=people["came_walk"],
        interviews=outcome_totals["n"], interviewed_persons=outcome_totals["persons"], hires=outcome_totals["hired"],
        hired_persons=outcome_totals["hired_persons"], not_hired=outcome_totals["not_hired"],
        awaiting=outcome_totals["awaiting"], by_occupation=by_occupation,
    )


FIGURE_LABELS = [
    ("employers", "參加廠商", "Employers"),
    ("vacancies", "職缺數", "Vacancies"),
    ("openings", "需求人數", "Openings"),
    ("preregistered", "預約報名", "Pre-registered"),
    ("checked_in", "入場人數", "Checked in"),
    ("checked_in_preregistered", "入場（預約）", "Checked in (pre-registered)"),
    ("checked_in_walk_in", "入場（現場登記）", "Checked in (walk-in)"),
    ("interviews", "面試人次", "Interviews"),
    ("interviewed_persons", "面試人數", "People interviewed"),
    ("hires", "錄取人次", "Hires"),
    ("hired_persons", "錄取人數", "People hired"),
    ("not_hired", "未錄取人次", "Not hired"),
    ("awaiting", "待回覆", "Awaiting an outcome"),
    ("hire_rate", "媒合率（錄取人數÷入場人數，%）", "Hire rate (people hired ÷ checked in, %)"),
]


def figures_csv_rows(fair: Fair, figures: FairFigures) -> list[list]:
    """The figures as CSV rows: the totals, then the rows by occupation."""
    rows: list[list] = [["活動 Fair", fair.title], ["日期 Date", fair.date.isoformat()], []]
    rows.append(["項目", "Item", "數值 Value"])
    for name, zh, en in FIGURE_LABELS:
        value = getattr(figures, name)
        rows.append([zh, en, "" if value is None else value])
    rows.append([])
    rows.append(["職業 Occupation", "職缺數 Vacancies", "需求人數 Openings", "面試人次 Interviews", "錄取人次 Hires",
                 "錄取率 Hire rate (%)"])
    for row in figures.by_occupation:
        rows.append([row.label, row.vacancies, row.openings, row.interviews, row.hires,
                     "" if row.hire_rate is None else row.hire_rate])
    return rows
