"""Writes of domestic recruitment (國內招募), separation-certificate help (協助開立離職證明)
and foreign-worker transfers (轉換雇主及承接). Status changes go through the case engine
(cases.services.case_transition); these services open the cases, keep the domain
records and call the job bank's services for the vacancy and its referrals.

Public entry points:

    domestic_recruitment_register(*, data: RecruitmentInput, actor) -> DomesticRecruitment
    referral_outcome_record(*, recruitment, referral, decision, actor, reason="", detail="")
    referral_outcome_judge(*, outcome, lawful, actor, note="")
    separation_request_file(*, data: SeparationInput, actor) -> SeparationCertificateRequest
    employer_contact_record(*, request, contacted_on, method, result, actor, note="") -> EmployerContact
    worker_transfer_open(*, data: TransferInput, actor) -> WorkerTransfer
    worker_transfer_register(*, transfer, registered_on, actor) / worker_transfer_extend(*, transfer, reason, actor)
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import can_act_on_case
from laborbureau.cases.models import Case, CaseParty, Channel, PartyRole
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import IdKind, Role, User, UserKind
from laborbureau.employment import services as employment_services
from laborbureau.employment.models import NotHiredReason, Referral, ReferralOutcome
from laborbureau.employment.recruitment import certificates
from laborbureau.employment.recruitment.models import (
    ContactMethod,
    ContactResult,
    DomesticRecruitment,
    EmployerContact,
    EmployerDecision,
    Judgement,
    RecruitmentReferralOutcome,
    SeparationCertificateRequest,
    SeparationGround,
    TransferGround,
    WorkerTransfer,
)
from laborbureau.employment.recruitment.workflows import (
    OFFICERS,
    RECRUITMENT_CASE_TYPE,
    SEPARATION_CASE_TYPE,
    TRANSFER_CASE_TYPE,
)
from laborbureau.rules import foreign_worker_recruitment as rule
from laborbureau.rules.base import RuleError

MAX_TEXT = 2000
COUNTER_CHANNELS = {Channel.COUNTER, Channel.MAIL, Channel.PHONE}


@contextmanager
def _fields_under(prefix: str):
    try:
        yield
    except ApplicationError as error:
        if error.field and "." not in error.field:
            error.field = f"{prefix}.{error.field}"
        raise


def _rule(call):
    try:
        return call()
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field=error.field) from None


def _text(value: str, name: str, label_zh: str, label_en: str, *, limit: int = MAX_TEXT, required: bool = True) -> str:
    return employment_services.clean_text(value or "", field=name, label_zh=label_zh, label_en=label_en,
                                          max_length=limit, min_length=1 if required else 0, markup=True)


def _not_future(value: date | None, name: str, label_zh: str, label_en: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ApplicationError(f"{label_zh}不可晚於今天。", f"{label_en} cannot be in the future.", field=name)


def _officer(actor: User) -> bool:
    """ESO officers and chiefs (and the director) who may act for the service."""
    return employment_services.can_serve(actor) and (actor.role in OFFICERS or actor.role == Role.DIRECTOR)


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


# --- domestic recruitment ------------------------------------------------------------------


@dataclass(frozen=True)
class RecruitmentInput:
    """A registration for domestic recruitment: the vacancy (求才登記, with the employer
    for staff at the counter) and what 第47條第1項 and 第17條 ask besides."""

    vacancy: employment_services.VacancyInput
    work_category: str
    newspaper_name: str = ""
    newspaper_first_day: date | None = None
    union_notified_on: date | None = None
    posted_at_workplace_on: date | None = None


def domestic_recruitment_register(*, data: RecruitmentInput, actor: User) -> DomesticRecruitment:
    """Register a domestic recruitment: the vacancy goes to the job bank (screened and
    published, or held for review, like any vacancy) and the DRC case opens in
    RECRUITING with the employer as party. The vacancy must stay open past the
    statutory period computed from today (第17條第1項). All or nothing."""
    today = timezone.localdate()
    if actor.kind == UserKind.EMPLOYER:
        if actor.employer_id is None:
            raise Forbidden("此帳號未連結事業單位。", "This account is not linked to an employer.")
        if data.vacancy.employer is not None:
            raise Forbidden("事業單位僅能以本身名義辦理。", "An employer registers only for itself.")
        if not core_services.employer_account_verified(actor.employer):
            raise ApplicationError(
                "您的事業單位帳號尚待本局查核，查核後才能辦理國內招募；亦可臨櫃辦理。",
                "Your employer account awaits the department's check; register at the counter meanwhile.",
                field="employer", code="unverified",
            )
    elif not _officer(actor):
        raise Forbidden("國內招募由事業單位或就業服務處承辦人登錄。",
                        "Domestic recruitment is registered by employers or employment service officers.")
    period = _rule(lambda: rule.recruitment_period(
        registered_on=today, advertised_on=today, work_category=data.work_category,
        newspaper_first_day=data.newspaper_first_day,
    ))
    # The earliest period (web advertisement) must fit before the vacancy closes.
    earliest_end = rule.recruitment_period(registered_on=today, advertised_on=today,
                                           work_category=data.work_category).last_day
    if data.vacancy.closing_date < earliest_end:
        raise ApplicationError(
            f"求才截止日須在法定招募期滿日（{earliest_end.isoformat()}）以後（雇主聘僱外國人許可及管理辦法第17條第1項）。",
            f"The closing date must be on or after the end of the statutory period ({earliest_end.isoformat()}).",
            field="closing_date",
        )
    for value, name, zh, en in (
        (data.union_notified_on, "union_notified_on", "通知工會或勞工日期", "The day the union was notified"),
        (data.posted_at_workplace_on, "posted_at_workplace_on", "工作場所公告日期", "The day it was posted"),
    ):
        _not_future(value, name, zh, en)
    newspaper_name = _text(data.newspaper_name, "newspaper_name", "報紙名稱", "Newspaper", limit=60,
                           required=data.newspaper_first_day is not None)
    channel = Channel.PORTAL if actor.kind == UserKind.EMPLOYER else Channel.COUNTER
    with transaction.atomic():
        with _fields_under("vacancy"):
            vacancy = employment_services.vacancy_create(data=data.vacancy, actor=actor)
        employer = vacancy.employer
        case = case_services.case_open(
            case_type=RECRUITMENT_CASE_TYPE, title=f"國內招募：{employer.name} {vacancy.title}", actor=actor,
            channel=channel, parties=[case_services.PartyLink(role=PartyRole.EMPLOYER, employer=employer)],
            assignee=actor if actor.kind == UserKind.STAFF else None,
        )
        recruitment = DomesticRecruitment.objects.create(
            case=case, employer=employer, vacancy=vacancy, work_category=data.work_category, registered_on=today,
            newspaper_name=newspaper_name, newspaper_first_day=data.newspaper_first_day,
            union_notified_on=data.union_notified_on, posted_at_workplace_on=data.posted_at_workplace_on,
        )
        if vacancy.posted_at is not None:
            text = (f"求才廣告已刊登，招募期間 {period.first_day.isoformat()} 至 {period.last_day.isoformat()}"
                    f"（{period.basis.cite()}）。")
        else:
            text = "求才廣告待本處審核後刊登；招募期間自刊登之次日起算。"
        case_services.timeline_append(case=case, actor=actor, kind="note", text=text, visible_to_parties=True,
                                      data={"vacancy_id": vacancy.pk})
    return recruitment


def _may_record(actor: User, recruitment: DomesticRecruitment) -> bool:
    if actor.kind == UserKind.EMPLOYER:
        return actor.employer_id is not None and actor.employer_id == recruitment.employer_id
    return _officer(actor)


# The job bank's own reason for a refusal, so the referral's history reads the same there.
JOB_BANK_REASON = {
    "NO_SHOW": NotHiredReason.NO_SHOW,
    "SEEKER_DECLINED": NotHiredReason.DECLINED,
    "NOT_QUALIFIED": NotHiredReason.SKILLS,
    "FAILED_STATED_TEST": NotHiredReason.SKILLS,
}


def referral_outcome_record(*, recruitment: DomesticRecruitment, referral: Referral, decision: str, actor: User,
                            reason: str = "", detail: str = "") -> RecruitmentReferralOutcome:
    """The employer's outcome of one referral (or an officer recording it): hired, or not
    hired with its reason (就業服務法第47條第2項). A refusal waits for the officer's
    judgement; a hire is final. The job bank's referral gets the same answer."""
    if not _may_record(actor, recruitment):
        raise NotFound("國內招募", "domestic recruitment")
    if referral.vacancy_id != recruitment.vacancy_id:
        raise ApplicationError("此推介不屬於本次國內招募的職缺。", "This referral is not to this recruitment's vacancy.",
                               field="referral_id")
    if decision not in EmployerDecision.values:
        raise ApplicationError("錄用結果不正確。", "Unknown decision.", field="decision")
    detail = _text(detail, "detail", "說明", "Detail", limit=500, required=False)
    if decision == EmployerDecision.REFUSED:
        reason_rule = _rule(lambda: rule.refusal_reason(reason))
        if reason_rule.code == "OTHER" and not detail:
            raise ApplicationError("拒絕理由為「其他」時請說明。", "Explain the reason 'other'.", field="detail")
    else:
        reason = ""
    with transaction.atomic():
        case = _lock(recruitment.case)
        if case.status != "RECRUITING":
            raise Conflict("本案已不在招募中，不能再登錄推介結果。", "The recruitment is no longer open for outcomes.")
        if RecruitmentReferralOutcome.objects.filter(referral=referral).exists():
            raise Conflict("此推介已登錄結果。", "This referral already has its outcome.", code="duplicate")
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        wanted = ReferralOutcome.HIRED if decision == EmployerDecision.HIRED else ReferralOutcome.NOT_HIRED
        if locked.outcome in (ReferralOutcome.PENDING, ReferralOutcome.INTERVIEWED):
            employment_services.referral_answer(
                referral=locked, outcome=wanted, actor=actor, reason=JOB_BANK_REASON.get(reason, NotHiredReason.OTHER)
                if wanted == ReferralOutcome.NOT_HIRED else "",
                note=(detail or rule.REFUSAL_REASONS[reason].label_zh)[:300] if reason else detail[:300],
            )
        elif locked.outcome != wanted:
            raise Conflict("此推介在求才求職系統已回覆不同結果，請洽承辦人更正。",
                           "The job bank already holds a different answer for this referral.")
        outcome = RecruitmentReferralOutcome.objects.create(
            referral=locked, recruitment=recruitment, decision=decision, reason=reason, reason_detail=detail,
            recorded_by=actor,
            judgement=Judgement.LAWFUL if decision == EmployerDecision.HIRED else Judgement.PENDING,
        )
        label = "錄用" if decision == EmployerDecision.HIRED else f"不予錄用（{rule.REFUSAL_REASONS[reason].label_zh}）"
        case_services.timeline_append(case=case, actor=actor, kind="note", text=f"推介編號{referral.pk}：{label}",
                                      data={"referral_id": referral.pk, "decision": decision, "reason": reason},
                                      visible_to_parties=True)
    return outcome


