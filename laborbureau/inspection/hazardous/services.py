"""Writes of the 丁類 hazardous-workplace review: the employer's application and its
supplements (portal), the inspector's steps (through the case engine, workflows.py), the
approval's effects (project flagged 丁類, review-result notice, follow-up inspection) and
the refusal notice."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Channel
from laborbureau.cases.services import PartyLink
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import User, UserKind
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.inspection.hazardous import workflows
from laborbureau.inspection.hazardous.models import CASE_TYPE, DOCUMENT_KINDS, ReviewStatus, TypeDReview
from laborbureau.inspection.inspections import services as inspection_services
from laborbureau.inspection.inspections.models import ConstructionProject, InspectionType, Origin
from laborbureau.rules import hazardous_workplaces
from laborbureau.rules.base import RuleError

MEASURE_FIELDS = ("building_height_m", "bridge_span_m", "tunnel_length_m", "shaft_depth_m", "excavation_depth_m",
                  "excavation_area_m2", "formwork_height_m", "formwork_area_m2")
MEASURE_MAX = Decimal("99999.99")
DOCUMENTS_PER_REQUEST = 10
_KINDS = {code for code, _ in DOCUMENT_KINDS}


@dataclass(frozen=True)
class Document:
    kind: str
    name: str
    content: bytes


def _measures(data: dict) -> dict:
    """The employer's numbers, as Decimals (None where left empty); field-level errors."""
    cleaned: dict = {}
    for name in MEASURE_FIELDS:
        raw = data.get(name)
        if raw in (None, ""):
            cleaned[name] = None
            continue
        try:
            value = Decimal(str(raw))
        except (InvalidOperation, ValueError):
            raise ApplicationError("請填寫數字。", "Enter a number.", field=name) from None
        if not value.is_finite() or value < 0 or value > MEASURE_MAX:
            raise ApplicationError("數值應介於0與99999.99之間。", "The value must be between 0 and 99,999.99.", field=name)
        cleaned[name] = value.quantize(Decimal("0.01"))
    cleaned["bridge_multi_span"] = bool(data.get("bridge_multi_span"))
    cleaned["compressed_air"] = bool(data.get("compressed_air"))
    return cleaned


def type_d_assess(data: dict, on: date) -> hazardous_workplaces.TypeDAssessment:
    """Which 丁類 criteria the numbers meet (辦法第2條第4款), for the form's preview too."""
    measures = _measures(data)
    try:
        return hazardous_workplaces.assess(hazardous_workplaces.ProjectMeasures(**measures), on)
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field=error.field) from None


def _check_documents(documents: list[Document], *, require_assessment: bool) -> None:
    if len(documents) > DOCUMENTS_PER_REQUEST:
        raise ApplicationError(f"文件最多{DOCUMENTS_PER_REQUEST}件。", f"At most {DOCUMENTS_PER_REQUEST} files.",
                               field="documents")
    for document in documents:
        if document.kind not in _KINDS:
            raise ApplicationError("文件類別不正確。", "Unknown kind of document.", field="documents")
    if require_assessment and not any(d.kind == "SAFETY_ASSESSMENT" for d in documents):
        raise ApplicationError("請檢附施工安全評估報告書。", "Attach the construction safety assessment report.",
                               field="safety_assessment")
    if not documents and not require_assessment:
        raise ApplicationError("請檢附補正文件。", "Attach the supplementary documents.", field="documents")


def _attach(review: TypeDReview, actor: User, documents: list[Document]) -> list[dict]:
    return [{"kind": d.kind, "name": d.name[:120],
             "attachment_id": case_services.attachment_add(case=review.case, actor=actor, name=d.name,
                                                           content=d.content).pk}
            for d in documents]


