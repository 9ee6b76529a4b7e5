"""Writes of labor-dispute mediation (勞資爭議調解): filing, the mediator's appointment,
meeting scheduling with slot proposals, the outcome and the mediation record.

Days follow 勞資爭議處理法 through rules.dispute_deadlines (calendar days, 行政程序法
第48條). Every write is one transaction: the case engine's transition, the timeline,
the outbox rows and the documents commit or roll back together.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty, Channel, PartyRole, TimelineEntry
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import District, Employer, Person, Role, User, UserKind
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.notify.models import Channel as NotifyChannel
from laborbureau.notify.services import outbox_write
from laborbureau.relations.mediation.models import (
    MONEY_CLAIMS,
    ApplicantKind,
    ClaimType,
    Dispute,
    DisputeClaim,
    DisputeWorker,
    Language,
    MediatorAbsence,
    MediatorConflict,
    MediatorProfile,
    Meeting,
    MeetingRoom,
    Outcome,
    Procedure,
)
from laborbureau.relations.mediation.workflows import CASE_TYPE, MEDIATION_STAFF, OFFICERS, WORKFLOW
from laborbureau.rules import dispute_deadlines, roc_calendar, working_days
from laborbureau.rules.base import RuleError

MAX_DESCRIPTION = 5000
MAX_AMOUNT = 100_000_000_000  # NT$1,000億: anything larger is a typing error
MAX_WORKERS = 200
DISPUTE_CHANNELS = {Channel.PORTAL, Channel.PHONE, Channel.COUNTER, Channel.MAIL, Channel.API}

# The meeting grid: 90-minute meetings starting at these times on working days.
MEETING_MINUTES = 90
SLOT_TIMES = (time(9, 0), time(10, 30), time(14, 0), time(15, 30))
OFFICE_OPENS = time(8, 30)
OFFICE_CLOSES = time(17, 30)


# --- filing ------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimInput:
    claim_type: str
    amount: int | None = None
    note: str = ""


@dataclass(frozen=True)
class DisputeInput:
    applicant_kind: str
    procedure: str
    employer: core_services.EmployerInput
    claims: list[ClaimInput]
    description: str
    # Workers besides the signed-in applicant: the rest of a group, a union's members
    # concerned, or the workers an employer's application is about.
    workers: list[core_services.PersonInput] = field(default_factory=list)
    # Staff recording an application give the applicant (a worker, or a union's
    # representative); on the portal the applicant is the signed-in user.
    applicant: core_services.PersonInput | None = None
    union_name: str = ""
    workplace_district_code: str = ""
    language: str = Language.ZH
    channel: str = Channel.PORTAL
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def dispute_file(*, data: DisputeInput, actor: User) -> Dispute:
    """File a mediation application (勞資爭議處理法第9條): registers (or finds) the
    applicant, the workers and the employer (an employer without a 統一編號 is kept
    and matched later by a merge), refuses a duplicate of an open case, opens the case
    in SUBMITTED with the 3-day appointment limit, stores the claims and attachments.
    All or nothing."""
    if data.applicant_kind not in ApplicantKind.values:
        raise ApplicationError("申請人類別不正確。", "Unknown kind of applicant.", field="applicant_kind")
    if data.procedure not in Procedure.values:
        raise ApplicationError(
            "請選擇調解方式：調解人或調解委員會。", "Choose a mediator or a mediation committee.", field="procedure"
        )
    if data.language not in Language.values:
        raise ApplicationError("語言選項不正確。", "Unknown language.", field="language")
    if data.channel not in DISPUTE_CHANNELS:
        raise ApplicationError("受理管道不正確。", "Unknown channel.", field="channel")
    claims = _clean_claims(data.claims)
    description = data.description.strip()
    if not description:
        raise ApplicationError("請說明爭議內容。", "Describe the dispute.", field="description")
    if len(description) > MAX_DESCRIPTION:
        raise ApplicationError(
            f"爭議內容請在{MAX_DESCRIPTION}字以內。", f"Keep the description within {MAX_DESCRIPTION} characters.",
            field="description",
        )
    union_name = data.union_name.strip()
    if data.applicant_kind == ApplicantKind.UNION and not union_name:
        raise ApplicationError("請填寫工會名稱。", "Give the union's name.", field="union_name")
    if len(data.workers) > MAX_WORKERS:
        raise ApplicationError(
            f"一件申請最多{MAX_WORKERS}位勞工。", f"At most {MAX_WORKERS} workers per application.", field="workers"
        )
    district = None
    if data.workplace_district_code:
        district = District.objects.filter(code=data.workplace_district_code).first()
        if district is None:
            raise ApplicationError("行政區代碼不正確。", "Unknown district.", field="workplace_district_code")
    _check_actor(data, actor)
    with transaction.atomic():
        applicant = None
        if data.applicant_kind != ApplicantKind.EMPLOYER:
            with _fields_under("applicant"):
                applicant = _applicant(data, actor)
        workers = []
        for index, person_input in enumerate(data.workers):
            with _fields_under(f"workers.{index}"):
                person, _ = core_services.person_register(data=person_input, actor=actor)
            workers.append(person.merged_into or person)
        if actor.kind == UserKind.EMPLOYER:
            employer = actor.employer
        else:
            with _fields_under("employer"):
                employer, _ = core_services.employer_register(data=data.employer, actor=actor)
        while employer.merged_into_id:
            employer = employer.merged_into
        concerned = _concerned_workers(data.applicant_kind, applicant, workers)
        # Lock the employer row: two identical applications filed at once serialise
        # here, and the second sees the first (no duplicate slips through the check).
        Employer.objects.select_for_update().filter(pk=employer.pk).first()
        _refuse_duplicate(employer, concerned, union_name, {claim.claim_type for claim in claims})
        case = case_services.case_open(
            case_type=CASE_TYPE,
            title=f"{WORKFLOW.name_zh}：{employer.name}",
            actor=actor,
            channel=data.channel,
            parties=_parties(data.applicant_kind, applicant, concerned, employer),
        )
        dispute = Dispute.objects.create(
            case=case,
            applicant_kind=data.applicant_kind,
            procedure=data.procedure,
            employer=employer,
            union_name=union_name[:120],
            workplace_district=district or employer.district,
            language=data.language,
            description=description,
            received_on=timezone.localdate(case.opened_at),
        )
        DisputeWorker.objects.bulk_create(DisputeWorker(dispute=dispute, person=person) for person in concerned)
        DisputeClaim.objects.bulk_create(
            DisputeClaim(dispute=dispute, claim_type=c.claim_type, amount=c.amount, note=c.note) for c in claims
        )
        for name, content in data.attachments:
            case_services.attachment_add(case=case, actor=actor, name=name, content=content)
    return dispute


def _check_actor(data: DisputeInput, actor: User) -> None:
    if actor.kind == UserKind.STAFF:
        if actor.role not in WORKFLOW.open_roles and actor.role != Role.DIRECTOR:
            raise Forbidden("您的角色不可登錄調解申請。", "Your role may not record mediation applications.")
        if data.applicant_kind != ApplicantKind.EMPLOYER and data.applicant is None:
            raise ApplicationError("請填寫申請人資料。", "Give the applicant's details.", field="applicant")
    elif actor.kind == UserKind.EMPLOYER:
        if data.applicant_kind != ApplicantKind.EMPLOYER:
            raise ApplicationError(
                "事業單位帳號只能以雇主身分申請。", "An employer account applies as the employer.", field="applicant_kind"
            )
        if actor.employer_id is None:
            raise Forbidden("此帳號未連結事業單位。", "This account is not linked to an employer.")
    elif data.applicant_kind == ApplicantKind.EMPLOYER:
        raise ApplicationError(
            "個人帳號不能以雇主身分申請，請用事業單位帳號。", "Apply as an employer with the employer's account.",
            field="applicant_kind",
        )
    if data.applicant_kind == ApplicantKind.EMPLOYER and not data.workers:
        raise ApplicationError(
            "雇主申請調解時，請列出爭議所涉之勞工。", "An employer's application names the workers concerned.",
            field="workers",
        )
    if data.applicant_kind == ApplicantKind.WORKERS and not data.workers:
        raise ApplicationError(
            "多人申請時，請列出其他共同申請的勞工。", "A group application names the other workers.", field="workers"
        )


def _applicant(data: DisputeInput, actor: User) -> Person:
    if actor.kind == UserKind.CITIZEN:
        if actor.person_id is None:
            raise ApplicationError(
                "請先完成身分資料，再提出申請。", "Complete your identity details before applying.", field="applicant"
            )
        return actor.person
    person, _ = core_services.person_register(data=data.applicant, actor=actor)
    return person.merged_into or person


def _concerned_workers(kind: str, applicant: Person | None, workers: list[Person]) -> list[Person]:
    people = ([applicant] if applicant is not None and kind in (ApplicantKind.WORKER, ApplicantKind.WORKERS) else [])
    people += workers
    return list({person.pk: person for person in people}.values())


def _parties(kind: str, applicant: Person | None, concerned: list[Person], employer: Employer):
    link = case_services.PartyLink
    if kind == ApplicantKind.EMPLOYER:
        return [link(role=PartyRole.APPLICANT, employer=employer)] + [
            link(role=PartyRole.RESPONDENT, person=person) for person in concerned
        ]
    if kind == ApplicantKind.UNION:
        return (
            [link(role=PartyRole.UNION, person=applicant)]
            + [link(role=PartyRole.WORKER, person=person) for person in concerned if person.pk != applicant.pk]
            + [link(role=PartyRole.RESPONDENT, employer=employer)]
        )
    return [link(role=PartyRole.APPLICANT, person=person) for person in concerned] + [
        link(role=PartyRole.RESPONDENT, employer=employer)
    ]


def _clean_claims(claims: list[ClaimInput]) -> list[ClaimInput]:
    if not claims:
        raise ApplicationError("請至少選擇一項請求事項。", "Choose at least one claim.", field="claims")
    seen = set()
    cleaned = []
    for index, claim in enumerate(claims):
        where = f"claims.{index}"
        if claim.claim_type not in ClaimType.values:
            raise ApplicationError("請求事項的選項不正確。", "Unknown claim type.", field=f"{where}.claim_type")
        if claim.claim_type in seen:
            raise ApplicationError(
                "同一請求事項只能填一次，金額請合計。", "Give each claim once, with the total amount.",
                field=f"{where}.claim_type",
            )
        seen.add(claim.claim_type)
        label = ClaimType(claim.claim_type).label.split(" ")[0]
        if claim.amount is not None and not 0 < claim.amount <= MAX_AMOUNT:
            raise ApplicationError(
                f"{label}的金額應大於0且不超過{MAX_AMOUNT:,}元。", f"The amount must be 1 to {MAX_AMOUNT:,}.",
                field=f"{where}.amount",
            )
        if claim.claim_type in MONEY_CLAIMS and claim.amount is None:
            raise ApplicationError(
                f"請填寫{label}的請求金額（可用試算工具計算）。",
                "Give the amount claimed (the calculators can help).",
                field=f"{where}.amount",
            )
        note = claim.note.strip()
        if claim.claim_type == ClaimType.OTHER and not note:
            raise ApplicationError("請說明「其他」請求的內容。", "Describe the other claim.", field=f"{where}.note")
        if len(note) > 300:
            raise ApplicationError("說明請在300字以內。", "Keep the note within 300 characters.", field=f"{where}.note")
        cleaned.append(ClaimInput(claim_type=claim.claim_type, amount=claim.amount, note=note))
    return cleaned


def _refuse_duplicate(employer: Employer, workers: list[Person], union_name: str, claim_types: set[str]) -> None:
    """Same worker(s) (or, for a union without named workers, the same union), same
    employer, an open case, an overlapping claim: the existing case answers."""
    candidates = Dispute.objects.filter(employer=employer, case__closed_at__isnull=True)
    if workers:
        candidates = candidates.filter(workers__person__in=[person.pk for person in workers])
    else:
        candidates = candidates.filter(union_name=union_name)
    duplicate = (
        candidates.filter(claims__claim_type__in=claim_types).select_related("case").order_by("case__opened_at").first()
    )
    if duplicate:
        number = duplicate.case.number
        raise ApplicationError(
            f"相同勞工對此事業單位已有處理中的調解案（{number}），且請求事項重複；請在該案補充。",
            f"An open mediation case ({number}) already covers these workers, this employer and these claims; "
            "add to that case instead.",
            field="claims",
            code="duplicate",
        )


@contextmanager
def _fields_under(prefix: str):
    """Name the part of the input a core error is about: "name" -> "employer.name"."""
    try:
        yield
    except ApplicationError as error:
        if error.field and not error.field.startswith(prefix):
            error.field = f"{prefix}.{error.field}"
        elif not error.field:
            error.field = prefix
        raise


# --- the roster and the appointment ---------------------------------------------------


def open_caseload(user_ids) -> dict[int, int]:
    """Open mediations per mediator (one query)."""
    rows = (
        Dispute.objects.filter(mediator_id__in=list(user_ids), case__closed_at__isnull=True)
        .values("mediator_id")
        .annotate(n=Count("pk"))
    )
    return {row["mediator_id"]: row["n"] for row in rows}


def _employer_ids(employer: Employer) -> list[int]:
    """The employer and every record merged into it (a conflict may name either)."""
    ids = [employer.pk]
    frontier = [employer.pk]
    while frontier:
        frontier = list(Employer.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def mediator_check(*, dispute: Dispute, mediator_id) -> MediatorProfile:
    """Refuse a mediator who is not on the active roster, has a conflict of interest
    with the employer, or is at their caseload limit."""
    try:
        mediator_id = int(mediator_id)
    except (TypeError, ValueError):
        raise ApplicationError("調解人選項不正確。", "Unknown mediator.", field="mediator") from None
    profile = (
        MediatorProfile.objects.select_related("user")
        .filter(user_id=mediator_id, active=True, user__is_active=True, user__kind=UserKind.STAFF)
        .first()
    )
    if profile is None:
        raise ApplicationError("此人不在調解人名冊中。", "Not on the active mediator roster.", field="mediator")
    conflict = MediatorConflict.objects.filter(mediator=profile, employer_id__in=_employer_ids(dispute.employer)).first()
    if conflict:
        raise ApplicationError(
            f"{profile.user.label}與此事業單位有利益衝突（{conflict.reason}），應迴避。",
            f"{profile.user.label} has a conflict of interest with this employer ({conflict.reason}).",
            field="mediator",
        )
    load = open_caseload([profile.user_id]).get(profile.user_id, 0)
    if load >= profile.max_open_cases:
        raise ApplicationError(
            f"{profile.user.label}目前已有{load}件未結案，已達上限{profile.max_open_cases}件。",
            f"{profile.user.label} has {load} open cases, the limit of {profile.max_open_cases}.",
            field="mediator",
        )
    return profile


def mediator_appoint(*, dispute: Dispute, mediator_id, actor: User, committee_members: str = "") -> Dispute:
    """Effect of the appointment transitions (inside the engine's transaction): record
    the mediator (or the committee's chair and members) and tell them."""
    profile = mediator_check(dispute=dispute, mediator_id=mediator_id)
    dispute.mediator = profile.user
    dispute.appointed_on = timezone.localdate()
    dispute.committee_members = committee_members.strip()[:300]
    dispute.save(update_fields=["mediator", "appointed_on", "committee_members"])
    case = dispute.case
    if profile.user_id != getattr(actor, "pk", None):
        outbox_write(
            recipient=profile.user,
            subject_zh=f"指派調解：{case.number}",
            subject_en=f"Mediation assigned to you: {case.number}",
            body_zh=case.title,
            link=f"/staff/cases/{case.number}/",
            case_id=case.pk,
            channels=(NotifyChannel.IN_APP,),
        )
    return dispute


@dataclass(frozen=True)
class RosterRow:
    profile: MediatorProfile
    open_cases: int
    speaks_language: bool
    conflict: str
    at_limit: bool

    @property
    def eligible(self) -> bool:
        return not self.conflict and not self.at_limit


def roster_for(dispute: Dispute) -> list[RosterRow]:
    """The active roster ranked for a dispute: eligible first, then those who speak
    the applicant's language, then the lightest caseload."""
    profiles = list(MediatorProfile.objects.filter(active=True, user__is_active=True).select_related("user"))
    loads = open_caseload(profile.user_id for profile in profiles)
    conflicts = dict(
        MediatorConflict.objects.filter(
            mediator__in=profiles, employer_id__in=_employer_ids(dispute.employer)
        ).values_list("mediator_id", "reason")
    )
    rows = [
        RosterRow(
            profile=profile,
            open_cases=loads.get(profile.user_id, 0),
            speaks_language=dispute.language in (profile.languages or []),
            conflict=conflicts.get(profile.user_id, ""),
            at_limit=loads.get(profile.user_id, 0) >= profile.max_open_cases,
        )
        for profile in profiles
    ]
    return sorted(rows, key=lambda row: (not row.eligible, not row.speaks_language, row.open_cases, row.profile.user_id))


# --- the meeting's statutory day ------------------------------------------------------


@dataclass(frozen=True)
class MeetingDeadline:
    due: date
    basis: str
    label_zh: str
    label_en: str
    extended_due: date | None = None


def meeting_deadline(dispute: Dispute, sequence: int | None = None) -> MeetingDeadline | None:
    """The last day the next meeting may be held (rules.dispute_deadlines): a
    mediator's first meeting within 7 days of the appointment (第12條第2項), the
    proposal within 10 days of starting (第12條第5項); a committee meets within 14
    days of the members' designation (第15條), and again within 15 days of the
    member's report, extendable by 7 (第16條). None before the appointment."""
    if dispute.appointed_on is None:
        return None
    if sequence is None:
        sequence = dispute.meetings.exclude(status=Meeting.Status.CANCELLED).count() + 1
    first = dispute.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("sequence").first()
    try:
        if dispute.procedure == Procedure.MEDIATOR:
            done = {"appoint_mediator": dispute.appointed_on}
            key = "mediator_start"
            if sequence > 1 and first is not None:
                done["mediator_start"] = timezone.localdate(first.starts_at)
                key = "mediator_proposal"
            plan = dispute_deadlines.mediation_deadlines(received=dispute.received_on, method="mediator", done=done)
        else:
            done = {"select_members": dispute.appointed_on}
            key = "convene_committee"
            if sequence > 1 and first is not None:
                done["convene_committee"] = timezone.localdate(first.starts_at)
                key = "committee_meeting"
            plan = dispute_deadlines.mediation_deadlines(received=dispute.received_on, method="committee", done=done)
    except RuleError:
        return None  # dates recorded out of order (e.g. corrected by hand): no statutory day to show
    item = next(item for item in plan.items if item.key == key)
    return MeetingDeadline(
        due=item.due, basis=item.basis.cite(),
        label_zh=item.label_zh, label_en=item.label_en, extended_due=item.extended_due,
    )


# --- slot proposals ------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    room: MeetingRoom
    within_deadline: bool


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _party_keys(dispute: Dispute) -> tuple[set[int], list[int]]:
    persons = set(dispute.workers.values_list("person_id", flat=True))
    persons |= set(
        CaseParty.objects.filter(case_id=dispute.pk, person__isnull=False).values_list("person_id", flat=True)
    )
    return persons, _employer_ids(dispute.employer)


def _busy_meetings(dispute: Dispute, start: datetime, end: datetime):
    """Scheduled meetings in [start, end) that involve this mediator or these parties."""
    persons, employers = _party_keys(dispute)
    return (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED, starts_at__lt=end, ends_at__gt=start)
        .exclude(dispute=dispute)
        .filter(
            Q(mediator_id=dispute.mediator_id)
            | Q(dispute__employer_id__in=employers)
            | Q(dispute__workers__person_id__in=persons)
        )
        .distinct()
    )


def slot_proposals(dispute: Dispute, *, today: date | None = None, limit: int = 8) -> list[Slot]:
    """Meeting slots that fit: a working day from tomorrow, a weekday the mediator
    works and is not absent, no overlap with the mediator's or the parties' other
    meetings, a day neither side said it cannot come, and a free room. Slots on or
    before the statutory day come first; later ones are marked (within_deadline
    False) so the officer sees the deadline will be missed."""
    if dispute.mediator_id is None:
        return []
    today = today or timezone.localdate()
    deadline = meeting_deadline(dispute)
    last = max(deadline.due if deadline else today, today) + timedelta(days=21)
    first = today + timedelta(days=1)
    window_start, window_end = _aware(first, time(0)), _aware(last + timedelta(days=1), time(0))
    profile = MediatorProfile.objects.filter(user_id=dispute.mediator_id).first()
    weekdays = set(profile.weekdays) if profile and profile.weekdays else {0, 1, 2, 3, 4}
    absent = set(MediatorAbsence.objects.filter(mediator_id=dispute.mediator_id).values_list("day", flat=True))
    blocked = {str(day) for day in (dispute.applicant_unavailable or []) + (dispute.respondent_unavailable or [])}
    busy = list(_busy_meetings(dispute, window_start, window_end).values_list("starts_at", "ends_at"))
    rooms = list(MeetingRoom.objects.filter(active=True).order_by("name"))
    room_busy: dict[int, list[tuple[datetime, datetime]]] = {}
    for room_id, starts, ends in Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__lt=window_end, ends_at__gt=window_start
    ).values_list("room_id", "starts_at", "ends_at"):
        room_busy.setdefault(room_id, []).append((starts, ends))
    slots: list[Slot] = []
    day = first
    while day <= last and len(slots) < limit:
        try:
            working = working_days.is_working_day(day)
        except RuleError:
            break  # past the office calendar's last year
        if working and day.weekday() in weekdays and day not in absent and day.isoformat() not in blocked:
            for at in SLOT_TIMES:
                starts = _aware(day, at)
                ends = starts + timedelta(minutes=MEETING_MINUTES)
                if any(s < ends and e > starts for s, e in busy):
                    continue
                room = next(
                    (r for r in rooms if not any(s < ends and e > starts for s, e in room_busy.get(r.pk, []))), None
                )
                if room is None:
                    continue
                slots.append(Slot(starts, ends, room, deadline is None or day <= deadline.due))
                if len(slots) >= limit:
                    break
        day += timedelta(days=1)
    return slots


