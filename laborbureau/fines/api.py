"""The fines API at /api/v1/fines: the public list (no authentication) and the staff
ledger with the same unit-scoped permissions as the pages. Thin: schemas parse,
selectors read, services write; refusals come back as 4xx with field paths."""

from datetime import date
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from laborbureau.api.pagination import Pages
from laborbureau.cases.access import cases_readable_by
from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Employer, Unit, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.fines import selectors, services
from laborbureau.fines.models import Fine

router = Router(tags=["fines 罰鍰"])


# --- schemas ----------------------------------------------------------------------


class PublicFineOut(Schema):
    number: str
    employer_name: str
    business_id: str
    representative: str
    decided_on: date
    law: str
    legal_basis: str
    amount: int


class FineOut(Schema):
    id: int
    number: str
    employer_id: int
    employer_name: str
    business_id: str
    representative: str
    unit: str
    case_number: str | None
    law_code: str
    article: str
    violated_article: str
    legal_basis: str
    legal_basis_version: str
    aggravated: bool
    range_min: int
    range_max: int
    violation_date: date
    decided_on: date
    served_on: date | None
    due_days: int
    due_date: date | None
    amount: int
    amount_due: int
    paid_total: int
    balance: int
    status: str
    remedy: str
    collection_suspended: bool
    reminders_sent: int
    referred_on: date | None
    final_on: date | None

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_case_number(obj) -> str | None:
        return obj.case.number if obj.case_id else None


class EntryOut(Schema):
    id: int
    seq: int
    kind: str
    on: date
    amount: int | None
    outcome: str
    collection_suspended: bool | None
    reminder_round: int | None
    reverses_id: int | None
    reference: str
    note: str
    actor: str | None

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.username if obj.actor_id else None


class FineDetailOut(FineOut):
    refund_due: int
    appeal_answer_due: date | None = Field(
        None, description="訴願答辯期限（提起訴願後20日） The answer to a pending appeal is due by this day."
    )
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(obj):
        return obj.ledger_entries


class FineFilters(Schema):
    status: Literal["", "unpaid", "overdue", "paid", "under_appeal", "referred", "unserved", "cancelled"] = ""
    q: str = Field("", max_length=80)
    law_code: str = Field("", max_length=40)
    unit: str = Field("", max_length=8)
    employer_id: int | None = None


class PublicFilters(Schema):
    law_code: str = Field("", max_length=40)
    year: int | None = Field(None, ge=2000, le=2200)


class IssueIn(Schema):
    employer_id: int
    unit: str = Field(..., max_length=8, description="The deciding unit's code, e.g. LS")
    law_code: str = Field(..., max_length=40, description="rules.fine_ranges law code, e.g. LSA")
    article: str = Field(..., max_length=60, description="e.g. 第79條第1項第1款")
    violated_article: str = Field("", max_length=60)
    aggravated: bool = False
    violation_date: date
    amount: int = Field(..., ge=1)
    decided_on: date
    due_days: int | None = Field(None, ge=1, le=180)
    served_on: date | None = None
    case_number: str | None = Field(None, max_length=20)


class ServiceIn(Schema):
    served_on: date
    reason: str = Field("", max_length=200)


class PaymentIn(Schema):
    amount: int = Field(..., ge=1)
    paid_on: date
    reference: str = Field(..., min_length=1, max_length=80)


class RemedyFileIn(Schema):
    filed_on: date
    collection_suspended: bool = True
    reference: str = Field("", max_length=80)
    note: str = Field("", max_length=500)


class AppealAnswerIn(Schema):
    answered_on: date = Field(description="答辯書發文日期 The day the answer was sent.", examples=["2026-11-20"])
    reference: str = Field("", max_length=80, description="答辯書字號 Reference.", examples=["北市勞法字第1150000001號"])
    note: str = Field("", max_length=500, description="備註 Note.", examples=[""])


class RemedyDecideIn(Schema):
    outcome: Literal["upheld", "revoked", "partially_revoked"]
    decided_on: date
    new_amount: int | None = Field(None, ge=1)
    reference: str = Field("", max_length=80)
    note: str = Field("", max_length=500)


class NoteIn(Schema):
    note: str = Field("", max_length=500)


# --- helpers ----------------------------------------------------------------------


def _staff(request):
    if request.user.kind != UserKind.STAFF:
        raise Forbidden("此功能僅限機關人員。", "Staff only.")
    return request.user


def _readable(request, fine_id: int) -> Fine:
    return selectors.fine_get(user=request.user, pk=fine_id)


def _writable(request, fine_id: int) -> Fine:
    fine = _readable(request, fine_id)
    if not selectors.can_write(request.user, fine):
        raise Forbidden("您只能檢視此罰鍰，不能變更。", "You may view this fine but not change it.")
    return fine


def _detail(fine: Fine) -> Fine:
    """The fine with its entries and the derived refund attached, for FineDetailOut."""
    fine.ledger_entries = list(selectors.fine_entries(fine))
    fine.refund_due = services.ledger.derive(fine.ledger_entries, fine.served_on).refund_due
    fine.appeal_answer_due = selectors.appeal_answer_due(fine)
    return fine


def _fresh(fine: Fine) -> Fine:
    return Fine.objects.select_related("unit", "case").get(pk=fine.pk)


# --- public -----------------------------------------------------------------------


@router.get("/public", auth=None, response=list[PublicFineOut], summary="Published final fines (勞動基準法第80條之1)")
@paginate(Pages, page_size=100)
def public_list(request, filters: Query[PublicFilters]):
    """Final fines only: employer name, representative, decision date, article and amount."""
    queryset = selectors.open_data_list(law_code=filters.law_code, year=filters.year)
    return [row.__dict__ for row in selectors.open_data_rows(queryset)]


