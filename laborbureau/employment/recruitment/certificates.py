"""The PDFs of the three case families (documents.services.document_issue). Titles carry
no name or ID: they are shown on the public verification page."""

from django.utils import timezone

from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.rules import roc_calendar
from laborbureau.rules.foreign_worker_recruitment import REFUSAL_REASONS, WORK_CATEGORIES

APPEAL = ("如不服本處分，得自本處分書送達之次日起三十日內，繕具訴願書，經由本局向臺北市政府提起訴願"
          "（訴願法第14條第1項、第58條第1項）。")


def _employer_line(employer) -> str:
    business_id = f"（統一編號 {employer.business_id}）" if employer.business_id else ""
    return f"{employer.name}{business_id}"


def _period_items(recruitment, assessment) -> list[str]:
    vacancy = recruitment.vacancy
    label, clause = WORK_CATEGORIES[recruitment.work_category]
    items = [
        f"貴單位於{roc_calendar.format_long(recruitment.registered_on)}向本處辦理求才登記，職缺「{vacancy.title}」，"
        f"工作類別：{label}（就業服務法{clause}），需求人數{vacancy.openings}人，{vacancy.pay_text}元，"
        f"工作地點：{vacancy.address}。",
    ]
    period = assessment.period
    if period is not None:
        basis = "雇主聘僱外國人許可及管理辦法第17條第1項" + ("但書" if period.newspaper else "")
        newspaper = (f"並於{recruitment.newspaper_name or '指定之國內新聞紙'}連續刊登二日，" if period.newspaper else "")
        items.append(
            f"求才廣告於全國性就業資訊網登載，{newspaper}招募期間自{roc_calendar.format_long(period.first_day)}"
            f"至{roc_calendar.format_long(period.last_day)}（{basis}）。"
        )
    items.append(
        f"本處推介本國求職人{len(assessment.rows)}人，錄用{assessment.hired}人，不予錄用{assessment.refused}人。"
    )
    return items


def recruitment_certificate(*, case, recruitment, assessment, actor):
    """求才證明書: the shortfall of local hires the employer may apply to fill with
    foreign workers (就業服務法第47條第1項)."""
    items = _period_items(recruitment, assessment)
    lawful = [row for row in assessment.rows if row.outcome is not None and row.outcome.decision == "REFUSED"]
    if lawful:
        items.append("不予錄用者經本處認定均有正當理由（就業服務法第47條第2項）："
                     + "；".join(f"推介編號{row.referral.pk}：{REFUSAL_REASONS[row.outcome.reason].label_zh}"
                                for row in lawful) + "。")
    items.append(
        f"經國內招募，本國勞工不足額{assessment.shortfall}人。貴單位得檢具本證明書，就該不足人數向勞動部申請"
        "聘僱外國人（就業服務法第47條第1項）。"
    )
    return document_services.document_issue(
        case=case, kind=DocumentKind.CERTIFICATE, title="求才證明書", template_name="documents/generic.html",
        context={
            "recipient": _employer_line(recruitment.employer),
            "subject": f"茲證明貴單位已依規定辦理國內招募，招募本國勞工不足額{assessment.shortfall}人。",
            "blocks": [{"heading": "說明", "items": items}],
        },
        actor=actor, visible_to_parties=True,
    )


def recruitment_refusal(*, case, recruitment, assessment, actor):
    """不予開具求才證明書: the decision with its reasons, the refusals judged without a
    proper reason (就業服務法第47條第2項, 第54條第1項第2款) and the appeal."""
    items = _period_items(recruitment, assessment)
    unlawful = [row for row in assessment.rows if row.outcome is not None and row.outcome.judgement == "UNLAWFUL"]
    for row in unlawful:
        reason = REFUSAL_REASONS[row.outcome.reason].label_zh
        note = f"（{row.outcome.judgement_note}）" if row.outcome.judgement_note else ""
        items.append(f"推介編號{row.referral.pk}之求職人，貴單位以「{reason}」不予錄用，經本處認定無正當理由{note}。")
    items.append(f"本處審核理由：{recruitment.refusal_reasons}")
    items.append("依就業服務法第47條第2項，雇主國內招募時對公立就業服務機構推介之求職人，非有正當理由不得拒絕；"
                 "無正當理由拒絕者，依同法第54條第1項第2款不予核發招募許可。")
    return document_services.document_issue(
        case=case, kind=DocumentKind.DECISION, title="不予開具求才證明書處分書", template_name="documents/generic.html",
        context={
            "recipient": _employer_line(recruitment.employer),
            "subject": "貴單位申請開具求才證明書，本處不予開具，理由如說明。",
            "blocks": [{"heading": "說明", "items": items}, {"heading": "救濟", "items": [APPEAL]}],
        },
        actor=actor, visible_to_parties=True,
    )


