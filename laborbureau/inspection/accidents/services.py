"""Writes of the accidents sub-app: the accident report and its alert chain, completing
the injured's data later, the duty roster, the sweep that tells the chief about alerts
that could not be delivered, and occupational disease determinations.

Public entry points (other programs call these, never the models):

    accident_report(*, data: AccidentInput, actor) -> Accident
    accident_update(*, accident, actor, deaths=None, injured=None, hospitalised=None, victims=None) -> Accident
    accident_link_inspection(*, accident, actor, inspection_number) -> Accident   # the inspections hook
    shift_add(*, actor, user, role, starts_at, ends_at, phone="") -> DutyShift
    disease_apply(*, data: DiseaseInput, actor) -> DiseaseDetermination

The report is written with its alerts' outbox rows in one transaction (the outbox
pattern): the worker delivers them after the commit, and if it dies first the rows
wait, PENDING, for the next worker or the scheduler's sweep. Nothing is sent from the
request itself, so a slow mail server never slows or loses a report.
"""

import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Channel, PartyRole
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import District, Employer, IndustryClass, User, UserKind
from laborbureau.inspection.accidents import geo, selectors
from laborbureau.inspection.accidents.models import (
    Accident,
    AccidentAlert,
    AccidentType,
    AlertKind,
    DiseaseDetermination,
    DutyRole,
    DutyShift,
    Outcome,
    ReportChannel,
    Severity,
    Victim,
)
from laborbureau.inspection.accidents.workflows import (
    ACCIDENT_CASE_TYPE,
    DISEASE_CASE_TYPE,
    LIO_STAFF,
    OFFICERS,
    UNIT,
)
from laborbureau.notify.models import Channel as NotifyChannel
from laborbureau.notify.models import OutboxMessage
from laborbureau.notify.services import outbox_write
from laborbureau.rules import occupational_accidents as oa
from laborbureau.rules.base import RuleError

log = logging.getLogger(__name__)

PHOTO_MAX_BYTES = 8 * 1024 * 1024
MAX_PHOTOS = 6
MAX_VICTIMS = 50
MAX_COUNT = 500
CLOCK_SKEW = timedelta(minutes=10)  # a phone's clock may run a little ahead
MAX_SHIFT = timedelta(days=7)


@dataclass(frozen=True)
class VictimInput:
    name: str = ""
    age: int | None = None
    outcome: str = Outcome.UNKNOWN
    injury: str = ""


@dataclass(frozen=True)
class AccidentInput:
    occurred_at: datetime
    accident_type: str
    description: str
    deaths: int = 0
    injured: int = 0
    hospitalised: int = 0
    designated: bool = False
    known_at: datetime | None = None
    # Where: a map point, or an address and its district (zip3 or MOI code).
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    district: str = ""
    establishment_name: str = ""
    industry_code: str = ""
    victims: list[VictimInput] = field(default_factory=list)
    photos: list[tuple[str, bytes]] = field(default_factory=list)
    # A phone report recorded by an officer: the employer, who called and when.
    employer: core_services.EmployerInput | None = None
    employer_id: int | None = None
    reporter_name: str = ""
    reporter_phone: str = ""
    reported_at: datetime | None = None
    channel: str = ReportChannel.PORTAL


# --- checks ------------------------------------------------------------------------------


