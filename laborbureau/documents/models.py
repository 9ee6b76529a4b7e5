"""Issued documents: notices, decisions, certificates and records as PDF files, each
with a verification code that anyone can check on the public verification page.

A document is append-only in spirit: once issued its bytes and metadata never change
(the PDF carries its own code; its SHA-256 is stored here). Withdrawing one is a
revocation with a reason, not an edit or a delete.
"""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import Person, Unit, User


class DocumentKind(models.TextChoices):
    NOTICE = "notice", "通知書 Notice"
    DECISION = "decision", "處分書 Decision"
    CERTIFICATE = "certificate", "證明書 Certificate"
    RECORD = "record", "紀錄 Record"


class IssuedDocument(models.Model):
    """One issued PDF. `code` is stored without separators (12 characters of
    Crockford base32, 60 random bits); `display_code` groups it as K7QM-2XPD-9HVA.

    `title` is shown on the public verification page, so it must not carry personal
    data (write "資遣證明書", not the worker's name)."""

    code = models.CharField(max_length=12, unique=True)
    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")  # the issuing unit
    person = models.ForeignKey(  # the person it concerns, when not (only) through the case
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(upload_to="documents/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    template_name = models.CharField(max_length=200)
    visible_to_parties = models.BooleanField(default=True)  # portal parties of the case may download it
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    revoke_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["sha256"])]
        constraints = [
            models.CheckConstraint(
                name="document_revocation_has_reason",
                condition=(Q(revoked_at__isnull=True) & Q(revoke_reason="") & Q(revoked_by__isnull=True))
                | (Q(revoked_at__isnull=False) & ~Q(revoke_reason="") & Q(revoked_by__isnull=False)),
            ),
            models.CheckConstraint(name="document_size_positive", condition=Q(size__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.title}"

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