def referral_outcome_judge(*, outcome: RecruitmentReferralOutcome, lawful: bool, actor: User,
                           note: str = "") -> RecruitmentReferralOutcome:
    """The officer's judgement of a refusal: a proper reason or not (就業服務法第47條第2項).
    A judgement against the rule's presumption, and every finding of no proper reason,
    must give the officer's grounds. May be changed while the recruitment is open."""
    recruitment = outcome.recruitment
    if not _officer(actor) or not can_act_on_case(actor, recruitment.case):
        raise NotFound("國內招募", "domestic recruitment")
    if outcome.decision != EmployerDecision.REFUSED:
        raise ApplicationError("只有不予錄用需要認定理由。", "Only a refusal is judged.", field="outcome_id")
    note = _text(note, "note", "認定理由", "Grounds", limit=500, required=False)
    presumed = rule.REFUSAL_REASONS[outcome.reason].presumed_lawful
    if not note and (not lawful or lawful != presumed):
        raise ApplicationError("認定無正當理由、或與理由類別之推定不同時，請說明認定理由。",
                               "Give your grounds when finding no proper reason or departing from the presumption.",
                               field="note")
    with transaction.atomic():
        case = _lock(recruitment.case)
        if case.status != "RECRUITING":
            raise Conflict("本案已不在招募中，不能變更認定。", "The recruitment is closed to judgements.")
        locked = RecruitmentReferralOutcome.objects.select_for_update().get(pk=outcome.pk)
        locked.judgement = Judgement.LAWFUL if lawful else Judgement.UNLAWFUL
        locked.judgement_note = note
        locked.judged_by = actor
        locked.judged_at = timezone.now()
        locked.save(update_fields=["judgement", "judgement_note", "judged_by", "judged_at"])
        case_services.timeline_append(
            case=case, actor=actor, kind="note",
            text=f"推介編號{locked.referral_id}不予錄用理由認定：{'有正當理由' if lawful else '無正當理由'}"
                 + (f"（{note}）" if note else ""),
            data={"referral_id": locked.referral_id, "lawful": lawful}, visible_to_parties=True,
        )
    return locked


