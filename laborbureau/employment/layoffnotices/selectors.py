"""Reads of the layoff notices, scoped by who asks: the Employment Services Office's staff
(employment.services.can_read) read every notice; an employer account reads its own;
a citizen sees the invitations addressed to their ID. Anything else reads nothing."""

from __future__ import annotations

from django.db.models import QuerySet

from laborbureau.core.models import User, UserKind
from laborbureau.employment.layoffnotices import services
from laborbureau.employment.layoffnotices.models import InvitationStatus, LayoffNotice, LayoffUpload, LayoffWorker
from laborbureau.employment.models import Vacancy


def _employer_id(user: User) -> int | None:
    if user.is_authenticated and user.kind == UserKind.EMPLOYER and user.employer_id:
        employer = user.employer
        return employer.merged_into_id or employer.pk
    return None


def notices_readable_by(user: User) -> QuerySet:
    base = LayoffNotice.objects.select_related("employer", "establishment", "fine_case")
    if services.can_read(user):
        return base
    employer_id = _employer_id(user)
    if employer_id:
        return base.filter(employer_id=employer_id)
    return base.none()


def notice_list(*, user: User, late: bool | None = None, q: str = "") -> QuerySet:
    """Notices, newest first; `late` filters; `q` matches the number or the employer's
    name or 統一編號."""
    notices = notices_readable_by(user)
    if late is not None:
        notices = notices.filter(late=late)
    q = (q or "").strip()[:60]
    if q:
        from django.db.models import Q

        notices = notices.filter(Q(number__iexact=q) | Q(employer__name__icontains=q) | Q(employer__business_id=q))
    return notices.order_by("-filed_on", "-pk")


def notice_get(user: User, pk: int) -> LayoffNotice | None:
    return notices_readable_by(user).filter(pk=pk).first()


def uploads_readable_by(user: User) -> QuerySet:
    base = LayoffUpload.objects.select_related("establishment")
    if services.can_read(user):
        return base
    employer_id = _employer_id(user)
    if employer_id:
        return base.filter(employer_id=employer_id)
    return base.none()


def upload_get(user: User, pk: int) -> LayoffUpload | None:
    return uploads_readable_by(user).filter(pk=pk).first()


def _portal_account():
    """Whether the worker's ID has an active citizen account (the invitation reaches it)."""
    from django.db.models import Exists, OuterRef

    return Exists(User.objects.filter(kind=UserKind.CITIZEN, is_active=True, person__merged_into__isnull=True,
                                      person__id_number=OuterRef("id_number")))


def letter_workers(notice: LayoffNotice) -> QuerySet:
    """The workers of a notice the invitation reaches only by letter: no portal account,
    no e-mail, not yet answered (services.invitations_send skips them)."""
    return (LayoffWorker.objects.filter(notice=notice, email="", invitation=InvitationStatus.SENT)
            .annotate(has_account=_portal_account()).filter(has_account=False).order_by("row"))


def workers_page(notice: LayoffNotice, *, offset: int = 0, limit: int = 100) -> list[dict]:
    """A page of a notice's workers with their registration and best vacancies: three
    queries whatever the number of rows (workers, the matched vacancies)."""
    workers = list(LayoffWorker.objects.filter(notice=notice).annotate(has_account=_portal_account())
                   .order_by("row")[offset:offset + limit])
    vacancy_ids = {pk for worker in workers for pk, _ in (worker.matches or [])[:3]}
    vacancies = Vacancy.objects.select_related("employer", "district").in_bulk(list(vacancy_ids))
    return [{"worker": worker,
             "top": [(vacancies[pk], score) for pk, score in (worker.matches or [])[:3] if pk in vacancies]}
            for worker in workers]


def invitation_counts(notice: LayoffNotice) -> dict[str, int]:
    from django.db.models import Count

    return dict(LayoffWorker.objects.filter(notice=notice).values_list("invitation").annotate(n=Count("pk")))


def invitations_for(user: User) -> list[dict]:
    """The invitations addressed to a citizen (workers with their ID), newest first, with
    the employer's name and their matches."""
    if not (user.is_authenticated and user.kind == UserKind.CITIZEN and user.person_id):
        return []
    workers = list(LayoffWorker.objects.filter(id_number=user.person.id_number)
                   .select_related("notice__employer").order_by("-last_day", "-pk")[:20])
    vacancy_ids = {pk for worker in workers for pk, _ in (worker.matches or [])}
    vacancies = Vacancy.objects.select_related("employer", "district").in_bulk(list(vacancy_ids))
    return [{"worker": worker, "top": [(vacancies[pk], score) for pk, score in (worker.matches or [])
                                       if pk in vacancies]} for worker in workers]


def invitation_get(user: User, pk: int) -> LayoffWorker | None:
    """A worker row the user may answer for: the citizen it names, or ESO staff."""
    worker = LayoffWorker.objects.select_related("notice__employer").filter(pk=pk).first()
    if worker is None:
        return None
    if user.is_authenticated and user.kind == UserKind.CITIZEN:
        return worker if user.person_id and user.person.id_number == worker.id_number else None
    return worker if services.can_read(user) else None
