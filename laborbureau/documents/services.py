"""Writes of issued documents: render a template to PDF, store it with its SHA-256 and
verification code, and record it on the case's timeline; revoke with a reason."""

import gc
import hashlib
from datetime import datetime

import segno
import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from laborbureau.cases import access as case_access
from laborbureau.cases.models import Case, TimelineEntry
from laborbureau.cases.services import timeline_append
from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Person, Role, User, UserKind
from laborbureau.documents.codes import code_display, code_new
from laborbureau.documents.models import DocumentKind, IssuedDocument
from laborbureau.rules import roc_calendar

ISSUER_ZH = "臺北市政府勞動局"
ISSUER_EN = "Department of Labor, Taipei City Government"


def verification_url(code: str) -> str:
    """The public address printed on a document and encoded in its QR code."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("verify_document_code", args=[code_display(code)])


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI (vector: sharp at any print size)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def render_pdf(*, template_name: str, context: dict) -> bytes:
    """Render an HTML template to an A4 PDF. Documents are always in zh-Hant."""
    with translation.override("zh-hant"):
        html = render_to_string(template_name, context)
    pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    # WeasyPrint leaves each document's layout (15-20 MB with the CJK fonts) in reference
    # cycles, freed only when the cycle collector gets round to them: 40 documents in a
    # row held 840 MB, and the demo seed peaked at 9 GB. Collecting the young generations
    # here (cheap: not the whole heap) keeps it at ~200 MB.
    gc.collect(1)
    return pdf


def _check_may_issue(actor: User, case: Case | None) -> None:
    if not actor.is_authenticated or actor.kind != UserKind.STAFF or actor.unit_id is None:
        raise Forbidden("只有機關人員可以發文。", "Only staff may issue documents.")
    if case is not None:
        if not case_access.can_act_on_case(actor, case):
            raise Forbidden("您不能為此案件發文。", "You may not issue documents for this case.")
    elif access.is_read_only(actor) or actor.role == Role.SYSADMIN:
        raise Forbidden("您的角色不能發文。", "Your role may not issue documents.")


def document_issue(
    *,
    case: Case | None = None,
    kind: str,
    title: str,
    template_name: str,
    context: dict,
    actor: User,
    person: Person | None = None,
    visible_to_parties: bool | None = None,
) -> IssuedDocument:
    """Issue a document: render `template_name` (which extends
    "documents/base_document.html") to PDF with its verification code, URL and QR
    code, store the file under MEDIA_ROOT/documents/, record its SHA-256 and, for a
    case, append a DOCUMENT entry to the case's timeline (case row locked).

    The PDF is rendered before the transaction (it takes a moment and needs no lock).
    If the caller's own transaction later rolls back, the stored file stays behind
    without a row: harmless (nothing points at it) and preferable to a row without a
    file.
    """
    if kind not in DocumentKind.values:
        raise ApplicationError("文件類別不正確。", "Unknown kind of document.", field="kind")
    title = " ".join(title.split())
    if not title:
        raise ApplicationError("請填寫文件名稱。", "A title is required.", field="title")
    if len(title) > 200:
        raise ApplicationError("文件名稱不可超過200字。", "The title is longer than 200 characters.", field="title")
    _check_may_issue(actor, case)
    if visible_to_parties is None:
        visible_to_parties = kind != DocumentKind.RECORD

    code = code_new()
    while IssuedDocument.objects.filter(code=code).exists():  # 60 bits: practically never loops
        code = code_new()
    issued_at = timezone.now()
    url = verification_url(code)
    pdf = render_pdf(
        template_name=template_name,
        context={
            **context,
            "document": {
                "code": code,
                "display_code": code_display(code),
                "kind": kind,
                "kind_label": DocumentKind(kind).label.split(" ")[0],
                "title": title,
                "issued_at": issued_at,
                "issued_on_roc": roc_calendar.format_long(timezone.localtime(issued_at).date()),
                "verification_url": url,
                "qr": qr_data_uri(url),
                "issuer": ISSUER_ZH,
                "case_number": case.number if case is not None else "",
            },
        },
    )
    digest = hashlib.sha256(pdf).hexdigest()
    document = IssuedDocument(
        code=code,
        kind=kind,
        title=title,
        case=case,
        unit_id=case.unit_id if case is not None else actor.unit_id,
        person=person,
        sha256=digest,
        size=len(pdf),
        template_name=template_name[:200],
        visible_to_parties=visible_to_parties,
        issued_at=issued_at,
        issued_by=actor,
    )
    document.file.save(f"{code}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk) if case is not None else None
            document.save()
            if locked is not None:
                timeline_append(
                    case=locked,
                    actor=actor,
                    kind=TimelineEntry.Kind.DOCUMENT,
                    text=f"{DocumentKind(kind).label.split(' ')[0]}：{title}",
                    data={"document_code": code, "kind": kind, "sha256": digest, "size": len(pdf)},
                    visible_to_parties=visible_to_parties,
                )
    except IntegrityError:
        document.file.delete(save=False)
        raise Conflict("發文失敗，請再試一次。", "Issuing failed; please try again.")
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def can_revoke(user: User, document: IssuedDocument) -> bool:
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return False
    if document.case_id is not None:
        return case_access.can_act_on_case(user, document.case)
    return access.can_act_on_unit(user, document.unit_id) and (
        user.pk == document.issued_by_id or user.role in (Role.SECTION_CHIEF, Role.DIRECTOR)
    )


def document_revoke(*, document: IssuedDocument, actor: User, reason: str) -> IssuedDocument:
    """Revoke an issued document (撤銷): the verification page then answers "revoked"
    with the date. The file and its checksum stay; the reason is recorded."""
    reason = " ".join(reason.split())
    if not reason:
        raise ApplicationError("請說明撤銷理由。", "Give the reason for revoking it.", field="reason")
    if len(reason) > 300:
        raise ApplicationError("撤銷理由不可超過300字。", "The reason is longer than 300 characters.", field="reason")
    if not can_revoke(actor, document):
        raise Forbidden("您不能撤銷此文件。", "You may not revoke this document.")
    now: datetime = timezone.now()
    with transaction.atomic():
        locked_case = (
            Case.objects.select_for_update().get(pk=document.case_id) if document.case_id is not None else None
        )
        changed = IssuedDocument.objects.filter(pk=document.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=actor, revoke_reason=reason
        )
        if not changed:
            raise Conflict("此文件已撤銷。", "This document has already been revoked.")
        if locked_case is not None:
            timeline_append(
                case=locked_case,
                actor=actor,
                kind=TimelineEntry.Kind.DOCUMENT,
                text=f"撤銷文件 {document.display_code}：{reason}",
                data={"document_code": document.code, "revoked": True},
                visible_to_parties=True,
            )
    document.refresh_from_db()
    return document