def _text(value: str, name: str, label_zh: str, label_en: str, *, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(f"請填寫{label_zh}。", f"{label_en} is required.", field=name)
    if len(value) > limit:
        raise ApplicationError(f"{label_zh}請在{limit}字以內。", f"Keep {label_en} within {limit} characters.",
                               field=name)
    return value


def _count(value, name: str, label_zh: str, label_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise ApplicationError(f"{label_zh}應為0至{MAX_COUNT}的整數。", f"{label_en} must be a whole number 0–{MAX_COUNT}.",
                               field=name)
    return value


def _aware(value: datetime, name: str, label_zh: str, label_en: str) -> datetime:
    if not isinstance(value, datetime):
        raise ApplicationError(f"請填寫{label_zh}。", f"{label_en} is required.", field=name)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)  # typed on a form: Asia/Taipei
    return value


def photo_check(name: str, content: bytes) -> str:
    """The photo's format (JPEG or PNG) if it is a readable image within the limit;
    otherwise a field-level error on "photos"."""
    label = (name or "photo")[:80]
    if not content:
        raise ApplicationError(f"照片「{label}」是空的檔案。", f"The photo {label!r} is empty.", field="photos")
    if len(content) > PHOTO_MAX_BYTES:
        limit = PHOTO_MAX_BYTES // (1024 * 1024)
        raise ApplicationError(f"照片「{label}」超過 {limit} MB 上限。", f"The photo {label!r} exceeds {limit} MB.",
                               field="photos")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    if kind not in ("JPEG", "PNG"):
        raise ApplicationError(f"「{label}」不是 JPEG 或 PNG 圖片。", f"{label!r} is not a JPEG or PNG image.",
                               field="photos")
    return kind


def _place(data: AccidentInput) -> tuple[District, float, float, bool, str]:
    """(district, lon, lat, approximate, address) from a map point or an address."""
    address = _text(data.address, "address", "地址", "The address", limit=200, required=False)
    if data.lat is not None or data.lon is not None:
        if data.lat is None or data.lon is None:
            raise ApplicationError("地圖位置需同時有經度與緯度。", "A map point needs both latitude and longitude.",
                                   field="lat" if data.lat is None else "lon")
        try:
            lat, lon = float(data.lat), float(data.lon)
        except (TypeError, ValueError):
            raise ApplicationError("經緯度格式不正確。", "Latitude and longitude must be numbers.", field="lat") from None
        found = geo.district_at(lon, lat)
        if found is None:
            raise ApplicationError("地圖位置不在臺北市轄區內。", "The map point is not inside Taipei City.", field="lat")
        district = District.objects.get(zip3=found.zip3)
        if data.district and data.district not in (district.zip3, district.code):
            raise ApplicationError(f"地圖位置位於{district.name_zh}，與所填行政區不符。",
                                   f"The map point lies in {district.name_en}, not the district given.",
                                   field="district")
        return district, lon, lat, False, address
    if not data.district:
        raise ApplicationError("請在地圖上標示地點，或填寫地址及行政區。", "Give a map point, or an address and its district.",
                               field="district")
    district = District.objects.filter(zip3=data.district).first() or District.objects.filter(code=data.district).first()
    if district is None:
        raise ApplicationError("行政區不在臺北市12區之內。", "Unknown Taipei district.", field="district")
    if not address:
        raise ApplicationError("未標示地圖位置時，請填寫地址。", "Without a map point, give the address.", field="address")
    centre = geo.district_by_zip(district.zip3)
    return district, centre.centroid[0], centre.centroid[1], True, address


def _reporting_employer(data: AccidentInput, actor: User) -> Employer:
    if actor.kind == UserKind.EMPLOYER:
        if actor.employer_id is None:
            raise Forbidden("此帳號未連結事業單位。", "This account is not linked to an employer.")
        if data.employer is not None or data.employer_id:
            raise Forbidden("事業單位僅能通報本身之職業災害。", "An employer reports only its own accidents.")
        employer = actor.employer
    elif actor.kind == UserKind.STAFF:
        if not selectors.is_lio_staff(actor):
            raise Forbidden("您的角色不可登錄職業災害通報。", "Your role may not record accident reports.")
        if data.employer_id:
            employer = Employer.objects.filter(pk=data.employer_id).first()
            if employer is None:
                raise ApplicationError("找不到此事業單位。", "No such employer.", field="employer_id")
        elif data.employer is not None:
            try:
                employer, _ = core_services.employer_register(data=data.employer, actor=actor)
            except ApplicationError as error:
                error.field = f"employer.{error.field}" if error.field else "employer"
                raise
        else:
            raise ApplicationError("請填寫事業單位。", "Give the employer.", field="employer")
    else:
        raise Forbidden("職業災害由事業單位通報。", "Accidents are reported by employers.")
    return employer.merged_into if employer.merged_into_id else employer


def _industry(code: str, employer: Employer, establishment) -> IndustryClass | None:
    if code:
        industry = IndustryClass.objects.filter(pk=code.strip().upper()).first()
        if industry is None:
            raise ApplicationError("行業代碼不在行業統計分類之內。", "Unknown industry code.", field="industry_code")
        return industry
    return (establishment.industry if establishment is not None else None) or employer.industry


def _section(industry: IndustryClass | None) -> str:
    if industry is None:
        return ""
    return industry.code if industry.level == "section" else (industry.parent_id or "")[:1]


def severity_of(deaths: int, injured: int, hospitalised: int) -> str:
    if deaths:
        return Severity.FATAL
    if hospitalised:
        return Severity.HOSPITALISED
    if injured:
        return Severity.INJURED
    return Severity.UNKNOWN


def _victims(victims: list[VictimInput]) -> list[VictimInput]:
    if len(victims) > MAX_VICTIMS:
        raise ApplicationError(f"罹災者最多{MAX_VICTIMS}人。", f"At most {MAX_VICTIMS} injured.", field="victims")
    cleaned = []
    for victim in victims:
        if victim.outcome not in Outcome.values:
            raise ApplicationError("罹災情形的選項不正確。", "Not one of the outcomes.", field="victims")
        if victim.age is not None and (isinstance(victim.age, bool) or not 14 <= victim.age <= 100):
            raise ApplicationError("罹災者年齡應在14至100歲之間。", "The age must be 14 to 100.", field="victims")
        cleaned.append(VictimInput(
            name=_text(victim.name, "victims", "罹災者姓名", "The name", limit=80, required=False),
            age=victim.age, outcome=victim.outcome,
            injury=_text(victim.injury, "victims", "傷害情形", "The injury", limit=200, required=False),
        ))
    return cleaned


def _assess(*, occurred_at: datetime, known_at: datetime, reported_at: datetime, deaths: int, injured: int,
            hospitalised: int, designated: bool):
    try:
        result = oa.assess(on=timezone.localtime(occurred_at).date(), deaths=deaths, disabled=injured,
                           hospitalised=hospitalised, designated=designated)
        timing = oa.lateness(known_at=known_at, reported_at=reported_at) if result.reportable else None
    except RuleError as error:
        raise ApplicationError(error.message_zh, error.message_en, field=error.field) from None
    return result, timing


# --- the report -----------------------------------------------------------------------


def accident_report(*, data: AccidentInput, actor: User) -> Accident:
    """Record an accident report (職業災害通報) and, if 職業安全衛生法第37條第2項 makes it
    reportable, queue the alerts to everyone on duty at the report time.

    Creates: the case (type OAC, the employer its party), the Accident, its Victims,
    the photos as case attachments, the outbox rows of the alerts and their
    AccidentAlert links — all in one transaction. A report without the injured's names
    is accepted (victims_pending) and completed later with accident_update."""
    now = timezone.now()
    employer = _reporting_employer(data, actor)
    if data.accident_type not in AccidentType.values:
        raise ApplicationError("災害類型的選項不正確。", "Not one of the accident types.", field="accident_type")
    description = _text(data.description, "description", "災害經過", "What happened", limit=5000)
    deaths = _count(data.deaths, "deaths", "死亡人數", "The number of deaths")
    injured = _count(data.injured, "injured", "受傷人數", "The number injured")
    hospitalised = _count(data.hospitalised, "hospitalised", "住院人數", "The number hospitalised")
    injured = max(injured, hospitalised)  # a hospitalised worker is one of the injured
    occurred_at = _aware(data.occurred_at, "occurred_at", "發生時間", "The time it happened")
    known_at = _aware(data.known_at, "known_at", "知悉時間", "The time it became known") if data.known_at else occurred_at
    staff_report = actor.kind == UserKind.STAFF
    reported_at = now
    if staff_report and data.reported_at is not None:
        reported_at = _aware(data.reported_at, "reported_at", "通報時間", "The time of the report")
        if reported_at > now + CLOCK_SKEW:
            raise ApplicationError("通報時間不可晚於現在。", "The report time cannot be in the future.", field="reported_at")
    if occurred_at > now + CLOCK_SKEW:
        raise ApplicationError("發生時間不可晚於現在。", "The accident cannot be in the future.", field="occurred_at")
    if known_at < occurred_at:
        raise ApplicationError("知悉時間不可早於發生時間。", "It cannot be known before it happened.", field="known_at")
    if known_at > reported_at + CLOCK_SKEW:
        raise ApplicationError("知悉時間不可晚於通報時間。", "It cannot become known after the report.", field="known_at")
    known_at = min(known_at, reported_at)
    result, timing = _assess(occurred_at=occurred_at, known_at=known_at, reported_at=reported_at, deaths=deaths,
                             injured=injured, hospitalised=hospitalised, designated=bool(data.designated))
    district, lon, lat, approximate, address = _place(data)
    victims = _victims(list(data.victims))
    if len(data.photos) > MAX_PHOTOS:
        raise ApplicationError(f"照片最多{MAX_PHOTOS}張。", f"At most {MAX_PHOTOS} photos.", field="photos")
    for name, content in data.photos:
        photo_check(name, content)
    establishment_name = _text(data.establishment_name, "establishment_name", "廠場名稱", "The establishment",
                               limit=120, required=False)
    channel = data.channel if staff_report else (ReportChannel.API if data.channel == ReportChannel.API else
                                                 ReportChannel.PORTAL)
    if channel not in ReportChannel.values:
        raise ApplicationError("通報管道的選項不正確。", "Not one of the channels.", field="channel")
    reporter_name = _text(data.reporter_name, "reporter_name", "通報人", "The caller", limit=80, required=False)
    reporter_phone = _text(data.reporter_phone, "reporter_phone", "通報人電話", "The caller's phone", limit=30,
                           required=False)
    type_label = AccidentType(data.accident_type).label.split(" ")[0]
    local = timezone.localtime(occurred_at)
    with transaction.atomic():
        establishment = None
        if establishment_name:
            establishment = employer.establishments.filter(name=establishment_name).first() or \
                core_services.establishment_add(employer=employer, name=establishment_name, address=address,
                                                district_code=district.code, actor=actor)
        industry = _industry(data.industry_code, employer, establishment)
        case = case_services.case_open(
            case_type=ACCIDENT_CASE_TYPE,
            title=f"{district.name_zh} {type_label}（{Severity(severity_of(deaths, injured, hospitalised)).label.split(' ')[0]}）",
            actor=actor,
            parties=[case_services.PartyLink(role=PartyRole.EMPLOYER, employer=employer)],
            channel={ReportChannel.PORTAL: Channel.PORTAL, ReportChannel.API: Channel.API,
                     ReportChannel.PHONE: Channel.PHONE}[channel],
        )
        cell_x, cell_y = geo.grid_cell(lon, lat)
        accident = Accident.objects.create(
            case=case, employer=employer, establishment=establishment, industry=industry,
            industry_section=_section(industry), channel=channel,
            reporter=actor, reporter_name=reporter_name, reporter_phone=reporter_phone,
            occurred_at=occurred_at, known_at=known_at, reported_at=reported_at,
            address=address, district=district, lon=lon, lat=lat, location_approximate=approximate,
            accident_type=data.accident_type, description=description, deaths=deaths, injured=injured,
            hospitalised=hospitalised, designated=bool(data.designated),
            severity=severity_of(deaths, injured, hospitalised),
            reportable=result.reportable, clauses=list(result.clauses),
            deadline_at=timing.deadline if timing else None, late=bool(timing and timing.late),
            minutes_late=timing.minutes_late if timing else 0,
            victims_pending=not victims or any(not v.name for v in victims),
            month=date(local.year, local.month, 1), cell_x=cell_x, cell_y=cell_y,
        )
        Victim.objects.bulk_create(
            Victim(accident=accident, name=v.name, age=v.age, outcome=v.outcome, injury=v.injury) for v in victims
        )
        for name, content in data.photos:
            case_services.attachment_add(case=case, actor=actor, name=name or "photo", content=content,
                                         visible_to_parties=True)
        if result.reportable:
            report_alert(accident=accident)
    return accident


def _alert_text(accident: Accident) -> tuple[str, str, str, str]:
    severity = Severity(accident.severity).label
    local = timezone.localtime(accident.occurred_at)
    subject_zh = f"【職災通報】{severity.split(' ')[0]} {accident.district.name_zh} {accident.employer.name}"
    subject_en = f"Accident report: {severity.split(' ', 1)[-1]}, {accident.district.name_en}"
    body_zh = (
        f"案號 {accident.case.number}；發生時間 {local:%Y-%m-%d %H:%M}；地點 {accident.district.name_zh}"
        f"{accident.address or '（地圖標示）'}；死亡 {accident.deaths} 人、受傷 {accident.injured} 人、住院 "
        f"{accident.hospitalised} 人。{accident.description[:300]}"
    )
    body_en = (f"Case {accident.case.number}; at {local:%Y-%m-%d %H:%M}; deaths {accident.deaths}, injured "
               f"{accident.injured}, hospitalised {accident.hospitalised}.")
    return subject_zh, subject_en, body_zh, body_en


def _send(accident: Accident, recipient: User, *, duty_role: str, kind: str, phone: str, subject_zh: str,
          subject_en: str, body_zh: str, body_en: str) -> list[AccidentAlert]:
    channels = (NotifyChannel.IN_APP, NotifyChannel.EMAIL, NotifyChannel.SMS)
    rows = outbox_write(recipient=recipient, phone=phone, subject_zh=subject_zh, subject_en=subject_en,
                        body_zh=body_zh, body_en=body_en, link=f"/staff/accidents/{accident.case.number}/",
                        case_id=accident.case_id, channels=channels)
    return AccidentAlert.objects.bulk_create(
        AccidentAlert(accident=accident, outbox=row, recipient=recipient, duty_role=duty_role, kind=kind) for row in rows
    )


def report_alert(*, accident: Accident) -> list[AccidentAlert]:
    """Queue the report's alert to the duty supervisor and the on-call inspectors on duty
    at the report time (in-app, e-mail, SMS where the shift has a number); with no
    supervisor on duty, to the inspection office's chiefs. Inside the caller's
    transaction."""
    texts = _alert_text(accident)
    alerts = []
    recipients = selectors.on_duty(accident.reported_at)
    if not any(shift.role == DutyRole.SUPERVISOR for shift in recipients):
        for chief in selectors.lio_chiefs():
            alerts += _send(accident, chief, duty_role="CHIEF", kind=AlertKind.REPORT, phone="",
                            subject_zh=texts[0], subject_en=texts[1], body_zh=texts[2], body_en=texts[3])
    seen = set()
    for shift in recipients:
        if shift.user_id in seen:
            continue
        seen.add(shift.user_id)
        alerts += _send(accident, shift.user, duty_role=shift.role, kind=AlertKind.REPORT, phone=shift.phone,
                        subject_zh=texts[0], subject_en=texts[1], body_zh=texts[2], body_en=texts[3])
    return alerts


def dispatch_alert(*, accident: Accident, inspector: User, note: str = "") -> list[AccidentAlert]:
    """Tell the dispatched inspector (in-app, e-mail, SMS to the number of their shift)."""
    shift = next((s for s in selectors.on_duty(timezone.now()) if s.user_id == inspector.pk and s.phone), None)
    subject_zh, subject_en, body_zh, body_en = _alert_text(accident)
    return _send(accident, inspector, duty_role="", kind=AlertKind.DISPATCH, phone=shift.phone if shift else "",
                 subject_zh=f"【派員】{subject_zh.removeprefix('【職災通報】')}", subject_en=f"Dispatched: {subject_en}",
                 body_zh=f"{body_zh}{('　' + note) if note else ''}", body_en=body_en)


def accident_update(*, accident: Accident, actor: User, deaths: int | None = None, injured: int | None = None,
                    hospitalised: int | None = None, victims: list[VictimInput] | None = None) -> Accident:
    """Complete or correct the casualties and the injured's data of a report. The
    reporting employer (while the case is open) or inspection staff may do it. If the
    new counts make it reportable, the alert goes out now; the lateness stays the one
    judged on the original report time."""
    if actor.kind == UserKind.EMPLOYER:
        if accident.employer_id != actor.employer_id or accident.case.closed_at is not None:
            raise NotFound("職業災害通報", "accident report")
    elif not (actor.kind == UserKind.STAFF and selectors.is_lio_staff(actor)):
        raise NotFound("職業災害通報", "accident report")
    with transaction.atomic():
        accident = Accident.objects.select_for_update(of=("self",)).select_related("case", "employer", "district").get(
            pk=accident.pk)
        was_reportable = accident.reportable
        if deaths is not None:
            accident.deaths = _count(deaths, "deaths", "死亡人數", "The number of deaths")
        if injured is not None:
            accident.injured = _count(injured, "injured", "受傷人數", "The number injured")
        if hospitalised is not None:
            accident.hospitalised = _count(hospitalised, "hospitalised", "住院人數", "The number hospitalised")
        accident.injured = max(accident.injured, accident.hospitalised)
        if victims is not None:
            cleaned = _victims(victims)
            accident.victims.all().delete()
            Victim.objects.bulk_create(Victim(accident=accident, name=v.name, age=v.age, outcome=v.outcome,
                                              injury=v.injury) for v in cleaned)
            accident.victims_pending = not cleaned or any(not v.name for v in cleaned)
        result, timing = _assess(occurred_at=accident.occurred_at, known_at=accident.known_at,
                                 reported_at=accident.reported_at, deaths=accident.deaths, injured=accident.injured,
                                 hospitalised=accident.hospitalised, designated=accident.designated)
        accident.reportable = result.reportable
        accident.clauses = list(result.clauses)
        accident.severity = severity_of(accident.deaths, accident.injured, accident.hospitalised)
        if timing is not None:
            accident.deadline_at, accident.late, accident.minutes_late = timing.deadline, timing.late, timing.minutes_late
        accident.save()
        case = case_services._lock(accident.case)  # the engine's order: case, then its timeline
        case_services.timeline_append(
            case=case, actor=actor, kind="note", visible_to_parties=True,
            text=f"更新罹災資料：死亡{accident.deaths}人、受傷{accident.injured}人、住院{accident.hospitalised}人"
                 + ("；罹災者資料待補" if accident.victims_pending else ""),
        )
        if result.reportable and not was_reportable:
            report_alert(accident=accident)
    return accident


def accident_link_inspection(*, accident: Accident, actor: User, inspection_number: str) -> Accident:
    """The hook for the inspections sub-app: record the inspection (or stop-work order)
    opened because of this accident, so each page links to the other."""
    if not selectors.is_lio_staff(actor):
        raise NotFound("職業災害通報", "accident report")
    number = _text(inspection_number, "inspection_number", "檢查案號", "The inspection number", limit=40)
    with transaction.atomic():
        case = case_services._lock(accident.case)
        Accident.objects.filter(pk=accident.pk).update(inspection_number=number, updated_at=timezone.now())
        case_services.timeline_append(case=case, actor=actor, kind="note", text=f"關聯檢查案件 {number}",
                                      data={"inspection_number": number})
    accident.refresh_from_db()
    return accident


# --- undelivered alerts -------------------------------------------------------------------


def undelivered_alerts_sweep() -> int:
    """Tell the inspection office's chiefs, once per alert, about an accident alert the
    outbox gave up on (DEAD after NOTIFY_MAX_ATTEMPTS tries with back-off). Idempotent:
    the alert is marked escalated in the same transaction. Returns how many."""
    told = 0
    failed = AccidentAlert.objects.filter(
        escalated_at__isnull=True, outbox__status=OutboxMessage.Status.DEAD,
    ).exclude(kind=AlertKind.ESCALATION).select_related("accident__case", "recipient", "outbox")
    for alert in failed[:200]:
        with transaction.atomic():
            if not AccidentAlert.objects.filter(pk=alert.pk, escalated_at__isnull=True).update(
                    escalated_at=timezone.now()):
                continue
            for chief in selectors.lio_chiefs():
                outbox_write(
                    recipient=chief,
                    subject_zh=f"職災通報送達失敗：{alert.accident.case.number} → {alert.recipient.label}"
                               f"（{NotifyChannel(alert.outbox.channel).label.split(' ')[0]}）",
                    subject_en=f"Accident alert undelivered: {alert.accident.case.number}",
                    body_zh=alert.outbox.last_error[:500],
                    link="/staff/accidents/undelivered/", case_id=alert.accident.case_id,
                    channels=(NotifyChannel.IN_APP, NotifyChannel.EMAIL),
                )
            told += 1
    return told


# --- the duty roster ------------------------------------------------------------------------


def shift_add(*, actor: User, user: User, role: str, starts_at: datetime, ends_at: datetime, phone: str = "") -> DutyShift:
    """Put `user` on duty (值勤) in `role` from `starts_at` to `ends_at`. The office's chief
    or a case officer keeps the roster; the person must be active staff of the office."""
    if not (selectors.is_lio_staff(actor) and actor.role in OFFICERS):
        raise Forbidden("只有勞動檢查處主管或承辦人可以排班。", "Only the inspection office's chief or officers keep the roster.")
    if role not in DutyRole.values:
        raise ApplicationError("值勤角色的選項不正確。", "Not one of the duty roles.", field="role")
    if not (user.kind == UserKind.STAFF and user.is_active and user.unit_id and user.unit.code == UNIT
            and user.role in LIO_STAFF):
        raise ApplicationError("值勤人員必須是勞動檢查處在職人員。", "The person on duty must be active inspection office staff.",
                               field="user")
    starts_at = _aware(starts_at, "starts_at", "開始時間", "The start")
    ends_at = _aware(ends_at, "ends_at", "結束時間", "The end")
    if ends_at <= starts_at:
        raise ApplicationError("結束時間應晚於開始時間。", "The end must be after the start.", field="ends_at")
    if ends_at - starts_at > MAX_SHIFT:
        raise ApplicationError("每一班最長七日。", "A shift lasts at most 7 days.", field="ends_at")
    phone = phone.strip()
    if phone:
        from laborbureau.notify.sms import check_phone

        try:
            phone = check_phone(phone)
        except ValueError:
            raise ApplicationError("手機號碼格式不正確。", "Not a phone number.", field="phone") from None
    return DutyShift.objects.create(user=user, role=role, starts_at=starts_at, ends_at=ends_at, phone=phone,
                                    created_by=actor)


def shift_cancel(*, actor: User, shift: DutyShift) -> DutyShift:
    if not (selectors.is_lio_staff(actor) and actor.role in OFFICERS):
        raise Forbidden("只有勞動檢查處主管或承辦人可以排班。", "Only the inspection office's chief or officers keep the roster.")
    DutyShift.objects.filter(pk=shift.pk, cancelled_at__isnull=True).update(cancelled_at=timezone.now())
    shift.refresh_from_db()
    return shift


# --- occupational disease determination ----------------------------------------------------


MAX_DOCUMENTS = 6


@dataclass(frozen=True)
class DiseaseInput:
    disease: str
    exposure: str
    # The worker: given by the officer who records it; a citizen applying on the portal
    # applies for themself (their account's person), so it stays None.
    person: core_services.PersonInput | None = None
    diagnosed_by: str = ""
    diagnosed_on: date | None = None
    employer_id: int | None = None
    employer: core_services.EmployerInput | None = None  # named by the worker (name, 統一編號)
    received_on: date | None = None
    channel: str = Channel.COUNTER
    documents: list[tuple[str, bytes]] = field(default_factory=list)  # 診斷證明書, exposure records
    consent: bool = False  # a citizen's acknowledgement of the use of their medical data


def _documents_check(documents: list[tuple[str, bytes]]) -> None:
    """Every file checked before anything is written (cases.services.attachment_add
    checks again while storing): no case is opened with half its documents."""
    from django.conf import settings

    if len(documents) > MAX_DOCUMENTS:
        raise ApplicationError(f"文件最多{MAX_DOCUMENTS}件。", f"At most {MAX_DOCUMENTS} documents.", field="documents")
    for name, content in documents:
        label = (name or "file")[:80]
        if not content:
            raise ApplicationError(f"「{label}」是空的檔案。", f"{label!r} is empty.", field="documents")
        if len(content) > settings.ATTACHMENT_MAX_BYTES:
            limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
            raise ApplicationError(f"「{label}」超過 {limit} MB 上限。", f"{label!r} exceeds {limit} MB.", field="documents")
        if not any(content.startswith(magic) for magic in case_services.ALLOWED_ATTACHMENT_TYPES.values()):
            raise ApplicationError(f"「{label}」不是 PDF、JPEG 或 PNG 檔案。", f"{label!r} is not a PDF, JPEG or PNG file.",
                                   field="documents")


def disease_apply(*, data: DiseaseInput, actor: User) -> DiseaseDetermination:
    """Open an occupational disease determination (職業疾病認定) for a worker: a worker
    who disputes a diagnosis (or has none that says whether it is occupational) asks
    the city to determine it (職業災害勞工保護法第11條第1項, continued by 勞工職業災害保險
    及保護法 from 2022-05-01 — confirm the article of the current act against 全國法規資料庫).

    Either a citizen applies on the portal for themself (their account must carry
    their verified identity; the documents and the acknowledgement of the use of their
    medical data are theirs), or an officer of the inspection office records an
    application received at the counter or by post. Creates, in one transaction: the
    case (type ODD; the worker its applicant, the employer its respondent when named),
    the record and the documents as attachments the worker can see. A second open
    application of the same worker for the same disease is refused."""
    citizen = actor.kind == UserKind.CITIZEN
    if citizen:
        if actor.person_id is None:
            raise ApplicationError("請先完成身分資料，再提出申請。", "Complete your identity details before applying.",
                                   field="person")
        if not data.consent:
            raise ApplicationError("請勾選同意本局為認定目的蒐集、處理及利用您的病歷及健康資料。",
                                   "Agree to the use of your medical data for the determination.", field="consent")
    elif not (selectors.is_lio_staff(actor) and actor.role in OFFICERS):
        raise Forbidden("您的角色不可受理職業疾病認定。", "Your role may not open disease determinations.")
    elif data.person is None:
        raise ApplicationError("請填寫勞工資料。", "Give the worker's details.", field="person")
    disease = _text(data.disease, "disease", "疾病名稱", "The disease", limit=200)
    exposure = _text(data.exposure, "exposure", "工作內容及暴露情形", "The work and exposure", limit=5000)
    diagnosed_by = _text(data.diagnosed_by, "diagnosed_by", "診斷醫師或醫院", "The physician", limit=200, required=False)
    today = timezone.localdate()
    received_on = today if citizen else (data.received_on or today)
    if received_on > today:
        raise ApplicationError("收件日不可晚於今天。", "The day received cannot be in the future.", field="received_on")
    if data.diagnosed_on and data.diagnosed_on > today:
        raise ApplicationError("診斷日不可晚於今天。", "The diagnosis cannot be in the future.", field="diagnosed_on")
    _documents_check(list(data.documents))
    employer = None
    if data.employer_id:
        employer = Employer.objects.filter(pk=data.employer_id, merged_into__isnull=True).first()
        if employer is None:
            raise ApplicationError("找不到此事業單位。", "No such employer.", field="employer_id")
    with transaction.atomic():
        if data.employer is not None and employer is None and data.employer.name.strip():
            try:
                employer, _ = core_services.employer_register(data=data.employer, actor=actor)
            except ApplicationError as error:
                error.field = f"employer.{error.field}" if error.field else "employer"
                raise
        if citizen:
            person = actor.person
        else:
            try:
                person, _ = core_services.person_register(data=data.person, actor=actor)
            except ApplicationError as error:
                error.field = f"person.{error.field}" if error.field else "person"
                raise
        if DiseaseDetermination.objects.filter(person=person, disease__iexact=disease,
                                               case__closed_at__isnull=True).exists():
            raise ApplicationError("同一疾病已有審理中的認定申請。", "An application for this disease is already open.",
                                   field="disease")
        parties = [case_services.PartyLink(role=PartyRole.APPLICANT, person=person)]
        if employer is not None:
            parties.append(case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer))
        case = case_services.case_open(case_type=DISEASE_CASE_TYPE, title=f"職業疾病認定：{disease}"[:200], actor=actor,
                                       parties=parties, channel=Channel.PORTAL if citizen else data.channel,
                                       assignee=None if citizen else actor)
        determination = DiseaseDetermination.objects.create(
            case=case, person=person, employer=employer, disease=disease, exposure=exposure,
            diagnosed_by=diagnosed_by, diagnosed_on=data.diagnosed_on, received_on=received_on,
        )
        for name, content in data.documents:
            try:
                case_services.attachment_add(case=case, actor=actor, name=name or "document", content=content,
                                             visible_to_parties=True)
            except ApplicationError as error:
                error.field = "documents"
                raise
        if citizen:
            # The inspection office's chiefs assign it (the unit's queue shows it too).
            for chief in selectors.lio_chiefs():
                outbox_write(recipient=chief, subject_zh=f"職業疾病認定申請（網路）：{case.number}",
                             subject_en=f"Occupational disease determination applied for online: {case.number}",
                             link=f"/staff/cases/{case.number}/", case_id=case.pk)
    return determination


def accidents_parties_repoint(kind: str, old_id: int, new_id: int) -> None:
    """Merge hook: the program's own party references follow a merged record."""
    if kind == "employer":
        Accident.objects.filter(employer_id=old_id).update(employer_id=new_id)
        DiseaseDetermination.objects.filter(employer_id=old_id).update(employer_id=new_id)
    elif kind == "person":
        Victim.objects.filter(person_id=old_id).update(person_id=new_id)
        DiseaseDetermination.objects.filter(person_id=old_id).update(person_id=new_id)

