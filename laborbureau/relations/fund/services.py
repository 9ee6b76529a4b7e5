"""Writes of the Labor Rights Fund: applying (portal, API or an officer), court
milestones, payments of granted aid, reimbursements. The decision itself runs
through the workflow (fund.workflows) and its sign-off."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, Channel, PartyRole, TimelineEntry
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Person, User, UserKind
from laborbureau.relations.fund.models import (
    AidItem,
    CourtMilestone,
    DisputeKind,
    FundApplication,
    FundItem,
    FundPayment,
    FundReimbursement,
    MilestoneKind,
    Outcome,
    Stage,
)
from laborbureau.relations.fund.workflows import CASE_TYPE, FAILED_MEDIATION_STATES, WORKFLOW
from laborbureau.relations.mediation import selectors as mediation_selectors

MAX_AMOUNT = 100_000_000


@dataclass(frozen=True)
class ApplicationInput:
    employer: core_services.EmployerInput
    dispute_kind: str
    stage: str
    requested: dict[str, int]  # AidItem -> amount
    living_months: int = 0
    mediation_reference: str = ""
    mediation_case_number: str = ""
    court: str = ""
    docket: str = ""
    claim_amount: int = 0
    annual_income: int | None = None
    other_aid: bool = False
    complex_case: bool = False
    applicant: core_services.PersonInput | None = None  # officers recording an application
    channel: str = Channel.PORTAL
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def _amount(value, field_name: str, label_zh: str, label_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise ApplicationError(f"{label_zh}應為0以上的整數。", f"{label_en} must be a whole number, 0 or more.",
                               field=field_name)
    return value


def _applicant(data: ApplicationInput, actor: User) -> Person:
    if actor.kind == UserKind.CITIZEN:
        if actor.person_id is None:
            raise ApplicationError("請先完成身分資料。", "Complete your identity details first.", field="applicant")
        return actor.person
    if actor.kind == UserKind.STAFF:
        if actor.role not in WORKFLOW.open_roles:
            raise Forbidden("您的角色不可登錄申請。", "Your role may not record applications.")
        if data.applicant is None:
            raise ApplicationError("請填寫申請人資料。", "Give the applicant's details.", field="applicant")
        try:
            person, _ = core_services.person_register(data=data.applicant, actor=actor)
        except ApplicationError as error:
            if error.field and "." not in error.field:
                error.field = f"applicant.{error.field}"
            raise
        return person
    raise Forbidden("事業單位帳號不能申請勞工訴訟補助。", "Employer accounts cannot apply for workers' litigation aid.")


def _mediation_case(number: str, applicant: Person, actor: User) -> Case | None:
    """The linked mediation case, through the mediation app's selector (what the actor
    may read): it must name the applicant as a party and have failed (調解不成立, or
    the respondent absent)."""
    number = (number or "").strip()
    if not number:
        return None
    dispute = mediation_selectors.disputes_readable_by(actor).filter(case__number=number[:20]).select_related(
        "case").first()
    if dispute is None:
        raise ApplicationError("查無此調解案號。", "No such mediation case.", field="mediation_case_number")
    case = dispute.case
    if not case.parties.filter(person=applicant).exists():
        raise ApplicationError("此案號不是申請人的勞資爭議調解案。", "That case is not the applicant's mediation.",
                               field="mediation_case_number")
    if case.status not in FAILED_MEDIATION_STATES:
        raise ApplicationError("此調解案尚未調解不成立，不能據以申請訴訟補助。",
                               "That mediation has not failed; it cannot support an application.",
                               field="mediation_case_number")
    return case


def application_file(*, data: ApplicationInput, actor: User) -> FundApplication:
    """Apply for litigation aid: registers (or finds) the applicant and the employer,
    opens the LRF case in SUBMITTED with its two-month limit, records the items asked
    for and stores the documents. All or nothing."""
    if data.dispute_kind not in DisputeKind.values:
        raise ApplicationError("請選擇爭議類別。", "Choose the kind of dispute.", field="dispute_kind")
    if data.stage not in Stage.values:
        raise ApplicationError("請選擇訴訟程序。", "Choose the stage.", field="stage")
    requested = {}
    for item, amount in (data.requested or {}).items():
        if item not in AidItem.values:
            raise ApplicationError("補助項目不正確。", "Unknown aid item.", field="requested")
        amount = _amount(amount, f"requested.{item}", "申請金額", "The amount")
        if amount:
            requested[item] = amount
    if not requested:
        raise ApplicationError("請至少申請一項補助並填寫金額。", "Ask for at least one item with its amount.",
                               field="requested")
    months = _amount(data.living_months, "living_months", "生活費用月數", "Months")
    if AidItem.LIVING in requested and not 1 <= months <= 24:
        raise ApplicationError("請填寫申請生活費用的月數（1至24）。", "Give the months of living allowance (1-24).",
                               field="living_months")
    claim = _amount(data.claim_amount, "claim_amount", "請求金額", "The claim")
    income = None if data.annual_income is None else _amount(data.annual_income, "annual_income", "年所得", "Income")
    reference = (data.mediation_reference or "").strip()[:80]
    with transaction.atomic():
        applicant = _applicant(data, actor)
        mediation_case = _mediation_case(data.mediation_case_number, applicant, actor)
        if not reference and mediation_case is None and data.stage not in ("SECOND", "THIRD", "RETRIAL", "ENFORCEMENT"):
            raise ApplicationError(
                "請填寫勞資爭議調解不成立之紀錄字號（或本平台調解案號）。",
                "Give the reference of the failed mediation (or its case number here).",
                field="mediation_reference",
            )
        try:
            employer, _ = core_services.employer_register(data=data.employer, actor=actor)
        except ApplicationError as error:
            if error.field and "." not in error.field:
                error.field = f"employer.{error.field}"
            raise
        if employer.merged_into_id:
            employer = employer.merged_into
        open_same = FundApplication.objects.filter(
            applicant=applicant, employer=employer, stage=data.stage, case__closed_at__isnull=True
        ).select_related("case").first()
        if open_same is not None:
            raise ApplicationError(
                f"您已有同一審級的申請處理中（{open_same.case.number}）。",
                f"You already have an open application for this stage ({open_same.case.number}).",
                field="stage", code="duplicate",
            )
        case = case_services.case_open(
            case_type=CASE_TYPE, title=f"{WORKFLOW.name_zh}：{Stage(data.stage).label.split()[0]}", actor=actor,
            channel=data.channel if actor.kind == UserKind.STAFF else (
                Channel.API if data.channel == Channel.API else Channel.PORTAL),
            parties=[
                case_services.PartyLink(role=PartyRole.APPLICANT, person=applicant),
                case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer),
            ],
        )
        application = FundApplication.objects.create(
            case=case, applicant=applicant, employer=employer, employer_name=employer.name,
            dispute_kind=data.dispute_kind, stage=data.stage, mediation_reference=reference,
            mediation_case=mediation_case, court=(data.court or "").strip()[:60],
            docket=(data.docket or "").strip()[:60], claim_amount=claim, annual_income=income,
            other_aid=bool(data.other_aid), complex_case=bool(data.complex_case),
        )
        FundItem.objects.bulk_create(
            FundItem(application=application, item=item, requested=amount,
                     months=months if item == AidItem.LIVING else 0)
            for item, amount in requested.items()
        )
        for name, content in data.attachments:
            case_services.attachment_add(case=case, actor=actor, name=name, content=content)
    return application


def _locked(application: FundApplication, actor: User) -> tuple[Case, FundApplication]:
    case = Case.objects.select_for_update(of=("self",)).get(pk=application.case_id)
    if not case_access.can_act_on_case(actor, case):
        raise Forbidden("您不能處理此案件。", "You may not act on this case.")
    return case, FundApplication.objects.select_for_update().get(pk=application.pk)


def milestone_record(
    *, application: FundApplication, actor: User, stage: str, kind: str, on: date, court: str = "",
    docket: str = "", outcome: str = "", note: str = "",
) -> CourtMilestone:
    """Record a court milestone (filing, hearing, judgment, settlement, finality) of an
    aided case; the applicant sees it on their case timeline. Creates: CourtMilestone,
    TimelineEntry."""
    if stage not in Stage.values:
        raise ApplicationError("請選擇審級。", "Choose the stage.", field="stage")
    if kind not in MilestoneKind.values:
        raise ApplicationError("請選擇進度類別。", "Choose the kind of milestone.", field="kind")
    if outcome and outcome not in Outcome.values:
        raise ApplicationError("判決結果不正確。", "Unknown outcome.", field="outcome")
    if kind in (MilestoneKind.JUDGMENT, MilestoneKind.FINAL) and not outcome:
        raise ApplicationError("判決請填寫結果。", "Give the judgment's outcome.", field="outcome")
    if on is None:
        raise ApplicationError("請填寫日期。", "The date is required.", field="on")
    if kind != MilestoneKind.HEARING and on > timezone.localdate():
        raise ApplicationError("除開庭期日外，日期不可晚於今天。", "Only a hearing may be in the future.", field="on")
    with transaction.atomic():
        case, application = _locked(application, actor)
        if case.status not in ("GRANTED", "JUDGMENT_FINAL", "REIMBURSEMENT_DUE"):
            raise Conflict("核定補助後才能登錄訴訟進度。", "Milestones are recorded once aid is granted.")
        milestone = CourtMilestone.objects.create(
            application=application, stage=stage, kind=kind, on=on, court=(court or "").strip()[:60],
            docket=(docket or "").strip()[:60], outcome=outcome, note=(note or "").strip()[:300], recorded_by=actor,
        )
        text = f"{Stage(stage).label.split()[0]} {MilestoneKind(kind).label.split()[0]} {on.isoformat()}"
        if outcome:
            text += f"（{Outcome(outcome).label.split()[0]}）"
        case_services.timeline_append(case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, text=text,
                                      data={"milestone_id": milestone.pk}, visible_to_parties=True)
        if kind == MilestoneKind.FILED and docket:
            application.docket = milestone.docket
            application.court = milestone.court or application.court
            application.save(update_fields=["docket", "court"])
    return milestone


def payment_record(*, application: FundApplication, actor: User, item: str, amount: int, paid_on: date,
                   reference: str = "") -> FundPayment:
    """Record a payment of granted aid. The total paid per item never exceeds what was
    granted for it (checked under the application's row lock). Creates: FundPayment,
    TimelineEntry."""
    if item not in AidItem.values:
        raise ApplicationError("補助項目不正確。", "Unknown aid item.", field="item")
    amount = _amount(amount, "amount", "撥付金額", "The amount")
    if amount == 0:
        raise ApplicationError("撥付金額應大於0。", "The amount must be more than 0.", field="amount")
    if paid_on is None or paid_on > timezone.localdate():
        raise ApplicationError("撥付日期不可晚於今天。", "The payment date cannot be in the future.", field="paid_on")
    with transaction.atomic():
        case, application = _locked(application, actor)
        if case.status not in ("GRANTED", "JUDGMENT_FINAL"):
            raise Conflict("此案目前不能撥付補助。", "Aid cannot be paid in the case's current state.")
        row = application.items.filter(item=item).first()
        granted = row.granted or 0 if row else 0
        paid = sum(application.payments.filter(item=item).values_list("amount", flat=True))
        if paid + amount > granted:
            raise ApplicationError(
                f"撥付累計不可超過核定金額（核定{granted:,}元，已撥{paid:,}元）。",
                f"Payments cannot exceed the grant (granted NT${granted:,}, paid NT${paid:,}).", field="amount",
            )
        payment = FundPayment.objects.create(application=application, item=item, amount=amount, paid_on=paid_on,
                                             reference=(reference or "").strip()[:60], recorded_by=actor)
        case_services.timeline_append(
            case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, visible_to_parties=True,
            text=f"撥付{AidItem(item).label.split()[0]} 新臺幣{amount:,}元", data={"payment_id": payment.pk},
        )
    return payment


def reimbursement_record(*, application: FundApplication, actor: User, amount: int, received_on: date,
                         reference: str = "") -> FundReimbursement:
    """Record money the worker returned. Creates: FundReimbursement, TimelineEntry."""
    amount = _amount(amount, "amount", "返還金額", "The amount")
    if amount == 0:
        raise ApplicationError("返還金額應大於0。", "The amount must be more than 0.", field="amount")
    if received_on is None or received_on > timezone.localdate():
        raise ApplicationError("收款日期不可晚於今天。", "The date cannot be in the future.", field="received_on")
    with transaction.atomic():
        case, application = _locked(application, actor)
        if case.status != "REIMBURSEMENT_DUE":
            raise Conflict("此案目前沒有待返還的補助。", "Nothing is awaiting reimbursement.")
        received = sum(application.reimbursements.values_list("amount", flat=True))
        if received + amount > application.reimbursement_due:
            raise ApplicationError(
                f"返還累計不可超過應返還金額{application.reimbursement_due:,}元。",
                f"More than the NT${application.reimbursement_due:,} due.", field="amount",
            )
        reimbursement = FundReimbursement.objects.create(
            application=application, amount=amount, received_on=received_on,
            reference=(reference or "").strip()[:60], recorded_by=actor,
        )
        case_services.timeline_append(case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, visible_to_parties=True,
                                      text=f"收到返還補助 新臺幣{amount:,}元", data={"reimbursement_id": reimbursement.pk})
    return reimbursement


def fund_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the application's own references follow a merged person/employer."""
    if kind == "person":
        FundApplication.objects.filter(applicant_id=old_id).update(applicant_id=new_id)
    elif kind == "employer":
        FundApplication.objects.filter(employer_id=old_id).update(employer_id=new_id)
