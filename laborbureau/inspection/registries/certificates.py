"""The registries' PDFs (documents.services.document_issue). Titles carry no name or ID:
they are shown on the public verification page."""

from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.rules import osh_registrations as rule
from laborbureau.rules import roc_calendar

APPEAL = ("如不服本處分，得自本處分書送達之次日起三十日內，繕具訴願書，經由本局向臺北市政府提起訴願"
          "（訴願法第14條第1項、第58條第1項）。")

CERTIFICATE_TITLES = {
    rule.SITE_CERTIFICATION: "營造工地自主管理認證標章證明書",
    rule.TRAINING_UNIT: "安全衛生教育訓練單位核定證明書",
    rule.MEDICAL_INSTITUTION: "勞工健康檢查醫療機構審查合格證明書",
    rule.SAFETY_PERSONNEL: "職業安全衛生人員資格登錄證明書",
}


def _recipient(registration) -> str:
    business_id = f"（統一編號 {registration.employer.business_id}）" if registration.employer.business_id else ""
    return f"{registration.employer.name}{business_id}"


def _subject_line(registration) -> str:
    label = registration.get_kind_display().split(" ")[0]
    if registration.kind == rule.SAFETY_PERSONNEL:
        return f"{label}：{registration.personnel_name}（{registration.get_personnel_role_display().split(' ')[0]}）"
    return f"{label}：{registration.name}"


def registration_certificate(*, case, registration, actor):
    basis = rule.RULES[registration.kind].basis
    until = (f"有效期間至{roc_calendar.format_long(registration.valid_until)}止。" if registration.valid_until
             else "本登錄不設有效期間。")
    items = [f"{_subject_line(registration)}，經本處審查符合規定，准予登錄。",
             f"自{roc_calendar.format_long(registration.valid_from)}起生效，{until}",
             f"依據：{basis}。"]
    if registration.review_opinion:
        items.append(f"審查意見：{registration.review_opinion}")
    return document_services.document_issue(
        case=case, kind=DocumentKind.CERTIFICATE, title=CERTIFICATE_TITLES[registration.kind],
        template_name="documents/generic.html",
        context={"recipient": _recipient(registration), "subject": f"核准{_subject_line(registration)}。",
                 "blocks": [{"heading": "說明", "items": items}]},
        actor=actor, visible_to_parties=True,
    )


def registration_refusal(*, case, registration, actor):
    items = [f"{_subject_line(registration)}之申請，經本處審查不予核准。",
             f"理由：{registration.decision_reasons}", f"依據：{rule.RULES[registration.kind].basis}。", APPEAL]
    return document_services.document_issue(
        case=case, kind=DocumentKind.DECISION, title="登錄申請不予核准處分書", template_name="documents/generic.html",
        context={"recipient": _recipient(registration), "subject": f"{_subject_line(registration)}之申請，不予核准。",
                 "blocks": [{"heading": "理由", "items": items}]},
        actor=actor, visible_to_parties=True,
    )


def registration_revocation(*, case, registration, actor):
    items = [f"{_subject_line(registration)}之登錄，自{roc_calendar.format_long(registration.revoked_on)}起廢止。",
             f"理由：{registration.revocation_reasons}", f"依據：{rule.RULES[registration.kind].basis}。", APPEAL]
    return document_services.document_issue(
        case=case, kind=DocumentKind.DECISION, title="登錄廢止處分書", template_name="documents/generic.html",
        context={"recipient": _recipient(registration), "subject": f"廢止{_subject_line(registration)}之登錄。",
                 "blocks": [{"heading": "理由", "items": items}]},
        actor=actor, visible_to_parties=True,
    )