def deadline_warning(deadline: MeetingDeadline | None, slots: list) -> str:
    """The warning shown with the proposals: past, no slot before, or near the statutory day."""
    if deadline is None:
        return ""
    today = timezone.localdate()
    if deadline.due < today:
        return f"已逾法定期限 {deadline.due}（{deadline.basis}） Past the statutory day."
    if slots and not any(slot.within_deadline for slot in slots):
        return f"法定期限 {deadline.due} 前已無可用時段（{deadline.basis}） No slot before the statutory day."
    if (deadline.due - today).days <= 2:
        return f"法定期限 {deadline.due} 將屆（{deadline.basis}） The statutory day is near."
    return ""


# --- scheduling --------------------------------------------------------------------


def _lock_dispute(case: Case) -> tuple[Case, Dispute]:
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    return case, Dispute.objects.select_related("employer", "mediator").get(case=case)


def _may_work_on(actor: User, case: Case, dispute: Dispute) -> None:
    if actor is None or not case_access.can_act_on_case(actor, case):
        raise Forbidden("您不能辦理此調解案。", "You may not work on this mediation.")
    if actor.role == Role.MEDIATOR and dispute.mediator_id != actor.pk:
        raise Forbidden("只有本案調解人可以辦理。", "Only this case's mediator may do this.")
    if actor.role not in MEDIATION_STAFF and actor.role != Role.DIRECTOR:
        raise Forbidden("您的角色不能辦理調解。", "Your role may not work on mediations.")


