"""Writes of the registries sub-app: applications for registration (the case engine does
the review and decision), training-unit audits, monitored major works and their checks,
the yearly compilation of serious accident cases, and the safety e-newsletter."""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import District, Employer, Role, User, UserKind
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.inspection.accidents import selectors as accident_selectors
from laborbureau.inspection.registries import workflows
from laborbureau.inspection.registries.models import (
    EXPIRY_REMINDER_DAYS,
    AuditResult,
    Compilation,
    CompilationEntry,
    Decision,
    IssueStatus,
    MonitoredWork,
    MonitoringCheck,
    NewsletterDelivery,
    NewsletterIssue,
    PersonnelRole,
    Registration,
    RegistryKind,
    Subscriber,
    TrainingUnitAudit,
)
from laborbureau.notify.models import Channel
from laborbureau.notify.services import outbox_write
from laborbureau.rules import osh_registrations as rule
from laborbureau.rules import roc_calendar

DISPATCH_BATCH = 500


def _require_staff(actor: User) -> None:
    if not accident_selectors.is_lio_staff(actor):
        raise Forbidden("只有勞動檢查處人員可以辦理。", "Only the labor inspection office's staff may do this.")


def _text(value: str, name: str, zh: str, en: str, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(f"請填寫{zh}。", f"{en} is required.", field=name)
    if len(value) > limit:
        raise ApplicationError(f"{zh}不可超過{limit}字。", f"{en} is longer than {limit} characters.", field=name)
    return value


def _district(zip3: str, required: bool) -> District | None:
    if not zip3:
        if required:
            raise ApplicationError("請選擇行政區。", "Choose the district.", field="district")
        return None
    district = District.objects.filter(zip3=zip3).first()
    if district is None:
        raise ApplicationError("行政區不正確。", "Unknown district.", field="district")
    return district


# --- applications ----------------------------------------------------------------------


@dataclass
class RegistrationInput:
    kind: str
    name: str
    description: str
    address: str = ""
    district: str = ""  # zip3
    contact_email: str = ""
    personnel_name: str = ""
    personnel_role: str = ""
    personnel_certificate: str = ""
    employer_id: int | None = None  # staff entering a paper application
    files: list[tuple[str, bytes]] = field(default_factory=list)


def _applicant(data: RegistrationInput, actor: User) -> Employer:
    if actor.kind == UserKind.EMPLOYER:
        if actor.employer_id is None:
            raise Forbidden("此帳號未連結事業單位。", "This account is not linked to an employer.")
        return actor.employer
    if actor.kind == UserKind.STAFF:
        _require_staff(actor)
        employer = Employer.objects.filter(pk=data.employer_id).first() if data.employer_id else None
        if employer is None:
            raise ApplicationError("請指定申請之事業單位。", "Name the applying employer.", field="employer_id")
        return employer
    raise Forbidden("請以事業單位帳號申請。", "Apply with an employer account.")


def registration_apply(*, data: RegistrationInput, actor: User, channel: str = "portal") -> Registration:
    """Open an application for a registration (case type OSR) with its record and the
    uploaded documents, all in one transaction. The applicant employer is its party."""
    if data.kind not in RegistryKind.values:
        raise ApplicationError("登錄類別不正確。", "Unknown kind of registration.", field="kind")
    employer = _applicant(data, actor)
    name = _text(data.name, "name", "名稱", "The name", 120)
    description = _text(data.description, "description", "申請內容", "The description", 5000)
    address = _text(data.address, "address", "地址", "The address", 200,
                    required=data.kind != RegistryKind.SAFETY_PERSONNEL)
    district = _district(data.district, required=data.kind != RegistryKind.SAFETY_PERSONNEL)
    email = (data.contact_email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ApplicationError("電子郵件格式不正確。", "Not a valid e-mail address.", field="contact_email") from None
    personnel = {"personnel_name": "", "personnel_role": "", "personnel_certificate": ""}
    if data.kind == RegistryKind.SAFETY_PERSONNEL:
        personnel["personnel_name"] = _text(data.personnel_name, "personnel_name", "人員姓名", "The person's name", 80)
        if data.personnel_role not in PersonnelRole.values:
            raise ApplicationError("請選擇人員類別（職業安全衛生管理辦法第7條）。", "Choose the personnel role.",
                                   field="personnel_role")
        personnel["personnel_role"] = data.personnel_role
        personnel["personnel_certificate"] = _text(data.personnel_certificate, "personnel_certificate",
                                                   "資格證明文號", "The qualification certificate number", 60)
    if not data.files:
        raise ApplicationError("請上傳申請文件（PDF、JPEG 或 PNG）。", "Attach the application documents.", field="files")
    label = RegistryKind(data.kind).label.split(" ")[0]
    with transaction.atomic():
        case = case_services.case_open(
            case_type=workflows.CASE_TYPE, title=f"{label}申請：{name}", actor=actor,
            parties=[case_services.PartyLink("APPLICANT", employer=employer)], channel=channel,
        )
        registration = Registration.objects.create(
            case=case, kind=data.kind, employer=employer, name=name, address=address, district=district,
            description=description, contact_email=email, **personnel,
        )
        for filename, content in data.files:
            case_services.attachment_add(case=case, actor=actor, name=filename, content=content)
    return registration


# --- expiry reminders -------------------------------------------------------------------


def expiry_reminder_due(valid_until: date, today: date) -> int | None:
    """The reminder stage due on `today` for a registration valid until `valid_until`: the
    shortest lead time (EXPIRY_REMINDER_DAYS) the last day falls within, or None. A sweep
    that missed the 60-day stage and runs 25 days before sends only the 30-day one."""
    left = (valid_until - today).days
    if left < 0:
        return None
    within = [days for days in EXPIRY_REMINDER_DAYS if left <= days]
    return min(within) if within else None


def _tell_registrant(registration: Registration, *, subject_zh: str, subject_en: str, body_zh: str,
                     body_en: str) -> None:
    """The employer's portal accounts (in-app and e-mail), and the application's contact
    address if no account has it; with neither, the employer's own address."""
    case = registration.case
    link = f"/portal/cases/{case.number}/"
    accounts = list(User.objects.filter(kind=UserKind.EMPLOYER, employer_id=registration.employer_id, is_active=True))
    for account in accounts:
        outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                     body_en=body_en, link=link, case_id=case.pk)
    known = {account.email.lower() for account in accounts if account.email}
    address = registration.contact_email or ("" if accounts else registration.employer.email)
    if address and address.lower() not in known:
        outbox_write(email=address, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh, body_en=body_en,
                     link=link, case_id=case.pk, channels=(Channel.EMAIL,))


def registration_expiry_remind(today: date | None = None) -> int:
    """The daily sweep (registered hourly in RegistriesConfig.ready; harmless to run often):
    tell the registrant of each registration in force that expires within a lead time of
    EXPIRY_REMINDER_DAYS (our service choice, not statutory), once per stage, and note it
    on the case's timeline. A registration without an expiry (valid_until None), revoked,
    or awaiting its revocation's sign-off gets nothing (the last one is reminded later if
    the revocation is returned). Nothing is marked expired: expiry is what the validity
    rule computes. Returns the reminders sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=EXPIRY_REMINDER_DAYS[0])
    candidates = (Registration.objects.filter(decision=Decision.APPROVED, revoked_on__isnull=True,
                                              case__status="APPROVED", valid_until__gte=today,
                                              valid_until__lte=horizon)
                  .values_list("pk", "valid_until", "expiry_reminder_days"))
    sent = 0
    for pk, valid_until, last in list(candidates):
        stage = expiry_reminder_due(valid_until, today)
        if stage is None or (last is not None and last <= stage):
            continue
        with transaction.atomic():
            # The case row first (the order case_transition locks in), for the timeline.
            case = Case.objects.select_for_update(of=("self",)).get(pk=pk)
            registration = Registration.objects.select_related("employer").get(pk=pk)
            if case.status != "APPROVED" or not rule.is_valid_on(registration.kind, registration.valid_from, today,
                                                                 registration.revoked_on):
                continue
            # Conditional: a concurrent sweep that sent this stage (or a shorter one) wins.
            claimed = (Registration.objects.filter(pk=pk)
                       .filter(Q(expiry_reminder_days__isnull=True) | Q(expiry_reminder_days__gt=stage))
                       .update(expiry_reminder_days=stage, expiry_reminded_at=timezone.now()))
            if not claimed:
                continue
            registration.case = case
            _remind(registration, today)
            sent += 1
    return sent


def _remind(registration: Registration, today: date) -> None:
    case, until = registration.case, registration.valid_until
    label_zh, label_en = registration.get_kind_display().split(" ", 1)
    left = (until - today).days
    day_zh = roc_calendar.format_long(until)
    _tell_registrant(
        registration,
        subject_zh=f"提醒：{label_zh}「{registration.name}」登錄效期將於{day_zh}屆滿",
        subject_en=f"Reminder: your registration ({label_en}) \"{registration.name}\" expires on {until.isoformat()}",
        body_zh=(f"案號{case.number}之登錄有效期間至{day_zh}止（尚餘{left}日），屆滿後即失其效力。"
                 "如需繼續，請於屆滿前重新提出申請；已重新申請者請忽略本通知。"),
        body_en=(f"Registration {case.number} is valid until {until.isoformat()} ({left} days left) and lapses "
                 "after that day. To continue, apply again before then; ignore this notice if you have."),
    )
    case_services.timeline_append(
        case=case, actor=None, kind=TimelineEntry.Kind.NOTE, visible_to_parties=True,
        text=f"已寄送登錄效期屆滿提醒（有效期限{day_zh}，尚餘{left}日）。",
    )


# --- training-unit audits ----------------------------------------------------------------


def audit_schedule(*, registration: Registration, scheduled_on: date, inspector: User, actor: User) -> TrainingUnitAudit:
    """Schedule an audit of a registered training unit (職業安全衛生教育訓練規則第27條)."""
    _require_staff(actor)
    if registration.kind != RegistryKind.TRAINING_UNIT:
        raise ApplicationError("只有訓練單位需排定查核。", "Only training units are audited.", field="registration")
    if not registration.in_force:
        raise ApplicationError("此訓練單位目前未在登錄有效期間內。", "The training unit is not registered now.",
                               field="registration")
    if not accident_selectors.is_lio_staff(inspector) or inspector.role not in (Role.INSPECTOR, Role.SECTION_CHIEF):
        raise ApplicationError("請指派勞動檢查處之檢查員。", "Assign an inspector of the office.", field="inspector")
    if scheduled_on < timezone.localdate():
        raise ApplicationError("查核日期不可早於今天。", "The audit date cannot be in the past.", field="scheduled_on")
    with transaction.atomic():
        audit = TrainingUnitAudit.objects.create(registration=registration, scheduled_on=scheduled_on,
                                                 inspector=inspector, created_by=actor)
        case_services.case_note_add(case=registration.case, actor=actor, text=f"排定查核：{roc_calendar.format_long(scheduled_on)}")
    return audit


def audit_record(*, audit: TrainingUnitAudit, conducted_on: date, findings: str, result: str,
                 corrective_due: date | None, actor: User) -> TrainingUnitAudit:
    """Record an audit's findings and result. A REVOKE result proposes the revocation of
    the registration (the chief signs it off on the case)."""
    _require_staff(actor)
    if audit.result:
        raise ApplicationError("此查核已登錄結果。", "This audit's result is already recorded.", field="result")
    if result not in AuditResult.values:
        raise ApplicationError("查核結果不正確。", "Unknown result.", field="result")
    findings = _text(findings, "findings", "查核發現", "The findings", 5000)
    if conducted_on > timezone.localdate():
        raise ApplicationError("查核日期不可晚於今天。", "The audit date cannot be in the future.", field="conducted_on")
    if result == AuditResult.CORRECTIVE:
        if corrective_due is None or corrective_due <= conducted_on:
            raise ApplicationError("限期改善須訂改善期限（晚於查核日）。", "A corrective result needs a later due date.",
                                   field="corrective_due")
    else:
        corrective_due = None
    with transaction.atomic():
        audit = TrainingUnitAudit.objects.select_for_update().get(pk=audit.pk)
        if audit.result:
            raise ApplicationError("此查核已登錄結果。", "This audit's result is already recorded.", field="result")
        audit.conducted_on, audit.findings, audit.result, audit.corrective_due = (conducted_on, findings, result,
                                                                                 corrective_due)
        audit.save(update_fields=["conducted_on", "findings", "result", "corrective_due"])
        case = audit.registration.case
        case_services.case_note_add(case=case, actor=actor, text=f"查核結果：{AuditResult(result).label}；{findings[:200]}")
        if result == AuditResult.REVOKE:
            case_services.case_transition(case=case, name="propose_revocation", actor=actor,
                                          data={"reason": f"{roc_calendar.format_long(conducted_on)}查核：{findings}"})
    return audit


# --- major works under video monitoring ----------------------------------------------------


def monitored_work_create(*, employer: Employer, site_name: str, address: str, district: str, stream_url: str,
                          starts_on: date, ends_on: date | None, contract_amount: int | None,
                          actor: User) -> MonitoredWork:
    """Record a major work under video monitoring and its stream's reference (text)."""
    _require_staff(actor)
    site_name = _text(site_name, "site_name", "工程名稱", "The site name", 120)
    address = _text(address, "address", "工地地址", "The address", 200)
    district_row = _district(district, required=True)
    stream_url = (stream_url or "").strip()
    try:
        URLValidator(schemes=["http", "https", "rtsp"])(stream_url)
    except ValidationError:
        raise ApplicationError("影像串流網址格式不正確。", "Not a valid stream URL.", field="stream_url") from None
    if len(stream_url) > 300:
        raise ApplicationError("網址過長。", "The URL is too long.", field="stream_url")
    if ends_on is not None and ends_on < starts_on:
        raise ApplicationError("完工日期不可早於開工日期。", "The end date is before the start.", field="ends_on")
    if contract_amount is not None and contract_amount < 0:
        raise ApplicationError("金額不可為負。", "The amount cannot be negative.", field="contract_amount")
    return MonitoredWork.objects.create(employer=employer, site_name=site_name, address=address, district=district_row,
                                        stream_url=stream_url, starts_on=starts_on, ends_on=ends_on,
                                        contract_amount=contract_amount, created_by=actor)


def monitoring_check_record(*, work: MonitoredWork, stream_available: bool, hazard_found: bool, observations: str,
                            follow_up: str, actor: User, checked_at: datetime | None = None) -> MonitoringCheck:
    """Record an officer's check of a monitored site through its stream."""
    _require_staff(actor)
    observations = _text(observations, "observations", "觀察情形", "The observations", 3000)
    follow_up = _text(follow_up, "follow_up", "後續處置", "The follow-up", 1000, required=hazard_found)
    return MonitoringCheck.objects.create(work=work, checked_at=checked_at or timezone.now(), officer=actor,
                                          stream_available=stream_available, hazard_found=hazard_found,
                                          observations=observations, follow_up=follow_up)


# --- the yearly compilation -----------------------------------------------------------------


def compilation_entry_save(*, year: int, case_number: str, summary: str, causes: str, prevention: str,
                           actor: User) -> CompilationEntry:
    """Write (or rewrite) the editorial entry of one closed serious accident of `year`.
    The figures are copied from the accidents app; the text must not name anyone."""
    _require_staff(actor)
    source = next((row for row in accident_selectors.closed_serious_cases(year) if row["case_number"] == case_number),
                  None)
    if source is None:
        raise ApplicationError("此案非該年度已結案之重大職災。", "Not a closed serious accident of that year.",
                               field="case_number")
    values = {
        "summary": _text(summary, "summary", "災害概要", "The summary", 3000),
        "causes": _text(causes, "causes", "災害原因", "The causes", 3000),
        "prevention": _text(prevention, "prevention", "預防對策", "The prevention measures", 3000),
        "month": source["month"], "district_name": source["district_name"],
        "industry_section": source["industry_section"], "accident_type": source["accident_type"],
        "severity": source["severity"], "deaths": source["deaths"], "injured": source["injured"],
        "written_by": actor,
    }
    entry, _ = CompilationEntry.objects.update_or_create(year=year, case_number=case_number, defaults=values)
    return entry


def compilation_generate(*, year: int, actor: User) -> Compilation:
    """Generate the year's compilation PDF (職業災害案實錄彙編) from its editorial entries."""
    from laborbureau.inspection.accidents.models import AccidentType, Severity

    _require_staff(actor)
    entries = list(CompilationEntry.objects.filter(year=year).order_by("month", "case_number"))
    if not entries:
        raise ApplicationError("該年度尚無已撰寫之案例。", "No case of that year has been written up.", field="year")
    roc_year = year - 1911
    blocks = [{"heading": "編輯說明", "items": [
        f"本彙編收錄民國{roc_year}年發生、經本處檢查並已結案之死亡及重大職業災害（職業安全衛生法第37條第2項）"
        f"共{len(entries)}案，說明災害概要、原因及預防對策，供事業單位借鏡。",
        "為保護當事人，案例不載姓名、事業單位名稱及地址（個人資料保護法第5條）。"]}]
    for number, entry in enumerate(entries, 1):
        kind = AccidentType(entry.accident_type).label.split(" ")[0] if entry.accident_type in AccidentType.values \
            else entry.accident_type
        severity = Severity(entry.severity).label.split(" ")[0] if entry.severity in Severity.values else entry.severity
        blocks.append({
            "heading": f"案例{number}　{entry.month.year - 1911}年{entry.month.month}月　{entry.district_name}　{kind}",
            "items": [f"災害程度：{severity}；死亡{entry.deaths}人，受傷{entry.injured}人。",
                      f"災害概要：{entry.summary}", f"災害原因：{entry.causes}", f"預防對策：{entry.prevention}"],
        })
    with transaction.atomic():
        document = document_services.document_issue(
            kind=DocumentKind.RECORD, title=f"{roc_year}年職業災害案實錄彙編", template_name="documents/generic.html",
            context={"recipient": "", "subject": f"臺北市民國{roc_year}年職業災害案實錄彙編", "blocks": blocks},
            actor=actor, visible_to_parties=True,
        )
        return Compilation.objects.create(year=year, document_code=document.code, entries=len(entries),
                                          generated_by=actor)


# --- the safety e-newsletter ----------------------------------------------------------------


def _base() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")


def _token() -> str:
    return secrets.token_urlsafe(32)


def subscription_request(*, email: str) -> Subscriber | None:
    """Ask to subscribe `email`: e-mail it a confirmation link (double opt-in). An active
    subscriber is left as is (and nothing tells the caller so: the answer is the same)."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError("電子郵件格式不正確。", "Not a valid e-mail address.", field="email") from None
    if len(email) > 254:
        raise ApplicationError("電子郵件過長。", "The e-mail address is too long.", field="email")
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.confirmed_at and not subscriber.unsubscribed_at:
            return None
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, confirm_token=_token(),
                                                           unsubscribe_token=_token())
            except IntegrityError:  # a concurrent request created it
                return None
        else:
            subscriber.confirm_token, subscriber.unsubscribe_token = _token(), _token()
            subscriber.confirmed_at = subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["confirm_token", "unsubscribe_token", "confirmed_at", "unsubscribed_at"])
        outbox_write(
            email=email, channels=(Channel.EMAIL,),
            subject_zh="請確認訂閱臺北市勞動檢查處安全衛生電子報", subject_en="Confirm your safety e-newsletter subscription",
            body_zh="請點選下列連結確認訂閱；若非您本人申請，請忽略本信。",
            body_en="Open the link to confirm; ignore this message if you did not ask.",
            link=f"{_base()}/portal/osh-newsletter/confirm/{subscriber.confirm_token}/",
        )
    return subscriber


def subscription_confirm(*, token: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(confirm_token=token[:64]).first() if token else None
    if subscriber is None or subscriber.unsubscribed_at:
        raise NotFound("確認連結無效或已失效。", "The confirmation link is not valid.")
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
        subscriber.refresh_from_db()
    return subscriber


def subscription_unsubscribe(*, token: str) -> Subscriber:
    """One-click unsubscribe (RFC 8058 style: the token alone suffices)."""
    subscriber = Subscriber.objects.filter(unsubscribe_token=token[:64]).first() if token else None
    if subscriber is None:
        raise NotFound("取消訂閱連結無效。", "The unsubscribe link is not valid.")
    if subscriber.unsubscribed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())
        subscriber.refresh_from_db()
    return subscriber


def _clean_items(items: list[dict]) -> list[dict]:
    if not items:
        raise ApplicationError("請至少填寫一則內容。", "Add at least one item.", field="items")
    if len(items) > 30:
        raise ApplicationError("每期最多30則。", "At most 30 items an issue.", field="items")
    clean = []
    for index, item in enumerate(items):
        title = _text(item.get("title", ""), f"items.{index}.title", "標題", "The title", 120)
        body = _text(item.get("body", ""), f"items.{index}.body", "內容", "The text", 3000)
        link = (item.get("link") or "").strip()
        if link:
            try:
                URLValidator(schemes=["http", "https"])(link)
            except ValidationError:
                raise ApplicationError("連結格式不正確。", "Not a valid link.", field=f"items.{index}.link") from None
        clean.append({"title": title, "body": body, "link": link[:300]})
    return clean


def newsletter_issue_save(*, month: date, title: str, items: list[dict], actor: User,
                          issue: NewsletterIssue | None = None) -> NewsletterIssue:
    """Create or edit a monthly issue (a draft only)."""
    _require_staff(actor)
    title = _text(title, "title", "期刊標題", "The title", 120)
    clean = _clean_items(items)
    month = month.replace(day=1)
    with transaction.atomic():
        if issue is None:
            if NewsletterIssue.objects.filter(month=month).exists():
                raise ApplicationError("該月份已有一期電子報。", "That month already has an issue.", field="month")
            return NewsletterIssue.objects.create(month=month, title=title, items=clean, created_by=actor)
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != IssueStatus.DRAFT:
            raise ApplicationError("已寄送之電子報不可修改。", "A sent issue cannot be edited.", field="title")
        if NewsletterIssue.objects.filter(month=month).exclude(pk=issue.pk).exists():
            raise ApplicationError("該月份已有一期電子報。", "That month already has an issue.", field="month")
        issue.month, issue.title, issue.items = month, title, clean
        issue.save(update_fields=["month", "title", "items"])
        return issue


def newsletter_issue_send(*, issue: NewsletterIssue, actor: User) -> NewsletterIssue:
    """Ask the worker to send the issue to the confirmed subscribers. Asking again is
    harmless: each subscriber receives an issue once (NewsletterDelivery)."""
    _require_staff(actor)
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == IssueStatus.DRAFT:
            issue.status = IssueStatus.SENDING
            issue.send_requested_at = timezone.now()
            issue.save(update_fields=["status", "send_requested_at"])
    return issue


def _issue_body(issue: NewsletterIssue) -> str:
    return "\n\n".join(f"■ {item['title']}\n{item['body']}" + (f"\n{item['link']}" if item.get("link") else "")
                       for item in issue.items)


def newsletter_dispatch(batch: int = DISPATCH_BATCH) -> int:
    """The worker's sweep: for each issue being sent, queue an e-mail to each confirmed,
    still subscribed address that has not had it; mark the issue SENT when none is left.
    The issue row is locked while a batch is queued, and the unique (issue, subscriber)
    pair keeps a re-run from queuing a second copy. Returns the e-mails queued."""
    queued = 0
    for issue_id in NewsletterIssue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True):
        with transaction.atomic():
            issue = NewsletterIssue.objects.select_for_update(skip_locked=True).filter(
                pk=issue_id, status=IssueStatus.SENDING).first()
            if issue is None:
                continue
            pending = list(
                Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True,
                                          confirmed_at__lte=issue.send_requested_at)
                .exclude(pk__in=NewsletterDelivery.objects.filter(issue=issue).values("subscriber_id"))
                .order_by("pk")[:batch]
            )
            body = _issue_body(issue)
            for subscriber in pending:
                rows = outbox_write(
                    email=subscriber.email, channels=(Channel.EMAIL,), subject_zh=issue.title[:200],
                    subject_en="Taipei labor inspection office safety e-newsletter",
                    body_zh=body + f"\n\n取消訂閱：{_base()}/portal/osh-newsletter/unsubscribe/{subscriber.unsubscribe_token}/",
                    link=f"{_base()}/portal/osh-newsletter/issues/{issue.pk}/",
                )
                NewsletterDelivery.objects.create(issue=issue, subscriber=subscriber, outbox=rows[0])
            queued += len(pending)
            if len(pending) < batch:
                issue.status = IssueStatus.SENT
                issue.sent_at = timezone.now()
                issue.save(update_fields=["status", "sent_at"])
    return queued


def registration_case(number: str) -> Case:
    case = Case.objects.filter(number=number[:20], case_type=workflows.CASE_TYPE).first()
    if case is None:
        raise NotFound("找不到此案件。", "No such case.")
    return case