# --- staff ------------------------------------------------------------------------


@router.get("", response=list[FineOut], summary="Fines of the units you may read")
@paginate(Pages, page_size=50)
def fine_list(request, filters: Query[FineFilters]):
    user = request.user
    if user.kind not in (UserKind.STAFF, UserKind.EMPLOYER):
        raise Forbidden("您沒有查詢罰鍰的權限。", "You may not list fines.")
    return selectors.fine_list(
        user=user, status=filters.status, q=filters.q, law_code=filters.law_code, unit_code=filters.unit,
        employer_id=filters.employer_id,
    ).select_related("case")


@router.get("/{fine_id}", response=FineDetailOut, summary="One fine with its ledger entries")
def fine_detail(request, fine_id: int):
    fine = _readable(request, fine_id)
    access_log_record(user=request.user, action="api", object_type="fine", object_id=fine.pk,
                      purpose="罰鍰管理 fines ledger (API)", object_label=fine.number)
    return _detail(fine)


@router.post("", response={201: FineDetailOut}, summary="Issue a fine")
def fine_issue(request, payload: IssueIn):
    user = _staff(request)
    employer = Employer.objects.filter(pk=payload.employer_id).first()
    if employer is None:
        raise ApplicationError("找不到此事業單位。", "No such employer.", field="employer_id")
    unit = Unit.objects.filter(code=payload.unit).first()
    if unit is None:
        raise ApplicationError("沒有這個單位。", "No such unit.", field="unit")
    if not access.can_act_on_unit(user, unit.pk):
        raise Forbidden("您不能以此單位名義裁處。", "You may not issue fines for this unit.")
    case = None
    if payload.case_number:
        case = cases_readable_by(user).filter(number=payload.case_number.strip()).first()
        if case is None:
            raise ApplicationError("找不到此案件編號。", "No case with this number.", field="case_number")
    try:
        fine = services.fine_issue(
            employer=employer, unit=unit, law_code=payload.law_code, article=payload.article,
            violation_date=payload.violation_date, amount=payload.amount, decided_on=payload.decided_on,
            actor=user, case=case, due_days=payload.due_days, served_on=payload.served_on,
            aggravated=payload.aggravated, violated_article=payload.violated_article,
        )
    except ApplicationError as error:
        if error.field == "employer":
            error.field = "employer_id"
        elif error.field == "case":
            error.field = "case_number"
        raise
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/service", response=FineDetailOut, summary="Record the service (送達) of the decision")
def fine_service(request, fine_id: int, payload: ServiceIn):
    fine = _writable(request, fine_id)
    services.fine_service_record(fine=fine, served_on=payload.served_on, actor=request.user, reason=payload.reason)
    return _detail(_fresh(fine))


@router.post("/{fine_id}/payments", response={201: FineDetailOut}, summary="Record a payment")
def fine_payment(request, fine_id: int, payload: PaymentIn):
    fine = _writable(request, fine_id)
    services.fine_payment_record(fine=fine, amount=payload.amount, paid_on=payload.paid_on,
                                 reference=payload.reference, actor=request.user)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/reminders", response={201: FineDetailOut}, summary="Send the next reminder now")
def fine_reminder(request, fine_id: int, payload: NoteIn):
    fine = _writable(request, fine_id)
    services.fine_reminder_send(fine=fine, actor=request.user)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/referral", response={201: FineDetailOut}, summary="Refer for compulsory enforcement")
def fine_referral(request, fine_id: int, payload: NoteIn):
    fine = _writable(request, fine_id)
    services.fine_refer_to_enforcement(fine=fine, actor=request.user, note=payload.note)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/appeal", response={201: FineDetailOut}, summary="Record an appeal (訴願) filed")
def fine_appeal(request, fine_id: int, payload: RemedyFileIn):
    fine = _writable(request, fine_id)
    services.fine_appeal_file(fine=fine, filed_on=payload.filed_on, actor=request.user,
                              collection_suspended=payload.collection_suspended, reference=payload.reference,
                              note=payload.note)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/appeal/answer", response={201: FineDetailOut}, summary="Record the answer to the appeal (訴願答辯)")
def fine_appeal_answer(request, fine_id: int, payload: AppealAnswerIn):
    fine = _writable(request, fine_id)
    services.fine_appeal_answer(fine=fine, answered_on=payload.answered_on, actor=request.user,
                                reference=payload.reference, note=payload.note)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/appeal/decision", response={201: FineDetailOut}, summary="Record the appeal decision")
def fine_appeal_decision(request, fine_id: int, payload: RemedyDecideIn):
    fine = _writable(request, fine_id)
    services.fine_appeal_decide(fine=fine, outcome=payload.outcome, decided_on=payload.decided_on, actor=request.user,
                                new_amount=payload.new_amount, reference=payload.reference, note=payload.note)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/litigation", response={201: FineDetailOut}, summary="Record a suit (行政訴訟) filed")
def fine_litigation(request, fine_id: int, payload: RemedyFileIn):
    fine = _writable(request, fine_id)
    services.fine_litigation_file(fine=fine, filed_on=payload.filed_on, actor=request.user,
                                  collection_suspended=payload.collection_suspended, reference=payload.reference,
                                  note=payload.note)
    return Status(201, _detail(_fresh(fine)))


@router.post("/{fine_id}/litigation/decision", response={201: FineDetailOut}, summary="Record the final judgment")
def fine_litigation_decision(request, fine_id: int, payload: RemedyDecideIn):
    fine = _writable(request, fine_id)
    services.fine_litigation_decide(fine=fine, outcome=payload.outcome, decided_on=payload.decided_on,
                                    actor=request.user, new_amount=payload.new_amount, reference=payload.reference,
                                    note=payload.note)
    return Status(201, _detail(_fresh(fine)))