def meeting_schedule(
    *, case: Case, actor: User, starts_at: datetime, room_id: int, late_reason: str = ""
) -> Meeting:
    """Book the next meeting and notify both sides (開會通知, PDF and outbox).

    Locks the case, then the mediator's roster row and the room row, so that two
    bookings of the same mediator or room serialise and the overlap check cannot race
    (a unique constraint backs it up for the same start). A slot after the statutory
    day needs `late_reason` (e.g. the parties asked for a later date)."""
    if not 2000 <= starts_at.year <= 2100:  # also keeps time-zone arithmetic within range
        raise ApplicationError("會議時間不正確。", "The meeting time is out of range.", field="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    starts_at = starts_at.replace(second=0, microsecond=0)
    ends_at = starts_at + timedelta(minutes=MEETING_MINUTES)
    local = timezone.localtime(starts_at)
    with transaction.atomic():
        case, dispute = _lock_dispute(case)
        _may_work_on(actor, case, dispute)
        if case.status not in WORKFLOW.transition("schedule_meeting").sources:
            raise Conflict(
                "案件目前的狀態不能排定會議（須先指派調解人，或會議已排定）。",
                "The case cannot be scheduled now (appoint a mediator first, or a meeting is already set).",
            )
        if dispute.mediator_id is None:
            raise ApplicationError("請先指派調解人。", "Appoint a mediator first.", field="mediator")
        if local.date() <= timezone.localdate():
            raise ApplicationError("會議時間須在明天以後。", "The meeting must be from tomorrow on.", field="starts_at")
        try:
            working = working_days.is_working_day(local.date())
        except RuleError as error:
            raise ApplicationError(error.message_zh, error.message_en, field="starts_at") from None
        if not working:
            raise ApplicationError("會議日不是上班日。", "The meeting day is not a working day.", field="starts_at")
        if local.time() < OFFICE_OPENS or (local + timedelta(minutes=MEETING_MINUTES)).time() > OFFICE_CLOSES:
            raise ApplicationError(
                "會議須在上班時間（08:30–17:30）內。", "The meeting must be within office hours (08:30-17:30).",
                field="starts_at",
            )
        deadline = meeting_deadline(dispute)
        late_reason = late_reason.strip()
        if deadline is not None and local.date() > deadline.due and not late_reason:
            raise ApplicationError(
                f"此時段晚於法定期限 {roc_calendar.format_short(deadline.due)}（{deadline.basis}）；"
                "如經雙方同意延後，請填寫延後理由。",
                f"This is after the statutory day {deadline.due} ({deadline.basis}); give the reason to hold it later.",
                field="late_reason",
                code="late",
            )
        if local.date().isoformat() in {str(d) for d in dispute.applicant_unavailable + dispute.respondent_unavailable}:
            raise ApplicationError(
                "當事人表示當日無法出席，請另選日期。", "A party cannot attend that day; choose another.", field="starts_at"
            )
        # Serialise bookings per mediator and per room (row locks; SQLite's write lock).
        MediatorProfile.objects.select_for_update().filter(user_id=dispute.mediator_id).first()
        room = MeetingRoom.objects.select_for_update().filter(pk=room_id, active=True).first()
        if room is None:
            raise ApplicationError("會議室不存在或已停用。", "No such room, or it is closed.", field="room")
        if MediatorAbsence.objects.filter(mediator__user_id=dispute.mediator_id, day=local.date()).exists():
            raise ApplicationError("調解人當日請假。", "The mediator is away that day.", field="starts_at")
        overlapping = Meeting.objects.filter(status=Meeting.Status.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at)
        if overlapping.filter(mediator_id=dispute.mediator_id).exists():
            raise Conflict(
                "調解人在此時段已有其他會議，請改選其他時段。", "The mediator already has a meeting then; choose another slot."
            )
        if overlapping.filter(room=room).exists():
            raise ApplicationError(
                "會議室在此時段已被預約。", "The room is booked at that time.", field="room", code="room_busy"
            )
        if _busy_meetings(dispute, starts_at, ends_at).exists():
            raise ApplicationError(
                "當事人在此時段已有其他調解會議。", "A party has another mediation meeting then.", field="starts_at"
            )
        sequence = dispute.meetings.count() + 1
        try:
            with transaction.atomic():
                meeting = Meeting.objects.create(
                    dispute=dispute, sequence=sequence, starts_at=starts_at, ends_at=ends_at, room=room,
                    mediator_id=dispute.mediator_id, deadline=deadline.due if deadline else local.date(),
                )
        except IntegrityError:
            raise Conflict("此時段剛被預約，請改選其他時段。", "That slot was just taken; choose another.") from None
        when = f"{roc_calendar.format_long(local.date())} {local:%H:%M}"
        note = f"第{sequence}次調解會議訂於{when}，地點：{room.name}" + (f"（延後理由：{late_reason}）" if late_reason else "")
        case_services.case_transition(case=case, name="schedule_meeting", actor=actor, data={"note": note}, system=True)
        _meeting_notices(case, dispute, meeting, actor, when)
    return meeting


def _sides(case: Case) -> tuple[list[CaseParty], list[CaseParty]]:
    parties = list(case.parties.select_related("person", "employer"))
    respondents = [party for party in parties if party.role == PartyRole.RESPONDENT]
    applicants = [party for party in parties if party.role != PartyRole.RESPONDENT]
    return applicants, respondents


def _party_name(party: CaseParty) -> str:
    return party.person.name if party.person_id else party.employer.name


def _notify(case: Case, parties: list[CaseParty], subject_zh: str, subject_en: str, body_zh: str, body_en: str):
    """Each party by its portal account(s), else its e-mail (both sides: mediation is two-sided)."""
    for party in parties:
        accounts = list(
            User.objects.filter(is_active=True, person=party.person)
            if party.person_id
            else User.objects.filter(is_active=True, employer=party.employer)
        )
        for account in accounts:
            outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                         body_en=body_en, link=f"/portal/cases/{case.number}/", case_id=case.pk)
        email = party.person.email if party.person_id else party.employer.email
        if not accounts and email:
            outbox_write(email=email, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh, body_en=body_en,
                         case_id=case.pk, channels=(NotifyChannel.EMAIL,))


