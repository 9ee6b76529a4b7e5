"""The closure-determination workflow (關廠歇業事實認定).

積欠工資墊償基金提繳及墊償管理辦法第8條: a worker whose employer closed asks the arrears-
wage fund (勞動基準法第28條) for an advance with the local authority's proof that the
employer's registration was cancelled or revoked, or that it has in fact stopped
production or business (a branch too, 第2項). The department finds the facts — site
visit, tax and registration status, utilities, the landlord — and issues the
determination letter after the section chief's sign-off. No rule sets the time to
decide, so 行政程序法第51條第2項 applies: two months (counted here as 60 calendar
days from receipt, which never ends later than two months).

    SUBMITTED --accept--> INVESTIGATING (--record_visit / record_evidence--> INVESTIGATING)
    INVESTIGATING --propose_determination--> PENDING_APPROVAL (chief's sign-off)
        --issue_determination (approved; letter PDF to the applicants)--> DETERMINED
        --return_determination (returned)--> INVESTIGATING
    SUBMITTED --not_accept--> NOT_ACCEPTED;  SUBMITTED/INVESTIGATING --withdraw--> WITHDRAWN
"""

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY, is_party
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.relations.closures import panels
from laborbureau.rules import roc_calendar

CASE_TYPE = "closure_determination"
UNIT = "LR"
SIGNOFF_SUBJECT = "closure_determination"
SIGNOFF_CHAIN = [Role.SECTION_CHIEF]
OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})
TWO_MONTHS = Deadline(60, "calendar", basis="行政程序法第51條第2項", from_opening=True)
LETTER_TITLE = "事業單位歇業事實認定函"


def _record(case: Case):
    from laborbureau.relations.closures.models import ClosureDetermination

    return ClosureDetermination.objects.select_for_update(of=("self",)).select_related("employer", "establishment").get(case=case)


def _take_case(case, actor, data):
    if case.assignee_id is None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


def _not_future(name: str, label_zh: str, label_en: str):
    def guard(case, actor, data):
        if data.get(name) and data[name] > timezone.localdate():
            return (f"{label_zh}不可晚於今天。", f"{label_en} cannot be in the future.")
        return None

    return guard


def _save_visit(case, actor, data):
    record = _record(case)
    record.visit_date = data["visit_date"]
    record.visit_findings = data["findings"]
    record.save(update_fields=["visit_date", "visit_findings"])


def _save_evidence(case, actor, data):
    from laborbureau.relations.closures.models import Evidence

    Evidence.objects.create(
        determination=_record(case), kind=data["kind"], observed_on=data["observed_on"], note=data["note"],
        supports_closure=data["supports_closure"] == "yes",
    )


def _facts_gathered(case, actor, data):
    record = _record(case)
    if record.visit_date is None and not record.evidence.exists():
        return ("請先登錄實地訪查或查證資料，再擬具認定。", "Record a site visit or evidence before proposing a finding.")
    return None


def _since_given(case, actor, data):
    if data["outcome"] != "NOT_CLOSED":
        since = data.get("closed_since")
        if since is None:
            return ("認定歇業者，請填寫歇業日期。", "Give the day the business closed.")
        if since > timezone.localdate():
            return ("歇業日期不可晚於今天。", "The closing day cannot be in the future.")
    return None


def _request_signoff(case, actor, data):
    from laborbureau.relations.closures.models import Outcome

    record = _record(case)
    record.outcome = data["outcome"]
    record.closed_since = data.get("closed_since") if data["outcome"] != "NOT_CLOSED" else None
    record.reasons = data["reasons"]
    record.save(update_fields=["outcome", "closed_since", "reasons"])
    case_services.signoff_request(
        case=case, actor=actor, subject=SIGNOFF_SUBJECT,
        summary=f"{record.employer.name}：{Outcome(record.outcome).label.split(' ')[0]}",
        payload={"outcome": record.outcome, "closed_since": record.closed_since.isoformat() if record.closed_since else ""},
        chain=list(SIGNOFF_CHAIN),
    )


def _issue_letter(case, actor, data):
    """The determination letter to the applicants (one letter: 管理辦法第10條, the
    workers of one employer apply to the fund together). Its public title names nobody."""
    from laborbureau.relations.closures.models import Outcome

    record = _record(case)
    applicants = list(record.applicants.select_related("person"))
    names = applicants[0].person.name + (f"等{len(applicants)}人" if len(applicants) > 1 else "")
    where = f"{record.employer.name}" + (f"（{record.establishment.name}）" if record.establishment else "")
    received = roc_calendar.format_long(timezone.localdate(case.opened_at))
    items = [f"依據臺端等{received}申請辦理。"]
    if record.visit_date:
        items.append(f"本局於{roc_calendar.format_long(record.visit_date)}派員實地訪查：{record.visit_findings}")
    evidence = list(record.evidence.all())
    if evidence:
        items.append("查證資料：" + "；".join(
            f"{e.get_kind_display().split(' ')[0]}（{roc_calendar.format_short(e.observed_on)}）：{e.note}" for e in evidence
        ))
    if record.outcome == Outcome.NOT_CLOSED:
        items.append(f"經查{where}仍有營運事實，不符歇業事實之認定。理由：{record.reasons}")
        kind = DocumentKind.NOTICE
    else:
        finding = "已註銷、撤銷或廢止工廠、商業或營利事業登記" if record.outcome == Outcome.DEREGISTERED else "確已終止生產、營業"
        items.append(
            f"經查{where}自{roc_calendar.format_long(record.closed_since)}起{finding}，符合歇業事實。理由：{record.reasons}"
        )
        items.append("本函得作為向勞動部勞工保險局申請積欠工資墊償基金墊償之證明文件（勞動基準法第28條、"
                     "積欠工資墊償基金提繳及墊償管理辦法第8條），及請求資遣費等權益之用。")
        kind = DocumentKind.CERTIFICATE
    items.append("如不服本認定，得於收受之次日起三十日內依訴願法提起訴願。")
    document_services.document_issue(
        case=case, kind=kind, title=LETTER_TITLE, template_name="documents/generic.html",
        context={
            "recipient": f"{names} 君",
            "subject": f"有關臺端等申請認定{where}歇業事實一案，認定結果如說明，請查照。",
            "blocks": [{"heading": "說明", "items": items}],
        },
        actor=actor, person=applicants[0].person if len(applicants) == 1 else None, visible_to_parties=True,
    )