# --- separation certificates -----------------------------------------------------------------


@dataclass(frozen=True)
class SeparationInput:
    employer: core_services.EmployerInput
    employed_from: date
    separated_on: date
    ground: str
    ground_detail: str
    employer_refusal: str = ""
    job_title: str = ""
    # Staff at the counter name the worker; a citizen asks for themself.
    worker: core_services.PersonInput | None = None
    channel: str = Channel.PORTAL


def separation_request_file(*, data: SeparationInput, actor: User) -> SeparationCertificateRequest:
    """A worker asks the service for help with the separation certificate the employer
    will not issue (勞動基準法第19條): opens the SEP case with the worker as applicant and
    the employer as party. All or nothing."""
    if actor.kind == UserKind.CITIZEN:
        if data.worker is not None:
            raise Forbidden("民眾僅能以本人名義申請。", "A citizen asks only for themself.")
        if actor.person_id is None:
            raise ApplicationError("請先完成身分資料。", "Complete your identity details first.", field="worker")
        channel = Channel.API if data.channel == Channel.API else Channel.PORTAL
    elif _officer(actor):
        if data.worker is None:
            raise ApplicationError("請填寫勞工身分資料。", "Give the worker's identity.", field="worker.id_number")
        if data.channel not in COUNTER_CHANNELS | {Channel.API}:
            raise ApplicationError("受理管道不正確。", "Unknown channel.", field="channel")
        channel = data.channel
    else:
        raise Forbidden("離職證明協助由勞工本人申請或就業服務處受理。",
                        "The worker asks, or the employment service records the request.")
    if data.ground not in SeparationGround.values:
        raise ApplicationError("離職原因的選項不正確。", "Unknown ground of separation.", field="ground")
    if data.employed_from > data.separated_on:
        raise ApplicationError("到職日不可晚於離職日。", "The start cannot be after the separation.", field="employed_from")
    _not_future(data.separated_on, "separated_on", "離職日", "The separation day")
    detail = _text(data.ground_detail, "ground_detail", "離職原因說明", "The account of the separation")
    refusal = _text(data.employer_refusal, "employer_refusal", "雇主拒絕開立之情形", "What the employer said",
                    required=False)
    job_title = _text(data.job_title, "job_title", "職稱", "Job title", limit=60, required=False)
    with transaction.atomic():
        if actor.kind == UserKind.CITIZEN:
            worker = actor.person
        else:
            with _fields_under("worker"):
                worker, _ = core_services.person_register(data=data.worker, actor=actor)
        worker = worker.merged_into if worker.merged_into_id else worker
        with _fields_under("employer"):
            employer, _ = core_services.employer_register(data=data.employer, actor=actor)
        employer = employer.merged_into if employer.merged_into_id else employer
        open_one = SeparationCertificateRequest.objects.filter(
            worker=worker, employer=employer, separated_on=data.separated_on, case__closed_at__isnull=True,
        ).select_related("case").first()
        if open_one is not None:
            raise Conflict(f"同一離職已有處理中的申請（{open_one.case.number}）。",
                           f"This separation already has an open request ({open_one.case.number}).", code="duplicate")
        case = case_services.case_open(
            case_type=SEPARATION_CASE_TYPE, title=f"協助開立離職證明：{employer.name}", actor=actor, channel=channel,
            parties=[case_services.PartyLink(role=PartyRole.APPLICANT, person=worker),
                     case_services.PartyLink(role=PartyRole.EMPLOYER, employer=employer)],
        )
        request = SeparationCertificateRequest.objects.create(
            case=case, worker=worker, employer=employer, job_title=job_title, employed_from=data.employed_from,
            separated_on=data.separated_on, ground=data.ground, ground_detail=detail, employer_refusal=refusal,
        )
    return request