def _meeting_notices(case: Case, dispute: Dispute, meeting: Meeting, actor: User, when: str) -> None:
    applicants, respondents = _sides(case)
    claims = "、".join(claim.get_claim_type_display().split(" ")[0] for claim in dispute.claims.all())
    for side, parties in (("申請人", applicants), ("相對人", respondents)):
        if not parties:
            continue
        names = "、".join(_party_name(party) for party in parties)
        document_services.document_issue(
            case=case,
            kind=DocumentKind.NOTICE,
            title="勞資爭議調解會議開會通知",
            template_name="documents/generic.html",
            context={
                "recipient": f"{names}（{side}）",
                "subject": f"訂於{when}召開勞資爭議調解會議（第{meeting.sequence}次），請準時出席。",
                "blocks": [
                    {"heading": "說明", "items": [
                        f"依勞資爭議處理法第{'12' if dispute.procedure == Procedure.MEDIATOR else '15'}條辦理"
                        f"（{WORKFLOW.name_zh}案號 {case.number}）。",
                        f"開會時間：{when}；地點：{room_label(meeting.room)}。",
                        f"調解人：{meeting.mediator.label}。",
                        f"請求事項：{claims}。",
                        "請攜帶身分證明文件及相關證據（勞動契約、薪資單、出勤紀錄等）出席；委任代理人出席者，"
                        "請出具委任書。",
                        "如有正當理由無法出席，請於開會前以電話或本局網站通知承辦人。",
                    ]},
                ],
            },
            actor=actor,
            person=parties[0].person if parties[0].person_id else None,
            visible_to_parties=True,
        )
    subject_zh = f"調解會議開會通知：{case.number}"
    subject_en = f"Mediation meeting notice: {case.number}"
    body_zh = f"您的勞資爭議調解案 {case.number} 訂於{when}於{room_label(meeting.room)}召開調解會議，請準時出席。"
    body_en = (
        f"Your mediation case {case.number} meets on {timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M} "
        f"at {room_label(meeting.room)}."
    )
    _notify(case, applicants + respondents, subject_zh, subject_en, body_zh, body_en)
    case_services.timeline_append(
        case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, text=body_zh, visible_to_parties=True,
        data={"meeting_id": meeting.pk, "starts_at": meeting.starts_at.isoformat()},
    )
    if meeting.mediator_id != actor.pk:
        outbox_write(recipient=meeting.mediator, subject_zh=f"調解會議 {case.number}：{when}",
                     subject_en=f"Mediation meeting {case.number}", link=f"/staff/cases/{case.number}/",
                     case_id=case.pk, channels=(NotifyChannel.IN_APP,))