def separation_certificate(*, case, request, actor):
    """離職證明書（協助開立）: the local authority's separation certificate (就業保險法第25條
    第3項), when the employer did not issue one (勞動基準法第19條): the employment, the
    separation and its ground, how the department verified it, the contacts made."""
    contacts = list(request.contacts.order_by("contacted_on", "pk"))
    worker = request.worker
    items = [
        f"勞工{worker.name}（證號 {worker.id_number}）受僱於{_employer_line(request.employer)}"
        + (f"，擔任{request.job_title}" if request.job_title else "")
        + f"，自{roc_calendar.format_long(request.employed_from)}起至{roc_calendar.format_long(request.separated_on)}止。",
        f"離職原因（依勞工書面釋明）：{request.get_ground_display().split(' ')[0]}。{request.ground_detail}",
        "依勞動基準法第19條，勞動契約終止時，勞工請求發給服務證明書，雇主或其代理人不得拒絕。勞工向雇主請求開立"
        "離職證明未果，本處受理協助："
        + "；".join(f"{roc_calendar.format_short(c.contacted_on)}{c.get_method_display().split(' ')[0]}聯繫，"
                   f"{c.get_result_display().split(' ')[0]}" for c in contacts) + "。",
        f"查證依據：{request.get_verification_display().split(' ')[0]}。{request.verification_note}",
        "依就業保險法第25條第3項，離職證明文件指由投保單位或直轄市、縣（市）主管機關發給之證明；本證明由本府勞動局"
        "（就業服務處）發給，載明申請人姓名、投保單位名稱及離職原因（同條第4項），供辦理求職登記、失業認定及申請失業"
        "給付之用。",
    ]
    if request.involuntary:
        items.append("依勞工所述，離職原因屬就業保險法第11條第3項所定非自願離職之情形；是否符合失業給付請領要件，"
                     "由勞動部勞工保險局依法審核。")
    return document_services.document_issue(
        case=case, kind=DocumentKind.CERTIFICATE, title="離職證明書（協助開立）", template_name="documents/generic.html",
        context={
            "recipient": worker.name,
            "subject": f"茲證明勞工離職事實如說明（{roc_calendar.format_long(timezone.localdate())}協助開立）。",
            "blocks": [{"heading": "說明", "items": items}],
        },
        actor=actor, person=worker, visible_to_parties=True,
    )


def takeover_certificate(*, case, transfer, actor):
    """接續聘僱證明書: the service certifies the new employer's takeover of the worker; the
    new employer applies to the Ministry for the continued-employment permit."""
    worker = transfer.worker
    label, clause = WORK_CATEGORIES[transfer.work_category]
    items = [
        f"外國人{worker.name}（{worker.get_id_kind_display().split(' ')[0]} {worker.id_number}，國籍 {transfer.nationality}），"
        f"原受聘僱於{_employer_line(transfer.original_employer)}從事{label}（就業服務法{clause}）。",
        f"原雇主轉出函{transfer.permit_reference or ''}於{roc_calendar.format_long(transfer.permit_served_on)}送達，"
        f"外國人於{roc_calendar.format_long(transfer.registered_on)}辦理轉換登記（就業服務法第59條）。",
        f"新雇主{_employer_line(transfer.new_employer)}與外國人於{roc_calendar.format_long(transfer.agreed_on)}合意接續聘僱。"
        "新雇主應於合意之翌日起十五日內，檢具本證明書向勞動部申請接續聘僱許可（外國人受聘僱從事就業服務法第四十六條"
        "第一項第八款至第十一款規定工作之轉換雇主或工作程序準則）。",
    ]
    return document_services.document_issue(
        case=case, kind=DocumentKind.CERTIFICATE, title="接續聘僱證明書", template_name="documents/generic.html",
        context={
            "recipient": _employer_line(transfer.new_employer),
            "subject": "茲證明外國人轉換雇主由貴單位接續聘僱，請依規定申請接續聘僱許可。",
            "blocks": [{"heading": "說明", "items": items}],
        },
        actor=actor, person=worker, visible_to_parties=True,
    )