def employer_contact_record(*, request: SeparationCertificateRequest, contacted_on: date, method: str, result: str,
                            actor: User, note: str = "") -> EmployerContact:
    """Record one contact with the employer about the certificate (the case must be in
    CONTACTING). The parties see the result on the timeline."""
    if not _officer(actor) or not can_act_on_case(actor, request.case):
        raise NotFound("離職證明協助", "separation-certificate request")
    if method not in ContactMethod.values:
        raise ApplicationError("聯繫方式不正確。", "Unknown method.", field="method")
    if result not in ContactResult.values:
        raise ApplicationError("聯繫結果不正確。", "Unknown result.", field="result")
    _not_future(contacted_on, "contacted_on", "聯繫日期", "The contact day")
    if contacted_on < timezone.localdate(request.case.opened_at):
        raise ApplicationError("聯繫日期不可早於收件日。", "The contact cannot precede the request.", field="contacted_on")
    note = _text(note, "note", "聯繫紀要", "Note", limit=500, required=False)
    with transaction.atomic():
        case = _lock(request.case)
        if case.status != "CONTACTING":
            raise Conflict("請先受理本案，才能登錄聯繫紀錄。", "Take the case before recording contacts.")
        contact = EmployerContact.objects.create(request=request, contacted_on=contacted_on, method=method,
                                                 result=result, note=note, officer=actor)
        case_services.timeline_append(
            case=case, actor=actor, kind="note",
            text=f"{contacted_on.isoformat()} {ContactMethod(method).label.split(' ')[0]}聯繫雇主：{ContactResult(result).label.split(' ')[0]}",
            data={"contact_id": contact.pk, "result": result}, visible_to_parties=True,
        )
    return contact


