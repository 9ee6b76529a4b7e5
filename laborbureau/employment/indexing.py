"""The job bank's documents in the search index (`laborbureau.search`).

Two kinds:
- "vacancy": public vacancies only (ACTIVE, published, not past the closing date).
  Title weighted; body: duties, requirements, occupation, district, address, employer,
  hours note. Filters: district, occupation (sub-major), major (its major group),
  pay_unit, hours, employer. Sort/range keys: posted (the publication time, epoch
  seconds), pay_min, pay_top (the top of the range, or pay_min), closes (closing date).
  Partitioned by district (search.services.index_upsert): a search in one district
  reads only that district's rows.
- "jobseeker": registrations, for the service staff only: desired occupations, skills,
  experience and licences. Never a name, an ID number or a supported group. Filters:
  status, occupation, major, district; sort key: updated.

Every write of the services calls `vacancy_sync` / `seeker_sync` inside its transaction,
so the index never shows a change that was rolled back.
"""

from collections.abc import Iterator
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone

from laborbureau.employment.models import JobSeeker, Occupation, Vacancy, VacancyStatus
from laborbureau.search.services import (
    IndexRow,
    index_current,
    index_delete,
    index_rebuild,
    index_recluster,
    index_upsert,
)

VACANCY = "vacancy"
JOBSEEKER = "jobseeker"
# PostgreSQL stores both kinds' index rows by occupation: a word's matches then share
# pages (search.backends.PostgresBackend.recluster). Each kind has its own text index
# (migration 0005).
CLUSTER_BY = "occupation"
# Most portal searches name a district; each vacancy has one (see the docstring).
VACANCY_PARTITION = "district"
RECLUSTER_HOUR = 3


def _epoch(moment) -> int:
    return int(moment.timestamp()) if moment is not None else 0


# --- vacancies -------------------------------------------------------------------------


def vacancy_searchable(vacancy: Vacancy, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (vacancy.status == VacancyStatus.ACTIVE and vacancy.posted_at is not None
            and vacancy.closing_date >= today)


def vacancy_row(vacancy: Vacancy) -> IndexRow:
    """The vacancy as an index document (reads occupation, district, employer: load them)."""
    occupation = vacancy.occupation
    text = "\n".join(part for part in (
        vacancy.description, vacancy.requirements, occupation.name_zh, vacancy.district.name_zh, vacancy.address,
        vacancy.employer.name, vacancy.hours_note,
    ) if part)
    return IndexRow(
        object_id=vacancy.pk,
        text=text,
        filters={
            "district": vacancy.district_id, "occupation": vacancy.occupation_id,
            "major": occupation.parent_id or "", "pay_unit": vacancy.pay_unit, "hours": vacancy.hours,
            "employer": vacancy.employer_id,
        },
        sort_keys={
            "posted": _epoch(vacancy.posted_at), "pay_min": vacancy.pay_min,
            "pay_top": vacancy.pay_max or vacancy.pay_min, "closes": vacancy.closing_date,
        },
        title=vacancy.title,
    )


def vacancy_sync(vacancy: Vacancy, today: date | None = None) -> None:
    """Index the vacancy if the public may find it, remove it otherwise. Call inside the
    transaction that changed it."""
    if vacancy_searchable(vacancy, today):
        row = vacancy_row(vacancy)
        index_upsert(VACANCY, row.object_id, row.text, row.filters, row.sort_keys, title=row.title,
                     partition=VACANCY_PARTITION)
    else:
        index_delete(VACANCY, vacancy.pk)


def vacancy_unindex(pks) -> None:
    for pk in pks:
        index_delete(VACANCY, pk)


def _vacancy_rows(today: date) -> Iterator[IndexRow]:
    queryset = (Vacancy.objects.filter(status=VacancyStatus.ACTIVE, closing_date__gte=today, posted_at__isnull=False)
                .select_related("occupation", "district", "employer").order_by("posted_at", "pk"))
    for vacancy in queryset.iterator(chunk_size=2000):
        yield vacancy_row(vacancy)


def vacancy_rebuild(today: date | None = None) -> int:
    """Replace the whole vacancy index with the open vacancies; returns the count."""
    return index_rebuild(VACANCY, _vacancy_rows(today or timezone.localdate()), cluster_by=CLUSTER_BY,
                         partition=VACANCY_PARTITION)


# --- job seekers -------------------------------------------------------------------------


def seeker_row(seeker: JobSeeker, occupations: list[Occupation], district_codes: list[str]) -> IndexRow:
    text = "\n".join(part for part in (
        "、".join(occupation.name_zh for occupation in occupations), seeker.skills, seeker.experience,
        seeker.licences,
    ) if part)
    filters: dict = {"status": seeker.status}
    if occupations:
        filters["occupation"] = [occupation.code for occupation in occupations]
        majors = [occupation.parent_id for occupation in occupations if occupation.parent_id]
        if majors:
            filters["major"] = list(dict.fromkeys(majors))
    if district_codes:
        filters["district"] = list(district_codes)
    return IndexRow(object_id=seeker.pk, text=text, filters=filters,
                    sort_keys={"updated": _epoch(seeker.updated_at)})


def seeker_sync(seeker: JobSeeker) -> None:
    """Re-index one registration (after its profile, occupations and districts are saved)."""
    occupations = list(Occupation.objects.filter(pk__in=seeker.desired_occupations.values("pk")).order_by("code"))
    districts = list(seeker.districts.order_by("pk").values_list("pk", flat=True))
    row = seeker_row(seeker, occupations, districts)
    index_upsert(JOBSEEKER, row.object_id, row.text, row.filters, row.sort_keys)


def _seeker_rows() -> Iterator[IndexRow]:
    queryset = JobSeeker.objects.order_by("pk").prefetch_related(
        Prefetch("desired_occupations", queryset=Occupation.objects.order_by("code")), "districts")
    for seeker in queryset.iterator(chunk_size=2000):
        districts = sorted(district.pk for district in seeker.districts.all())
        yield seeker_row(seeker, list(seeker.desired_occupations.all()), districts)


def seeker_rebuild() -> int:
    """Replace the whole job-seeker index; returns the count."""
    return index_rebuild(JOBSEEKER, _seeker_rows(), cluster_by=CLUSTER_BY)


def search_recluster(now: datetime | None = None) -> bool:
    """Hourly sweep that acts once a night, in the RECLUSTER_HOUR (Taipei): store both
    kinds' index rows by occupation again, so that the day's new ads and registrations
    join their neighbours (search.services.index_recluster; PostgreSQL only). A kind
    whose index predates a change to the synonym table is rebuilt instead (which also
    clusters it), and so is one built before its partition: until then its searches
    expand the changed groups at query time and filter by tag, which is right but
    slower. Returns whether it ran."""
    if timezone.localtime(now or timezone.now()).hour != RECLUSTER_HOUR:
        return False
    for kind, rebuild, partition in ((VACANCY, vacancy_rebuild, VACANCY_PARTITION), (JOBSEEKER, seeker_rebuild, "")):
        if index_current(kind, partition=partition):
            index_recluster(kind, CLUSTER_BY)
        else:
            rebuild()
    return True
