"""/api/v1/documents: the public verification answer (no sign-in) and an issued
document's metadata for those who may read it."""

from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from laborbureau.core.errors import NotFound
from laborbureau.documents import selectors

router = Router(tags=["documents 公文"])


class VerificationOut(Schema):
    code: str
    status: str  # authentic | revoked
    kind: str
    title: str
    issued_at: datetime
    case_number: str
    sha256: str
    revoked_at: datetime | None


class DocumentOut(Schema):
    code: str
    status: str
    kind: str
    title: str
    case_number: str
    issued_at: datetime
    issued_by: str
    sha256: str
    size: int
    revoked_at: datetime | None
    revoke_reason: str
    download_url: str


@router.get(
    "/verify/{code}",
    response=VerificationOut,
    auth=None,
    summary="Verify a document by its code (public)",
    description="Answers 200 with status `authentic` or `revoked`, or 404 for an unknown code. "
    "No personal data is returned.",
)
def verify(request: HttpRequest, code: str):
    result = selectors.document_verify(code)
    if result.document is None:
        raise NotFound("文件", "document")
    return result.public_fields


@router.get("/{code}", response=DocumentOut, summary="An issued document's metadata (if you may read its case)")
def detail(request: HttpRequest, code: str):
    document = selectors.document_get_for(request.auth, code)
    return {
        "code": document.display_code,
        "status": selectors.REVOKED if document.is_revoked else selectors.AUTHENTIC,
        "kind": document.kind,
        "title": document.title,
        "case_number": document.case.number if document.case_id else "",
        "issued_at": document.issued_at,
        "issued_by": document.issued_by.label,
        "sha256": document.sha256,
        "size": document.size,
        "revoked_at": document.revoked_at,
        "revoke_reason": document.revoke_reason,
        "download_url": reverse("document_pdf", args=[document.display_code]),
    }