def room_label(room: MeetingRoom) -> str:
    return f"{room.name}（{room.location}）" if room.location else room.name


# --- the outcome ------------------------------------------------------------------------

OUTCOME_TRANSITIONS = {
    Outcome.SETTLED: "record_settled",
    Outcome.NOT_SETTLED: "record_not_settled",
    Outcome.RESPONDENT_ABSENT: "record_respondent_absent",
    "ADJOURNED": "adjourn",
}


@dataclass(frozen=True)
class OutcomeInput:
    outcome: str  # SETTLED, NOT_SETTLED, RESPONDENT_ABSENT or ADJOURNED (a second meeting)
    applicant_attended: bool
    respondent_attended: bool
    record_summary: str
    settlement_terms: str = ""
    settled_amounts: dict[str, int] = field(default_factory=dict)  # claim type -> NT$ agreed
    # Claim types whose settled amount is larger than the claim, confirmed on purpose.
    confirm_over_claim: list[str] = field(default_factory=list)
    attendance_note: str = ""


def dispute_outcome_record(*, case: Case, actor: User, data: OutcomeInput) -> Dispute:
    """Record the meeting's attendance and outcome: settled (terms and an amount per
    claim; an amount above the claim must be confirmed), not settled, the respondent
    absent, or adjourned to another meeting. Closes the case (except an adjournment)
    with the mediation record (調解紀錄) as a PDF both sides receive."""
    if data.outcome not in OUTCOME_TRANSITIONS:
        raise ApplicationError("調解結果的選項不正確。", "Unknown outcome.", field="outcome")
    summary = data.record_summary.strip()
    if not summary:
        raise ApplicationError("請填寫調解經過。", "Give an account of the meeting.", field="record_summary")
    if len(summary) > MAX_DESCRIPTION or len(data.settlement_terms) > MAX_DESCRIPTION:
        raise ApplicationError("內容請在5000字以內。", "Keep it within 5000 characters.", field="record_summary")
    terms = data.settlement_terms.strip()
    with transaction.atomic():
        case, dispute = _lock_dispute(case)
        _may_work_on(actor, case, dispute)
        if case.status != "MEETING_SCHEDULED":
            raise Conflict("案件目前沒有待召開的調解會議。", "There is no scheduled meeting to record.")
        meeting = dispute.meetings.filter(status=Meeting.Status.SCHEDULED).order_by("-sequence").first()
        if meeting is None:
            raise Conflict("案件目前沒有待召開的調解會議。", "There is no scheduled meeting to record.")
        if timezone.localdate(meeting.starts_at) > timezone.localdate():
            raise ApplicationError(
                "會議尚未召開，不能登錄結果。", "The meeting has not been held yet.", field="outcome"
            )
        claims = list(dispute.claims.all())
        if data.outcome == Outcome.SETTLED:
            _settle(claims, data, terms)
        elif data.outcome == Outcome.RESPONDENT_ABSENT and data.respondent_attended:
            raise ApplicationError(
                "相對人已出席，不是「相對人未到場」。", "The respondent attended.", field="respondent_attended"
            )
        elif data.settled_amounts:
            raise ApplicationError(
                "只有調解成立時才填寫成立金額。", "Settled amounts are only for a settlement.", field="settled_amounts"
            )
        meeting.status = Meeting.Status.HELD
        meeting.applicant_attended = data.applicant_attended
        meeting.respondent_attended = data.respondent_attended
        meeting.attendance_note = data.attendance_note.strip()[:300]
        meeting.save(update_fields=["status", "applicant_attended", "respondent_attended", "attendance_note"])
        name = OUTCOME_TRANSITIONS[data.outcome]
        if data.outcome != "ADJOURNED":
            dispute.outcome = data.outcome
            dispute.outcome_on = timezone.localdate()
            dispute.settlement_terms = terms if data.outcome == Outcome.SETTLED else ""
        dispute.record_summary = summary
        dispute.save(update_fields=["outcome", "outcome_on", "settlement_terms", "record_summary"])
        transition = WORKFLOW.transition(name)
        case = case_services.case_transition(
            case=case, name=name, actor=actor, system=True,
            data={"note": f"第{meeting.sequence}次調解會議：{transition.label_zh}"},
        )
        applicants, respondents = _sides(case)
        if data.outcome == "ADJOURNED":
            text = f"第{meeting.sequence}次調解會議已召開，將另訂期日續行調解。"
            body_en = f"Meeting {meeting.sequence} was held; another meeting will be scheduled."
        else:
            _record_document(case, dispute, meeting, claims, actor, applicants, respondents)
            text = f"調解結果：{Outcome(data.outcome).label.split(' ')[0]}。調解紀錄已發送，請至案件頁查看。"
            body_en = f"Outcome: {Outcome(data.outcome).label.split(' ', 1)[1]}. The mediation record is on the case page."
        case_services.timeline_append(case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, text=text,
                                      visible_to_parties=True)
        _notify(case, applicants + respondents, f"勞資爭議調解 {case.number}：{transition.label_zh}",
                f"Mediation {case.number}: {transition.label_en}", text, body_en)
    return dispute


