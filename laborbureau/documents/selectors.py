"""Reads of issued documents: the public verification answer and the permission-scoped
lookup for downloads."""

from dataclasses import dataclass

from laborbureau.cases import access as case_access
from laborbureau.cases.models import CaseParty
from laborbureau.core import access
from laborbureau.core.errors import NotFound
from laborbureau.core.models import User, UserKind
from laborbureau.documents.codes import code_normalize
from laborbureau.documents.models import IssuedDocument

AUTHENTIC = "authentic"
REVOKED = "revoked"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    """What the public may learn about a code: whether it is ours and still valid.
    Carries the document only for its public fields (see `public_fields`)."""

    status: str
    document: IssuedDocument | None = None

    @property
    def public_fields(self) -> dict | None:
        document = self.document
        if document is None:
            return None
        return {
            "code": document.display_code,
            "status": self.status,
            "kind": document.kind,
            "title": document.title,
            "issued_at": document.issued_at,
            "case_number": document.case.number if document.case_id else "",
            "sha256": document.sha256,
            "revoked_at": document.revoked_at,
        }


def document_verify(code_text: str) -> Verification:
    """The answer for a typed code: authentic, revoked or unknown (also for input that
    cannot be a code at all)."""
    code = code_normalize(code_text)
    if code is None:
        return Verification(UNKNOWN)
    document = IssuedDocument.objects.select_related("case").filter(code=code).first()
    if document is None:
        return Verification(UNKNOWN)
    return Verification(REVOKED if document.is_revoked else AUTHENTIC, document)


def document_find_by_sha256(sha256: str) -> Verification:
    """The document whose stored PDF has exactly these bytes (by SHA-256), if any."""
    document = IssuedDocument.objects.select_related("case").filter(sha256=sha256).order_by("issued_at").first()
    if document is None:
        return Verification(UNKNOWN)
    return Verification(REVOKED if document.is_revoked else AUTHENTIC, document)


def can_read_document(user: User, document: IssuedDocument) -> bool:
    """Staff who may read the case (or, for a document without a case, the issuing
    unit); portal users who are parties to the case (documents meant for parties), or
    the person the document concerns."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.kind != UserKind.STAFF:
        if document.person_id is not None and user.person_id == document.person_id:
            return True
        if document.case_id is None or not document.visible_to_parties:
            return False
        return case_access.can_read_case(user, document.case)
    if document.case_id is not None:
        return case_access.can_read_case(user, document.case)
    return access.can_read_unit(user, document.unit_id)


def document_get_for(user: User, code_text: str) -> IssuedDocument:
    """The document with this code if `user` may read it; NotFound otherwise (an
    unreadable document answers exactly like a missing one)."""
    code = code_normalize(code_text)
    document = (
        IssuedDocument.objects.select_related("case", "issued_by", "unit").filter(code=code).first() if code else None
    )
    if document is None or not can_read_document(user, document):
        raise NotFound("文件", "document")
    return document


def concerns_person(document: IssuedDocument) -> bool:
    """True when the document is about a natural person (its reads go to the access
    log): it names one, or its case has a person among its parties."""
    if document.person_id is not None:
        return True
    if document.case_id is None:
        return False
    return CaseParty.objects.filter(case_id=document.case_id, person__isnull=False).exists()


def case_documents(user: User, case) -> list[IssuedDocument]:
    """The documents of a case that `user` may read (the caller has checked the case)."""
    documents = IssuedDocument.objects.filter(case=case).select_related("case").order_by("issued_at")
    return [document for document in documents if can_read_document(user, document)]