def review_apply(*, actor: User, project: ConstructionProject, work_starts_on: date, measures: dict,
                 documents: list[Document]) -> TypeDReview:
    """The employer applies for the 丁類 review of its project (勞動檢查法第26條) at least 30
    days before workers start there. Creates Case (HWR, employer as party), TypeDReview,
    the documents as attachments."""
    if actor.kind != UserKind.EMPLOYER or actor.employer_id != project.establishment.employer_id:
        raise Forbidden("限工程所屬之事業單位申請。", "Only the project's employer may apply.")
    today = timezone.localdate()
    if project.type_d:
        raise Conflict("此工程已審查合格。", "This project has already passed the review.")
    if work_starts_on < today:
        raise ApplicationError("預定作業日不可早於今天。", "The start of work cannot be in the past.", field="work_starts_on")
    if work_starts_on > project.ends_on:
        raise ApplicationError("預定作業日不可晚於工程完工日。", "The start of work cannot be after the project ends.",
                               field="work_starts_on")
    last_day = hazardous_workplaces.apply_by(work_starts_on)
    if today > last_day:
        raise ApplicationError(
            f"應於使勞工作業{hazardous_workplaces.APPLY_DAYS_BEFORE}日前申請審查（最遲{last_day.isoformat()}）；請延後預定作業日。",
            f"Apply {hazardous_workplaces.APPLY_DAYS_BEFORE} days before work starts (by {last_day.isoformat()}); "
            "move the start of work.", field="work_starts_on")
    assessment = type_d_assess(measures, today)
    if not assessment.meets:
        raise ApplicationError("所填工程規模未達丁類危險性工作場所標準（危險性工作場所審查及檢查辦法第2條第4款），無須申請審查。",
                               "The project does not meet the type D thresholds (辦法第2條第4款); no review is needed.",
                               field="measures")
    _check_documents(documents, require_assessment=True)
    cleaned = _measures(measures)
    try:
        with transaction.atomic():
            case = case_services.case_open(
                case_type=CASE_TYPE, title=f"丁類危險性工作場所審查：{project.name}"[:200], actor=actor,
                parties=[PartyLink(role="EMPLOYER", employer=project.establishment.employer)], channel=Channel.PORTAL,
            )
            review = TypeDReview.objects.create(
                case=case, employer_id=project.establishment.employer_id, establishment_id=project.establishment_id,
                project=project, status=case.status, work_starts_on=work_starts_on, criteria=assessment.as_json(),
                submitted_by=actor, submitted_at=timezone.now(), **cleaned)
            review.documents = _attach(review, actor, documents)
            review.save(update_fields=["documents"])
            return review
    except IntegrityError:
        raise Conflict("此工程已有審查中之申請。", "This project already has an application under review.") from None


def review_supplement(*, review: TypeDReview, actor: User, note: str, documents: list[Document]) -> TypeDReview:
    """The employer supplements what the inspector asked for; the review resumes."""
    _check_documents(documents, require_assessment=False)
    with transaction.atomic():
        case_services.case_transition(case=review.case, name="supplement", actor=actor, data={"note": note})
        review = TypeDReview.objects.select_for_update().get(pk=review.pk)
        review.documents = [*review.documents, *_attach(review, actor, documents)]
        review.save(update_fields=["documents"])
    return review


def review_act(*, review: TypeDReview, actor: User, name: str, data: dict) -> TypeDReview:
    """The inspector's step: request_supplement (reason), propose_approval (site_checked_on,
    note; goes to the chief's sign-off) or refuse (reason)."""
    if name not in ("request_supplement", "propose_approval", "refuse"):
        raise ApplicationError("不是可執行的審查步驟。", "Not a review step.", field="action")
    case_services.case_transition(case=review.case, name=name, actor=actor, data=data)
    review.refresh_from_db()
    return review


