"""REST endpoints of dangerous-machinery certificates (危險性機械檢查合格證) at
/api/v1/machinery-certificates: validity and the day by which the periodic inspection must
be applied for (rules.hazardous_machinery), the list of those expiring within 60 days."""

from datetime import date
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.inspection.hazardous import selectors
from laborbureau.inspection.hazardous.api import require_lio, site_get
from laborbureau.inspection.inspections import services as inspection_services
from laborbureau.inspection.inspections.models import MachineryCertificate, MachineryKind

router = Router(tags=["machinery-certificates 危險性機械合格證"])
Id = Annotated[int, Field(ge=1, le=2**62)]
CertificateId = Path(..., ge=1, le=2**62, description="合格證紀錄編號 Certificate record id.", examples=[3])


class CertificateOut(Schema):
    id: int = Field(description="紀錄編號 Record id.", examples=[3])
    kind: str = Field(description="機械種類 Kind.", examples=["MOBILE_CRANE"])
    serial: str = Field(description="合格證字號或機械編號 Certificate or machine number.", examples=["北市移起字第1150001號"])
    employer_id: int = Field(description="事業單位編號 Employer id.", examples=[12])
    employer_name: str = Field(description="事業單位 Employer.", examples=["大安營造股份有限公司"])
    establishment_id: int = Field(description="廠場編號 Establishment id.", examples=[31])
    inspected_on: date = Field(description="檢查日 Inspected on.", examples=["2026-03-15"])
    valid_until: date = Field(description="有效期限（末日） Last day of validity.", examples=["2028-03-14"])
    apply_by: date = Field(description="定期檢查申請期限 Apply for the periodic inspection by.", examples=["2028-02-14"])
    valid: bool = Field(description="今日是否仍有效 Valid today.", examples=[True])
    days_left: int = Field(description="距有效期限日數（逾期為負） Days until expiry (negative when expired).",
                           examples=[45])
    basis: str = Field(description="法令依據 Legal basis.", examples=["危險性機械及設備安全檢查規則第28條第1項"])


class CertificatePage(Schema):
    items: list[CertificateOut] = Field(description="合格證 Certificates.")
    count: int = Field(description="符合條件的總筆數 Total matching.", examples=[1])


class CertificateFilters(Schema):
    expiring: bool = Field(False, description="只列60日內到期者 Only those expiring within 60 days.", examples=[True])
    employer_id: int | None = Field(None, ge=1, le=2**62, description="事業單位 Employer id.", examples=[12])


class CertificateIn(Schema):
    establishment_id: Id = Field(description="廠場編號 Establishment id.", examples=[31])
    kind: MachineryKind = Field(description="機械種類 Kind.", examples=["MOBILE_CRANE"])
    serial: Text(40) = Field(description="合格證字號或機械編號 Certificate or machine number.", examples=["北市移起字第1150001號"])
    inspected_on: date = Field(description="檢查日 Inspected on.", examples=["2026-03-15"])
    months: int | None = Field(None, ge=1, le=24, description="有效期間月數（空白為法定最長） Months valid (default: the maximum).",
                               examples=[24])


class CertificateUpdate(Schema):
    serial: Text(40) = Field(description="合格證字號或機械編號 Certificate or machine number.", examples=["北市移起字第1150001號"])
    inspected_on: date = Field(description="檢查日 Inspected on.", examples=["2026-03-15"])
    months: int | None = Field(None, ge=1, le=24, description="有效期間月數 Months valid.", examples=[24])


def certificate_out(certificate: MachineryCertificate, today: date) -> dict:
    return {"id": certificate.pk, "kind": certificate.kind, "serial": certificate.serial,
            "employer_id": certificate.employer_id, "employer_name": certificate.employer.name,
            "establishment_id": certificate.establishment_id, "inspected_on": certificate.inspected_on,
            "valid_until": certificate.valid_until, "apply_by": certificate.apply_by,
            "valid": certificate.valid_until >= today, "days_left": (certificate.valid_until - today).days,
            "basis": certificate.basis}


@router.get("", response={200: CertificatePage, **errors(401, 403, 422)}, summary="合格證清單 List certificates",
            description="勞動檢查處人員：危險性機械合格證，到期日近者在前；expiring=true 只列60日內到期者。 "
            "LIO staff: certificates, soonest expiry first; expiring=true for those ending within 60 days.")
def certificate_list(request, paging: Query[Pages.Input], filters: Query[CertificateFilters]):
    require_lio(request.auth)
    today = timezone.localdate()
    items, count = page_slice(selectors.machinery_certificates(request.auth, on=today, expiring=filters.expiring,
                                                               employer_id=filters.employer_id),
                              paging.page, paging.page_size)
    return {"items": [certificate_out(c, today) for c in items], "count": count}


@router.post("", response={201: CertificateOut, **errors(401, 403, 422)}, summary="登錄合格證 Record a certificate",
             description="有效期限及定期檢查申請期限依危險性機械及設備安全檢查規則計算。 "
             "Validity and the application deadline are computed from the regulations.")
def certificate_create(request, payload: CertificateIn):
    require_lio(request.auth)
    certificate = inspection_services.machinery_certificate_record(
        establishment=site_get(payload.establishment_id), kind=payload.kind, serial=payload.serial,
        inspected_on=payload.inspected_on, months=payload.months, actor=request.auth)
    return Status(201, certificate_out(certificate, timezone.localdate()))


@router.get("/{certificate_id}", response={200: CertificateOut, **errors(401, 403, 404)}, summary="單一合格證 One certificate",
            description="勞動檢查處人員讀取一筆合格證。 LIO staff read one certificate.")
def certificate_get(request, certificate_id: int = CertificateId):
    require_lio(request.auth)
    certificate = selectors.machinery_certificate_get(request.auth, certificate_id)
    if certificate is None:
        raise Http404
    return certificate_out(certificate, timezone.localdate())


@router.put("/{certificate_id}", response={200: CertificateOut, **errors(401, 403, 404, 422)},
            summary="修改合格證 Correct a certificate", description="更正字號或檢查日；有效期限重新計算。 "
            "Correct the number or the inspection date; the validity is recomputed.")
def certificate_update(request, payload: CertificateUpdate, certificate_id: int = CertificateId):
    require_lio(request.auth)
    certificate = selectors.machinery_certificate_get(request.auth, certificate_id)
    if certificate is None:
        raise Http404
    certificate = inspection_services.machinery_certificate_update(
        certificate=certificate, serial=payload.serial, inspected_on=payload.inspected_on, months=payload.months,
        actor=request.auth)
    return certificate_out(certificate, timezone.localdate())