def _settle(claims: list[DisputeClaim], data: OutcomeInput, terms: str) -> None:
    if not terms:
        raise ApplicationError("調解成立時請填寫調解方案（成立內容）。", "Give the settlement terms.",
                               field="settlement_terms")
    if not (data.applicant_attended and data.respondent_attended):
        raise ApplicationError(
            "調解成立須雙方出席。", "A settlement needs both sides present.", field="respondent_attended"
        )
    by_type = {claim.claim_type: claim for claim in claims}
    unknown = set(data.settled_amounts) - set(by_type)
    if unknown:
        raise ApplicationError(
            "成立金額對應的請求事項不在本案中。", "A settled amount names a claim not in this case.",
            field=f"settled_amounts.{sorted(unknown)[0]}",
        )
    for claim_type, claim in by_type.items():
        amount = data.settled_amounts.get(claim_type)
        label = ClaimType(claim_type).label.split(" ")[0]
        if amount is None:
            if claim.amount is not None:
                raise ApplicationError(
                    f"請填寫「{label}」的成立金額（未獲給付請填0）。",
                    "Give the settled amount for each money claim (0 if nothing).",
                    field=f"settled_amounts.{claim_type}",
                )
            continue
        if not 0 <= amount <= MAX_AMOUNT:
            raise ApplicationError("成立金額不正確。", "The settled amount is out of range.",
                                   field=f"settled_amounts.{claim_type}")
        over = claim.amount is not None and amount > claim.amount
        if over and claim_type not in data.confirm_over_claim:
            raise ApplicationError(
                f"「{label}」的成立金額 {amount:,} 元高於請求金額 {claim.amount:,} 元；如確認無誤，請勾選確認。",
                f"The settled amount {amount:,} is above the claim of {claim.amount:,}; confirm it if intended.",
                field=f"settled_amounts.{claim_type}",
                code="over_claim",
            )
        claim.settled_amount = amount
        claim.settled_over_claim_confirmed = over
        claim.save(update_fields=["settled_amount", "settled_over_claim_confirmed"])