def _sole_applicant(case, actor, data):
    if actor is not None and is_party(actor, case) and _record(case).applicants.count() > 1:
        return ("本案另有其他申請人，請洽承辦人辦理撤回。", "Other workers also applied; ask the officer to withdraw.")
    return None


def _outcome_choices():
    from laborbureau.relations.closures.models import Outcome

    return tuple(Outcome.choices)


def _evidence_choices():
    from laborbureau.relations.closures.models import EvidenceKind

    return tuple(EvidenceKind.choices)


YES_NO = (("yes", "是 Yes"), ("no", "否 No"))

WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="CLD",
        unit_code=UNIT,
        name_zh="歇業事實認定",
        name_en="Closure determination",
        initial="SUBMITTED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"APPLICANT"}),
        staff_panel=panels.staff_panel,
        portal_panel=panels.portal_panel,
        states=(
            State("SUBMITTED", "已收件", "Received", TWO_MONTHS, label_public_zh="已收件，待受理", label_public_en="Received"),
            State("INVESTIGATING", "調查中", "Investigating", TWO_MONTHS),
            State("PENDING_APPROVAL", "認定陳核中", "Finding awaiting approval", TWO_MONTHS,
                  label_public_zh="調查完成，核定中", label_public_en="Investigated; being approved"),
            State("DETERMINED", "已認定", "Determined", terminal=True,
                  label_public_zh="已發認定函", label_public_en="Determination issued"),
            State("NOT_ACCEPTED", "不受理", "Not accepted", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition("accept", ("SUBMITTED",), "INVESTIGATING", OFFICERS, "受理並開始調查", "Accept and investigate",
                       effects=(_take_case,), notify_parties=True,
                       public_note_zh="本局已受理，將派員實地訪查並查證營業及登記情形。",
                       public_note_en="Accepted: we will visit the site and check the business's registration."),
            Transition("not_accept", ("SUBMITTED",), "NOT_ACCEPTED", OFFICERS, "不予受理", "Do not accept",
                       fields=(FieldSpec("reason", "理由", "Reason", kind="textarea"),), notify_parties=True),
            Transition(
                "record_visit", ("INVESTIGATING",), "INVESTIGATING", OFFICERS, "登錄實地訪查", "Record the site visit",
                fields=(FieldSpec("visit_date", "訪查日期", "Visit date", kind="date"),
                        FieldSpec("findings", "訪查情形（照片請以附件上傳）", "Findings (photos as attachments)",
                                  kind="textarea")),
                guards=(_not_future("visit_date", "訪查日期", "The visit date"),), effects=(_save_visit,),
            ),
            Transition(
                "record_evidence", ("INVESTIGATING",), "INVESTIGATING", OFFICERS, "登錄查證資料", "Record evidence",
                fields=(FieldSpec("kind", "資料類別", "Kind of evidence", kind="choice", choices=lambda on: _evidence_choices()),
                        FieldSpec("observed_on", "查證日期", "Checked on", kind="date"),
                        FieldSpec("note", "內容", "What it shows", kind="textarea"),
                        FieldSpec("supports_closure", "是否支持歇業事實", "Supports closure", kind="choice", choices=YES_NO)),
                guards=(_not_future("observed_on", "查證日期", "The date"),), effects=(_save_evidence,),
            ),
            Transition(
                "propose_determination", ("INVESTIGATING",), "PENDING_APPROVAL", OFFICERS, "擬具認定（陳核）",
                "Propose the finding (for approval)",
                fields=(FieldSpec("outcome", "認定結果", "Finding", kind="choice", choices=lambda on: _outcome_choices()),
                        FieldSpec("closed_since", "歇業日期", "Closed since", kind="date", required=False),
                        FieldSpec("reasons", "理由", "Reasons", kind="textarea")),
                guards=(_facts_gathered, _since_given), effects=(_request_signoff,), assignee_only=True,
            ),
            Transition("issue_determination", ("PENDING_APPROVAL",), "DETERMINED", frozenset(), "核發認定函",
                       "Issue the determination", effects=(_issue_letter,), notify_parties=True,
                       public_note_zh="本局已核發歇業事實認定函，請於本頁下載。",
                       public_note_en="The determination letter is issued; download it on this page."),
            Transition("return_determination", ("PENDING_APPROVAL",), "INVESTIGATING", frozenset(), "退回補正",
                       "Returned"),
            Transition("withdraw", ("SUBMITTED", "INVESTIGATING"), "WITHDRAWN", frozenset({PARTY, *OFFICERS}),
                       "撤回申請", "Withdraw the application",
                       fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea", required=False),),
                       guards=(_sole_applicant,), notify_parties=True),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[SIGNOFF_SUBJECT] = ("issue_determination", "return_determination")