# --- transfers of foreign workers -----------------------------------------------------------


@dataclass(frozen=True)
class TransferInput:
    worker: core_services.PersonInput  # 居留證 (ARC) number, or a passport with its country
    nationality: str
    work_category: str
    original_employer: core_services.EmployerInput
    ground: str
    permit_served_on: date
    permit_reference: str = ""
    channel: str = Channel.COUNTER


def worker_transfer_open(*, data: TransferInput, actor: User) -> WorkerTransfer:
    """Open a transfer case when the Ministry's permit to transfer out (轉出函) reaches the
    service: the worker (identified by 居留證 number, rules.identifiers, or passport) and
    the original employer are parties; the case is due on the last day to register
    (14 days from service of the permit). ESO officers only."""
    if not _officer(actor):
        raise Forbidden("外國人轉換由就業服務處承辦人登錄。", "Transfers are recorded by employment service officers.")
    nationality = (data.nationality or "").strip().upper()
    if len(nationality) != 3 or not nationality.isalpha():
        raise ApplicationError("國籍請填三碼代碼（如 IDN、VNM、THA、PHL）。",
                               "Give the nationality as its three-letter code (IDN, VNM, THA, PHL).", field="nationality")
    if data.work_category not in rule.WORK_CATEGORIES:
        raise ApplicationError("工作類別不正確。", "Unknown kind of work.", field="work_category")
    if data.ground not in TransferGround.values:
        raise ApplicationError("轉換事由不正確。", "Unknown ground.", field="ground")
    if data.channel not in COUNTER_CHANNELS | {Channel.API}:
        raise ApplicationError("受理管道不正確。", "Unknown channel.", field="channel")
    _not_future(data.permit_served_on, "permit_served_on", "轉出函送達日", "The day the permit was served")
    reference = _text(data.permit_reference, "permit_reference", "轉出函文號", "Permit reference", limit=60,
                      required=False)
    with _fields_under("worker"):
        kind, _number, _country = core_services.normalize_person_id(data.worker.id_number, data.worker.id_kind,
                                                                    data.worker.passport_country)
    if kind == IdKind.NATIONAL_ID:
        raise ApplicationError("外國人請以居留證號或護照號碼登錄，不是身分證字號。",
                               "A foreign worker is identified by an ARC or passport number, not a national ID.",
                               field="worker.id_number")
    period = rule.transfer_period(served_on=data.permit_served_on)
    with transaction.atomic():
        with _fields_under("worker"):
            worker, _ = core_services.person_register(data=data.worker, actor=actor)
        worker = worker.merged_into if worker.merged_into_id else worker
        with _fields_under("original_employer"):
            employer, _ = core_services.employer_register(data=data.original_employer, actor=actor)
        employer = employer.merged_into if employer.merged_into_id else employer
        if WorkerTransfer.objects.filter(worker=worker, case__closed_at__isnull=True).exists():
            raise Conflict("此外國人已有處理中的轉換案件。", "This worker already has an open transfer.", code="duplicate")
        case = case_services.case_open(
            case_type=TRANSFER_CASE_TYPE, title=f"外國人轉換雇主：{employer.name}", actor=actor, channel=data.channel,
            parties=[case_services.PartyLink(role=PartyRole.WORKER, person=worker),
                     case_services.PartyLink(role=PartyRole.EMPLOYER, employer=employer)],
            assignee=actor,
        )
        # The 14 days run from the service of the permit, not from the opening.
        Case.objects.filter(pk=case.pk).update(due_date=period.registration_due)
        case.due_date = period.registration_due
        transfer = WorkerTransfer.objects.create(
            case=case, worker=worker, nationality=nationality, work_category=data.work_category,
            original_employer=employer, ground=data.ground, permit_served_on=data.permit_served_on,
            permit_reference=reference,
        )
    return transfer