NEXT_STEPS_NOT_SETTLED = [
    "調解不成立者，勞工得向法院提起訴訟；符合資格者，得向本局申請臺北市勞工權益基金訴訟扶助（律師費、裁判費等），"
    "申請時請檢附本調解紀錄、起訴狀或擬起訴之請求內容、身分證明及收入證明文件。",
    "雇主因歇業、清算或宣告破產而積欠工資者，勞工得依勞動基準法第28條向積欠工資墊償基金申請墊償；"
    "申請時請檢附本調解紀錄、工資未獲清償之證明及事業單位歇業之證明（如本局關廠歇業事實認定）。",
    "訴訟扶助之申請期限及資格，以本局勞工權益基金相關規定為準；如有疑問，請洽本局勞資關係科。",
]


def _record_document(case, dispute, meeting, claims, actor, applicants, respondents) -> None:
    """The mediation record (調解紀錄). Its title is public on the verification page,
    so it names nobody; the PDF does."""
    local = timezone.localtime(meeting.starts_at)
    attended = "、".join(
        [f"申請人{'出席' if meeting.applicant_attended else '未出席'}", f"相對人{'出席' if meeting.respondent_attended else '未出席'}"]
    )
    claim_lines = []
    for claim in claims:
        label = claim.get_claim_type_display().split(" ")[0]
        asked = f"請求 {claim.amount:,} 元" if claim.amount is not None else "未請求金額"
        if dispute.outcome == Outcome.SETTLED and claim.settled_amount is not None:
            asked += f"；成立 {claim.settled_amount:,} 元"
        claim_lines.append(f"{label}：{asked}" + (f"（{claim.note}）" if claim.note else ""))
    blocks = [
        {"heading": "會議", "items": [
            f"時間：{roc_calendar.format_long(local.date())} {local:%H:%M}；地點：{room_label(meeting.room)}"
            f"（第{meeting.sequence}次調解會議）。",
            f"調解人：{meeting.mediator.label}" + (f"；調解委員：{dispute.committee_members}" if dispute.committee_members else "") + "。",
            f"出席情形：{attended}" + (f"（{meeting.attendance_note}）" if meeting.attendance_note else "") + "。",
        ]},
        {"heading": "請求事項", "items": claim_lines},
        {"heading": "調解經過", "items": [dispute.record_summary]},
        {"heading": "調解結果", "items": [Outcome(dispute.outcome).label.split(" ")[0]]},
    ]
    if dispute.outcome == Outcome.SETTLED:
        blocks.append({"heading": "調解方案（成立內容）", "items": [
            dispute.settlement_terms,
            "依勞資爭議處理法第23條，勞資爭議經調解成立者，視為爭議雙方當事人間之契約。",
        ]})
    else:
        blocks.append({"heading": "後續權益（勞工權益基金訴訟扶助及積欠工資墊償）", "items": NEXT_STEPS_NOT_SETTLED})
    first = (applicants or respondents)[0]
    document_services.document_issue(
        case=case,
        kind=DocumentKind.RECORD,
        title="勞資爭議調解紀錄",
        template_name="documents/generic.html",
        context={
            "recipient": "、".join(f"{_party_name(p)}（{'相對人' if p.role == PartyRole.RESPONDENT else '申請人'}）"
                                  for p in applicants + respondents)[:400],
            "subject": f"{WORKFLOW.name_zh}案（{case.number}）調解紀錄。",
            "blocks": blocks,
        },
        actor=actor,
        person=first.person if first.person_id else None,
        visible_to_parties=True,
    )


def dispute_close_meetings(*, dispute: Dispute, outcome: str) -> None:
    """Effect of a withdrawal (inside the engine's transaction): scheduled meetings are
    cancelled (their slots free up) and the outcome is recorded."""
    dispute.meetings.filter(status=Meeting.Status.SCHEDULED).update(status=Meeting.Status.CANCELLED)
    dispute.outcome = outcome
    dispute.outcome_on = timezone.localdate()
    dispute.save(update_fields=["outcome", "outcome_on"])