def review_approved(review: TypeDReview, *, actor: User) -> None:
    """The approve transition's effect (after the chief's sign-off): the project is flagged
    丁類, the review-result notice is issued and the first follow-up inspection
    (HAZARDOUS_WORKPLACE) is scheduled for the day work starts."""
    inspection_services.construction_project_type_d_mark(review.project)
    document_services.document_issue(
        case=review.case, kind=DocumentKind.NOTICE, title="丁類危險性工作場所審查結果通知書",
        template_name="documents/generic.html",
        context={"recipient": f"{review.employer.name}（負責人：{review.employer.representative or '—'}）",
                 "subject": f"貴單位申請「{review.project.name}」丁類危險性工作場所審查一案，經審查合格，請查照。",
                 "blocks": [{"heading": "說明", "items": [
                     "依勞動檢查法第26條及危險性工作場所審查及檢查辦法辦理；"
                     f"審查案號{review.case.number}。",
                     f"符合該辦法第2條第4款：{'；'.join(c['zh'] for c in review.criteria)}。",
                     f"本處於{review.site_checked_on.isoformat()}實施現場檢查。",
                     "施工過程中變更主要分項工程施工方法時，應重新評估並更新施工安全評估報告書；本處將實施追蹤檢查。"]}]},
        actor=actor, visible_to_parties=True,
    )
    inspector = review.inspector if review.inspector and review.inspector.is_active else None
    follow_up = inspection_services.inspection_open(
        establishment=review.establishment, inspection_type=InspectionType.HAZARDOUS_WORKPLACE, origin=Origin.OTHER,
        actor=actor, inspector=inspector, scheduled_for=max(review.work_starts_on, timezone.localdate()),
    )
    review.decided_at = timezone.now()
    review.follow_up_number = follow_up.case.number
    review.save(update_fields=["decided_at", "follow_up_number"])


def review_refused(review: TypeDReview, *, actor: User, reason: str) -> None:
    """The refuse transition's effect: the reasons and the refusal notice. The employer may
    not let workers work there (勞動檢查法第26條) and may apply again."""
    review.refusal_reason = reason
    review.inspector = review.inspector or actor
    review.decided_at = timezone.now()
    review.save(update_fields=["refusal_reason", "inspector", "decided_at"])
    document_services.document_issue(
        case=review.case, kind=DocumentKind.NOTICE, title="丁類危險性工作場所審查結果通知書（不合格）",
        template_name="documents/generic.html",
        context={"recipient": f"{review.employer.name}（負責人：{review.employer.representative or '—'}）",
                 "subject": f"貴單位申請「{review.project.name}」丁類危險性工作場所審查一案，經審查不合格，請查照。",
                 "blocks": [{"heading": "理由", "items": [reason]},
                            {"heading": "說明", "items": [
                                "依勞動檢查法第26條，未經審查合格，不得使勞工在該場所作業；違反者依同法第34條處罰。",
                                "請依前述理由修正後重新申請。"]}]},
        actor=actor, visible_to_parties=True,
    )


def follow_up_schedule(*, review: TypeDReview, actor: User, scheduled_for: date, inspector: User | None = None):
    """Schedule a further follow-up inspection (HAZARDOUS_WORKPLACE) of an approved site."""
    if actor.kind != UserKind.STAFF or actor.role not in workflows.INSPECTORS:
        raise Forbidden("限勞動檢查處檢查員、承辦人或主管。", "Labor inspection staff only.")
    if review.status != ReviewStatus.APPROVED:
        raise Conflict("僅審查合格之工作場所可排定追蹤檢查。", "Only an approved workplace is followed up.")
    if scheduled_for < timezone.localdate():
        raise ApplicationError("預定日不可早於今天。", "The date cannot be in the past.", field="scheduled_for")
    return inspection_services.inspection_open(
        establishment=review.establishment, inspection_type=InspectionType.HAZARDOUS_WORKPLACE, origin=Origin.OTHER,
        actor=actor, inspector=inspector, scheduled_for=scheduled_for)


def hazardous_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Follow an employer merge (core.services.PARTY_REFERENCE_HOOKS)."""
    if kind == "employer":
        TypeDReview.objects.filter(employer_id=old_id).update(employer_id=new_id)