def _transfer_officer(actor: User, transfer: WorkerTransfer) -> None:
    if not _officer(actor) or not can_act_on_case(actor, transfer.case):
        raise NotFound("轉換案件", "transfer")


def worker_transfer_register(*, transfer: WorkerTransfer, registered_on: date, actor: User) -> WorkerTransfer:
    """The worker's registration for transfer: SEEKING, due on the 60th day after it."""
    _transfer_officer(actor, transfer)
    _not_future(registered_on, "registered_on", "轉換登記日", "The registration day")
    period = _rule(lambda: rule.transfer_period(served_on=transfer.permit_served_on, registered_on=registered_on))
    with transaction.atomic():
        case = case_services.case_transition(case=transfer.case, name="register", actor=actor,
                                             data={"registered_on": registered_on}, system=True)
        WorkerTransfer.objects.filter(pk=transfer.pk).update(registered_on=registered_on)
        Case.objects.filter(pk=case.pk).update(due_date=period.period_end)
    return WorkerTransfer.objects.select_related("case").get(pk=transfer.pk)


def worker_transfer_extend(*, transfer: WorkerTransfer, reason: str, actor: User) -> WorkerTransfer:
    """Extend the transfer period once by 60 days (on the original employer's application)."""
    _transfer_officer(actor, transfer)
    reason = _text(reason, "reason", "延長理由", "Reason", limit=500)
    if transfer.registered_on is None:
        raise ApplicationError("尚未辦理轉換登記。", "The worker has not registered yet.", field="reason")
    period = _rule(lambda: rule.transfer_period(served_on=transfer.permit_served_on,
                                                registered_on=transfer.registered_on, extended=True))
    with transaction.atomic():
        case = case_services.case_transition(case=transfer.case, name="extend", actor=actor,
                                             data={"reason": reason}, system=True)
        WorkerTransfer.objects.filter(pk=transfer.pk).update(extended=True)
        Case.objects.filter(pk=case.pk).update(due_date=period.period_end)
    return WorkerTransfer.objects.select_related("case").get(pk=transfer.pk)