# --- parties' unavailability and the roster --------------------------------------------


def party_unavailable_set(*, case: Case, actor: User, side: str, days: list[date]) -> Dispute:
    """Record the days one side cannot attend (told by phone or on the portal). A
    portal user sets only their own side."""
    if side not in ("applicant", "respondent"):
        raise ApplicationError("請選擇申請人或相對人。", "Choose the applicant or the respondent.", field="side")
    if len(days) > 30:
        raise ApplicationError("最多30日。", "At most 30 days.", field="days")
    today = timezone.localdate()
    if any(day <= today for day in days):
        raise ApplicationError("日期須在今天以後。", "The days must be after today.", field="days")
    with transaction.atomic():
        case, dispute = _lock_dispute(case)
        if actor.kind == UserKind.STAFF:
            _may_work_on(actor, case, dispute)
        else:
            applicants, respondents = _sides(case)
            mine = respondents if side == "respondent" else applicants
            if not any(
                (p.person_id and p.person_id == actor.person_id) or (p.employer_id and p.employer_id == actor.employer_id)
                for p in mine
            ):
                raise Forbidden("您只能登錄自己這一方無法出席的日期。", "You may only set your own side's days.")
        if case.is_closed:
            raise Conflict("案件已結案。", "The case is closed.")
        values = sorted({day.isoformat() for day in days})
        setattr(dispute, f"{side}_unavailable", values)
        dispute.save(update_fields=[f"{side}_unavailable"])
    return dispute


def mediator_profile_save(
    *, actor: User, user: User, languages: list[str], weekdays: list[int], max_open_cases: int, active: bool = True
) -> MediatorProfile:
    """Put a staff member on the mediator roster (or change their entry). The unit's
    chief or the director manages the roster."""
    _roster_manager(actor)
    if user.kind != UserKind.STAFF or user.role not in MEDIATION_STAFF or user.unit_id != actor.unit_id and actor.role != Role.DIRECTOR:
        raise ApplicationError("調解人須為勞資關係科人員。", "A mediator is staff of the section.", field="user")
    if not set(languages) <= set(Language.values):
        raise ApplicationError("語言選項不正確。", "Unknown language.", field="languages")
    if not set(weekdays) <= {0, 1, 2, 3, 4}:
        raise ApplicationError("可排會議日為週一至週五。", "Weekdays are Monday to Friday.", field="weekdays")
    if not 1 <= max_open_cases <= 500:
        raise ApplicationError("案件上限為1至500件。", "The case limit is 1 to 500.", field="max_open_cases")
    profile, _ = MediatorProfile.objects.update_or_create(
        user=user, defaults={"languages": sorted(set(languages)), "weekdays": sorted(set(weekdays)),
                             "max_open_cases": max_open_cases, "active": active},
    )
    return profile


def mediator_conflict_add(*, actor: User, profile: MediatorProfile, employer: Employer, reason: str) -> MediatorConflict:
    """Record a mediator's conflict of interest with an employer (they will not be assigned)."""
    _roster_manager(actor, profile)
    if not reason.strip():
        raise ApplicationError("請說明利益衝突的原因。", "Give the reason.", field="reason")
    while employer.merged_into_id:
        employer = employer.merged_into
    conflict, _ = MediatorConflict.objects.update_or_create(
        mediator=profile, employer=employer, defaults={"reason": reason.strip()[:200]}
    )
    return conflict


def mediator_absence_add(*, actor: User, profile: MediatorProfile, day: date, reason: str = "") -> MediatorAbsence:
    """Record a day a mediator is away; refused if they have a meeting that day."""
    _roster_manager(actor, profile)
    start = _aware(day, time(0))
    if Meeting.objects.filter(mediator_id=profile.user_id, status=Meeting.Status.SCHEDULED,
                              starts_at__gte=start, starts_at__lt=start + timedelta(days=1)).exists():
        raise ApplicationError("調解人當日已有會議，請先改期。", "The mediator has a meeting that day; move it first.",
                               field="day")
    absence, _ = MediatorAbsence.objects.update_or_create(mediator=profile, day=day, defaults={"reason": reason[:200]})
    return absence


def meeting_room_add(*, actor: User, name: str, location: str = "") -> MeetingRoom:
    _roster_manager(actor)
    if not name.strip():
        raise ApplicationError("請填寫會議室名稱。", "Give the room's name.", field="name")
    if MeetingRoom.objects.filter(name=name.strip()).exists():
        raise ApplicationError("已有同名會議室。", "A room with that name exists.", field="name")
    return MeetingRoom.objects.create(name=name.strip()[:60], location=location.strip()[:200])


def _roster_manager(actor: User, profile: MediatorProfile | None = None) -> None:
    if actor.kind != UserKind.STAFF or actor.role not in (Role.SECTION_CHIEF, Role.DIRECTOR, Role.CASE_OFFICER):
        raise Forbidden("您不能管理調解人名冊。", "You may not manage the mediator roster.")
    if actor.role != Role.DIRECTOR and actor.unit.code != WORKFLOW.unit_code:
        raise Forbidden("您不能管理調解人名冊。", "You may not manage the mediator roster.")


# --- merges --------------------------------------------------------------------------


def dispute_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the dispute's own references follow a merged person/employer."""
    if kind == "person":
        # A worker already listed under the survivor keeps one row.
        DisputeWorker.objects.filter(person_id=old_id, dispute__workers__person_id=new_id).delete()
        DisputeWorker.objects.filter(person_id=old_id).update(person_id=new_id)
    elif kind == "employer":
        Dispute.objects.filter(employer_id=old_id).update(employer_id=new_id)
        MediatorConflict.objects.filter(employer_id=old_id, mediator__conflicts__employer_id=new_id).delete()
        MediatorConflict.objects.filter(employer_id=old_id).update(employer_id=new_id)


__all__ = [
    "OFFICERS",
    "ClaimInput",
    "DisputeInput",
    "OutcomeInput",
    "dispute_file",
    "dispute_outcome_record",
    "meeting_schedule",
    "slot_proposals",
]