def transfer_take_over_apply(*, case: Case, transfer: WorkerTransfer, actor: User, data: dict) -> None:
    """The take_over transition's effect: the new employer (registered by its 統一編號,
    not the original one) becomes a party, and the 接續聘僱證明書 is issued."""
    if not (data.get("new_employer_business_id") or "").strip():
        raise ApplicationError("請填寫新雇主統一編號。", "Give the new employer's business ID.",
                               field="new_employer_business_id")
    if transfer.registered_on and data["agreed_on"] < transfer.registered_on:
        raise ApplicationError("合意日不可早於轉換登記日。", "The agreement cannot precede the registration.",
                               field="agreed_on")
    try:
        employer, _ = core_services.employer_register(
            data=core_services.EmployerInput(name=data["new_employer_name"],
                                             business_id=data["new_employer_business_id"]), actor=actor)
    except ApplicationError as error:
        error.field = {"name": "new_employer_name", "business_id": "new_employer_business_id"}.get(
            error.field or "", error.field)
        raise
    employer = employer.merged_into if employer.merged_into_id else employer
    if employer.pk == transfer.original_employer_id:
        raise ApplicationError("新雇主不可為原雇主。", "The new employer cannot be the original one.",
                               field="new_employer_business_id")
    transfer.new_employer = employer
    transfer.agreed_on = data["agreed_on"]
    transfer.outcome_note = data.get("note") or ""
    transfer.save(update_fields=["new_employer", "agreed_on", "outcome_note"])
    CaseParty.objects.create(case=case, role=PartyRole.EMPLOYER, employer=employer)
    certificates.takeover_certificate(case=case, transfer=transfer, actor=actor)


# --- merges ----------------------------------------------------------------------------------


def recruitment_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the program's own party references follow a merged record."""
    if kind == "employer":
        DomesticRecruitment.objects.filter(employer_id=old_id).update(employer_id=new_id)
        SeparationCertificateRequest.objects.filter(employer_id=old_id).update(employer_id=new_id)
        WorkerTransfer.objects.filter(original_employer_id=old_id).update(original_employer_id=new_id)
        WorkerTransfer.objects.filter(new_employer_id=old_id).update(new_employer_id=new_id)
    elif kind == "person":
        SeparationCertificateRequest.objects.filter(worker_id=old_id).update(worker_id=new_id)
        WorkerTransfer.objects.filter(worker_id=old_id).update(worker_id=new_id)


__all__ = [
    "RecruitmentInput", "SeparationInput", "TransferInput", "domestic_recruitment_register", "employer_contact_record",
    "referral_outcome_judge", "referral_outcome_record", "separation_request_file", "worker_transfer_extend",
    "worker_transfer_open", "worker_transfer_register",
]
