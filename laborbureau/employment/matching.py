"""Matching both ways (媒合): the best vacancies for a job seeker, the best job seekers for
a vacancy, each with the parts of its score explained (employment.scoring), the
counsellor's overrides, bulk runs in the background worker, and the daily digest.

The matcher keeps every open vacancy and every active, consenting job seeker in memory as
numpy columns (one copy per process). Each call first reads the rows changed since it last
looked (`updated_at` from the start of the last look, less REFRESH_OVERLAP for a transaction
that committed late), so a change on either side shows in the next match; every
FULL_REBUILD_SECONDS it reads everything again as a safety net. At 200,000 rows a full
build takes about a second; a refresh is one indexed query.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, NotFound
from laborbureau.core.models import District, User, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.employment import scoring
from laborbureau.employment import services as employment_services
from laborbureau.employment import skills as skill_terms
from laborbureau.employment.models import (
    Education,
    JobSeeker,
    MatchOverride,
    MatchRun,
    MatchRunResult,
    MatchRunStatus,
    Occupation,
    PayUnit,
    Referral,
    SeekerStatus,
    Vacancy,
    VacancyStatus,
    WorkingHours,
)
from laborbureau.notify.services import outbox_write

log = logging.getLogger(__name__)

TOP_K = 20
REFRESH_OVERLAP = timedelta(seconds=5)
FULL_REBUILD_SECONDS = 600
MAX_RUN_SEEKERS = 50_000
RUN_CHUNK = 250  # seekers per unit of work (and per progress step)
PARALLEL_MIN = 2_000  # below this a run scores in the worker itself (starting processes costs ~1 s)
DIGEST_MIN_SCORE = 60
DIGEST_SIZE = 10
DIGEST_HOUR = 8  # Taipei time: no digest before 08:00
DIGEST_BATCH = 2_000


# --- the in-memory columns ------------------------------------------------------------------


@dataclass
class _Source:
    matrix: object
    watermark: datetime  # when the last look started
    built: float


_lock = threading.Lock()
_sources: dict[str, _Source] = {}
_codes: scoring.Codes | None = None
_occupation_names: dict[str, str] | None = None


def reset() -> None:
    """Forget the in-memory columns (tests; after a bulk load that bypassed the services)."""
    global _codes, _occupation_names
    with _lock:
        _sources.clear()
        _codes = None
        _occupation_names = None


def occupation_names() -> dict[str, str]:
    """Occupation code → name (reference data, read once per process like `codes`)."""
    global _occupation_names
    if _occupation_names is None:
        _occupation_names = dict(Occupation.objects.values_list("code", "name_zh"))
    return _occupation_names


def codes() -> scoring.Codes:
    global _codes
    if _codes is None:
        _codes = scoring.Codes(
            occupations=tuple(Occupation.objects.filter(level="sub_major").order_by("code")
                              .values_list("code", flat=True)),
            districts=tuple(District.objects.order_by("pk").values_list("pk", flat=True)),
            education=tuple(Education.values),
            hours=tuple(WorkingHours.values),
        )
    return _codes


VACANCY_FIELDS = ("pk", "occupation_id", "district_id", "pay_unit", "pay_min", "pay_max", "hours", "education_min",
                  "skill_bits", "posted_at", "closing_date", "status", "updated_at")


def vacancy_profile_from_row(row: tuple) -> scoring.VacancyProfile:
    pk, occupation, district, unit, pay_min, pay_max, hours, education, bits, posted_at, closing, status, _ = row
    return scoring.VacancyProfile(
        id=pk, occupation=occupation, district=district, pay_unit=unit, pay_min=pay_min, pay_max=pay_max,
        hours=hours, education_min=education, skill_bits=bits, posted_at=posted_at.timestamp() if posted_at else 0.0,
        closing=closing.toordinal(), active=status == VacancyStatus.ACTIVE,
    )


def vacancy_profile(vacancy: Vacancy) -> scoring.VacancyProfile:
    return vacancy_profile_from_row(tuple(getattr(vacancy, name) for name in VACANCY_FIELDS))


SEEKER_FIELDS = ("pk", "pay_unit", "expected_pay", "working_hours", "education", "skill_bits", "status",
                 "consent_to_matching", "updated_at")


def _seeker_profiles(rows: list[tuple]) -> list[scoring.SeekerProfile]:
    """Profiles for seeker rows (SEEKER_FIELDS), with their occupations and districts (one
    query per 5,000 rows)."""
    occupations: dict[int, list[str]] = defaultdict(list)
    districts: dict[int, list[str]] = defaultdict(list)
    ids = [row[0] for row in rows]
    occupation_links = JobSeeker.desired_occupations.through.objects
    district_links = JobSeeker.districts.through.objects
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        # Both link tables in one statement (a round trip less for one seeker's matches).
        wanted = (occupation_links.filter(jobseeker_id__in=chunk).annotate(is_occupation=Value(True))
                  .values_list("jobseeker_id", "occupation_id", "is_occupation"))
        where = (district_links.filter(jobseeker_id__in=chunk).annotate(is_occupation=Value(False))
                 .values_list("jobseeker_id", "district_id", "is_occupation"))
        for seeker_id, code, is_occupation in wanted.union(where, all=True):
            (occupations if is_occupation else districts)[seeker_id].append(code)
    return [
        scoring.SeekerProfile(
            id=pk, occupations=tuple(sorted(occupations[pk])), districts=tuple(sorted(districts[pk])),
            pay_unit=unit, expected_pay=expected, hours=tuple(hours or ()), education=education, skill_bits=bits,
            active=status == SeekerStatus.ACTIVE and consent,
        )
        for pk, unit, expected, hours, education, bits, status, consent, _ in rows
    ]


def seeker_profile(seeker: JobSeeker) -> scoring.SeekerProfile:
    """The profile of one registration as it is in the database now."""
    row = JobSeeker.objects.filter(pk=seeker.pk).values_list(*SEEKER_FIELDS).get()
    return _seeker_profiles([row])[0]


def _refresh(name: str, build, changed) -> object:
    """Build the named matrix, or apply the rows changed since the last look.

    The lower bound of "changed" is the time the last look started, less REFRESH_OVERLAP:
    a write whose `updated_at` was stamped before that look but which committed after it
    (a transaction in flight, a slightly slow clock on another app server) is still read.
    Bounding by the time of the look rather than by the newest `updated_at` keeps the
    refresh to the rows of the last few seconds, not those of the last busy moment.
    """
    source = _sources.get(name)
    started = timezone.now()
    if source is None or time.monotonic() - source.built > FULL_REBUILD_SECONDS:
        _sources[name] = _Source(matrix=build(), watermark=started, built=time.monotonic())
        return _sources[name].matrix
    changed(source.matrix, source.watermark - REFRESH_OVERLAP)
    source.watermark = started
    return source.matrix


def _build_vacancies():
    matrix = scoring.VacancyMatrix(codes())
    rows = list(Vacancy.objects.filter(status=VacancyStatus.ACTIVE, closing_date__gte=timezone.localdate())
                .values_list(*VACANCY_FIELDS))
    matrix.upsert([vacancy_profile_from_row(row) for row in rows])
    return matrix


def _vacancy_changes(matrix, since: datetime) -> None:
    rows = list(Vacancy.objects.filter(updated_at__gte=since).values_list(*VACANCY_FIELDS))
    # Closed rows the matrix never held need not be added.
    matrix.upsert([vacancy_profile_from_row(row) for row in rows
                   if row[11] == VacancyStatus.ACTIVE or row[0] in matrix.columns.index])


def _build_seekers():
    matrix = scoring.SeekerMatrix(codes())
    rows = list(JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_to_matching=True)
                .values_list(*SEEKER_FIELDS))
    matrix.upsert(_seeker_profiles(rows))
    return matrix


def _seeker_changes(matrix, since: datetime) -> None:
    rows = [row for row in JobSeeker.objects.filter(updated_at__gte=since).values_list(*SEEKER_FIELDS)
            if (row[6] == SeekerStatus.ACTIVE and row[7]) or row[0] in matrix.columns.index]
    matrix.upsert(_seeker_profiles(rows))


def vacancy_matrix(now: datetime | None = None) -> scoring.VacancyMatrix:
    """Every open vacancy as columns, current as of this call, prepared for scoring at `now`."""
    now = now or timezone.now()
    with _lock:
        matrix = _refresh("vacancies", _build_vacancies, _vacancy_changes)
        matrix.prepare(now.timestamp(), timezone.localdate(now).toordinal())
    return matrix


def seeker_matrix() -> scoring.SeekerMatrix:
    with _lock:
        matrix = _refresh("seekers", _build_seekers, _seeker_changes)
        matrix.prepare()
    return matrix


# --- explained matches -------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    part: str
    label_zh: str
    label_en: str
    weight: int
    points: float
    detail_zh: str
    detail_en: str

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.weight) if self.weight else 0


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[Reason, ...]
    vacancy: Vacancy | None = None
    seeker: JobSeeker | None = None
    referred: bool = False


PART_LABELS = {
    "occupation": ("職業", "Occupation"), "district": ("地區", "District"), "pay": ("待遇", "Pay"),
    "requirements": ("條件", "Requirements"), "skills": ("技能", "Skills"), "recency": ("刊登時間", "Posted"),
}


def _money(amount: float, unit: str) -> str:
    return f"{'時薪' if unit == PayUnit.HOURLY else '月薪'}{round(amount):,}"


def explain(seeker_profile_: scoring.SeekerProfile, vacancy: Vacancy,
            now: datetime) -> tuple[float, tuple[Reason, ...]]:
    """The score of a pair (the seeker's profile as read from the database, the vacancy
    row with its occupation and district), with a sentence per part."""
    profile = vacancy_profile(vacancy)
    breakdown = scoring.score_pair(seeker_profile_, profile, now=now.timestamp(), codes=codes())
    names = occupation_names()
    wanted_names = [names.get(code, code) for code in seeker_profile_.occupations]
    details: dict[str, tuple[str, str]] = {}
    fit = {part.name: part.fit for part in breakdown.parts}
    if fit["occupation"] == 1:
        details["occupation"] = (f"希望從事「{vacancy.occupation.name_zh}」", f"Wants {vacancy.occupation.name_en}")
    elif fit["occupation"] > 0:
        details["occupation"] = (f"同職業大類（希望：{'、'.join(wanted_names)}）",
                                 "Same major occupation group")
    else:
        details["occupation"] = ("非希望職業", "Not an occupation they want")
    if not seeker_profile_.districts:
        details["district"] = ("不限工作地區", "Any district")
    elif fit["district"]:
        details["district"] = (f"可在{vacancy.district.name_zh}工作", f"Can work in {vacancy.district.name_en}")
    else:
        details["district"] = (f"{vacancy.district.name_zh}不在希望地區",
                               f"{vacancy.district.name_en} is not a district they chose")
    if seeker_profile_.expected_pay is None:
        details["pay"] = ("未填期望待遇", "No expected pay given")
    else:
        expected = _money(seeker_profile_.expected_pay, seeker_profile_.pay_unit)
        if fit["pay"] == 1:
            details["pay"] = (f"{vacancy.pay_text}，達期望{expected}", f"{vacancy.pay_text} meets {expected}")
        else:
            details["pay"] = (f"{vacancy.pay_text}，低於期望{expected}", f"{vacancy.pay_text} is below {expected}")
    levels = codes().education  # Education.values builds a new list on every access
    education_ok = levels.index(seeker_profile_.education) >= levels.index(vacancy.education_min)
    hours_ok = not seeker_profile_.hours or vacancy.hours in seeker_profile_.hours
    hours_label = WorkingHours(vacancy.hours).label.split()[0]
    details["requirements"] = (
        f"學歷{'符合' if education_ok else '未達'}（要求{Education(vacancy.education_min).label.split()[0]}）；"
        f"工作時段{hours_label}{'可配合' if hours_ok else '不在希望時段'}",
        f"Education {'meets' if education_ok else 'below'} the minimum; hours {'suit' if hours_ok else 'do not suit'}",
    )
    wanted = skill_terms.labels(vacancy.skill_bits)
    shared = skill_terms.labels(vacancy.skill_bits & seeker_profile_.skill_bits)
    if not wanted:
        details["skills"] = ("職缺未列特定技能", "The ad names no particular skill")
    elif shared:
        details["skills"] = (f"相符技能：{'、'.join(s.label_zh for s in shared)}（共需{len(wanted)}項）",
                             f"Shared: {', '.join(s.label_en for s in shared)} (of {len(wanted)})")
    else:
        details["skills"] = (f"職缺要求{'、'.join(s.label_zh for s in wanted)}，尚無相符",
                             f"Asks for {', '.join(s.label_en for s in wanted)}; none shared")
    days = max(0, (timezone.localdate(now) - timezone.localdate(vacancy.posted_at)).days) if vacancy.posted_at else 0
    details["recency"] = (f"{days}天前刊登" if days else "今天刊登", f"Posted {days} days ago" if days else "Posted today")
    reasons = tuple(
        Reason(part=part.name, label_zh=PART_LABELS[part.name][0], label_en=PART_LABELS[part.name][1],
               weight=scoring.WEIGHTS[part.name], points=round(part.points, 1),
               detail_zh=details[part.name][0], detail_en=details[part.name][1])
        for part in breakdown.parts
    )
    return round(breakdown.total, 1), reasons


def _can_see_seeker_matches(user: User, seeker: JobSeeker) -> bool:
    if user.is_authenticated and user.kind == UserKind.CITIZEN:
        return user.person_id is not None and user.person_id == seeker.person_id
    return employment_services.can_read(user)


def seeker_matches(*, seeker: JobSeeker, actor: User, k: int = TOP_K, now: datetime | None = None) -> list[Match]:
    """The k best open vacancies for the seeker, best first, explained. The counsellor's
    exclusions are left out; vacancies already referred are marked."""
    if not _can_see_seeker_matches(actor, seeker):
        raise NotFound("求職登記", "registration")
    if not 1 <= k <= 100:
        raise ApplicationError("筆數應為1至100。", "k: 1 to 100.", field="k")
    now = now or timezone.now()
    profile = seeker_profile(seeker)
    excluded = set(MatchOverride.objects.filter(seeker=seeker).values_list("vacancy_id", flat=True))
    top = vacancy_matrix(now).top(profile, k, exclude=excluded)
    vacancies = (Vacancy.objects.select_related("employer", "occupation", "district")
                 .annotate(referred=Exists(Referral.objects.filter(seeker=seeker, vacancy=OuterRef("pk"))))
                 .in_bulk([pk for pk, _ in top]))
    matches = []
    for pk, _ in top:
        vacancy = vacancies.get(pk)
        if vacancy is None or vacancy.status != VacancyStatus.ACTIVE:
            continue
        score, reasons = explain(profile, vacancy, now)
        matches.append(Match(score=score, reasons=reasons, vacancy=vacancy, referred=vacancy.referred))
    matches.sort(key=lambda match: (-match.score, -(match.vacancy.posted_at.timestamp() if match.vacancy.posted_at
                                                    else 0)))
    return matches


def vacancy_matches(*, vacancy: Vacancy, actor: User, k: int = TOP_K, now: datetime | None = None) -> list[Match]:
    """The k best active job seekers who consented to matching, for the employment
    service's staff only (an employer sees seekers only once referred). Logged."""
    if not employment_services.can_read(actor):
        raise NotFound("職缺", "vacancy")
    if not 1 <= k <= 100:
        raise ApplicationError("筆數應為1至100。", "k: 1 to 100.", field="k")
    now = now or timezone.now()
    if vacancy.status != VacancyStatus.ACTIVE:
        return []
    excluded = set(MatchOverride.objects.filter(vacancy=vacancy).values_list("seeker_id", flat=True))
    top = seeker_matrix().top(vacancy_profile(vacancy), k, now=now.timestamp(), exclude=excluded)
    seekers = (JobSeeker.objects.select_related("person").prefetch_related("desired_occupations", "districts")
               .in_bulk([pk for pk, _ in top]))
    referred = set(Referral.objects.filter(vacancy=vacancy, seeker_id__in=list(seekers))
                   .values_list("seeker_id", flat=True))
    rows = JobSeeker.objects.filter(pk__in=list(seekers)).values_list(*SEEKER_FIELDS)
    profiles = {profile.id: profile for profile in _seeker_profiles(list(rows))}
    matches = []
    for pk, _ in top:
        seeker = seekers.get(pk)
        if seeker is None or not profiles[pk].active:
            continue
        score, reasons = explain(profiles[pk], vacancy, now)
        matches.append(Match(score=score, reasons=reasons, seeker=seeker, referred=pk in referred))
    matches.sort(key=lambda match: (-match.score, match.seeker.pk))
    access_log_record(user=actor, action="view", object_type="vacancy_matches", object_id=vacancy.pk,
                      purpose="就業服務（職缺媒合求職人）", object_label=f"{len(matches)} 位求職人")
    return matches


# --- the counsellor's overrides ------------------------------------------------------------


def match_exclude(*, seeker: JobSeeker, vacancy: Vacancy, reason: str, actor: User) -> MatchOverride:
    """A counsellor takes a vacancy off a seeker's matches (and the seeker off the
    vacancy's), with the reason. Once per pair."""
    employment_services.require_server(actor)
    reason = employment_services.clean_text(reason, field="reason", label_zh="原因", label_en="Reason",
                                            max_length=200, min_length=2)
    with transaction.atomic():
        if MatchOverride.objects.filter(seeker=seeker, vacancy=vacancy).exists():
            raise Conflict("此職缺已排除。", "This vacancy is already excluded for this job seeker.")
        return MatchOverride.objects.create(seeker=seeker, vacancy=vacancy, reason=reason, by=actor)


def match_include(*, override: MatchOverride, actor: User) -> None:
    employment_services.require_server(actor)
    MatchOverride.objects.filter(pk=override.pk).delete()


# --- bulk runs --------------------------------------------------------------------------------


def match_run_start(*, seeker_ids: Iterable[int], actor: User, label: str) -> MatchRun:
    """Queue a bulk run for the listed seekers (active, consenting ones are matched; the
    others are counted but get no matches). Runs in the background worker."""
    employment_services.require_server(actor)
    label = employment_services.clean_text(label, field="label", label_zh="名稱", label_en="Label", max_length=100,
                                           min_length=2)
    ids = sorted(set(int(pk) for pk in seeker_ids))
    if not ids:
        raise ApplicationError("請至少指定一位求職人。", "List at least one job seeker.", field="seeker_ids")
    if len(ids) > MAX_RUN_SEEKERS:
        raise ApplicationError(f"一次最多{MAX_RUN_SEEKERS:,}位求職人。", f"At most {MAX_RUN_SEEKERS:,} job seekers a run.",
                               field="seeker_ids")
    known = set()
    for start in range(0, len(ids), 5000):
        known.update(JobSeeker.objects.filter(pk__in=ids[start:start + 5000]).values_list("pk", flat=True))
    unknown = [pk for pk in ids if pk not in known]
    if unknown:
        raise ApplicationError(f"查無求職登記：{', '.join(map(str, unknown[:5]))}{'…' if len(unknown) > 5 else ''}",
                               f"Unknown job seekers: {', '.join(map(str, unknown[:5]))}", field="seeker_ids")
    with transaction.atomic():
        run = MatchRun.objects.create(label=label, seeker_ids=ids, total=len(ids), requested_by=actor)
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from laborbureau.employment.tasks import match_run_execute

    match_run_execute.enqueue(run_id)


def _processes(total: int) -> int:
    if total < PARALLEL_MIN:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def match_run_execute(run_id: int, now: datetime | None = None) -> MatchRun:
    """Score the run's seekers (resuming after the ones already done), writing results and
    progress a chunk at a time. Uses a pool of processes (one per core) for large runs."""
    now = now or timezone.now()
    claimed = MatchRun.objects.filter(pk=run_id, status__in=(MatchRunStatus.QUEUED, MatchRunStatus.RUNNING,
                                                             MatchRunStatus.FAILED))
    if not claimed.update(status=MatchRunStatus.RUNNING, started_at=now, error=""):
        return MatchRun.objects.get(pk=run_id)
    run = MatchRun.objects.get(pk=run_id)
    try:
        done = set(MatchRunResult.objects.filter(run=run).values_list("seeker_id", flat=True))
        todo = [pk for pk in run.seeker_ids if pk not in done]
        matrix = vacancy_matrix(now)
        processes = _processes(len(todo))
        MatchRun.objects.filter(pk=run.pk).update(done=len(done), processes=processes,
                                                  vacancies_scored=matrix.live_count)
        chunks = [todo[start:start + RUN_CHUNK] for start in range(0, len(todo), RUN_CHUNK)]
        if processes == 1:
            for chunk in chunks:
                _record(run, scoring.top_each(matrix, _run_profiles(chunk), TOP_K))
        else:
            _run_parallel(run, matrix, chunks, processes, now)
    except Exception as error:  # noqa: BLE001 - the run shows the failure; the worker goes on
        log.exception("match run %s failed", run_id)
        MatchRun.objects.filter(pk=run.pk).update(status=MatchRunStatus.FAILED, error=str(error)[:300],
                                                  finished_at=timezone.now())
    else:
        MatchRun.objects.filter(pk=run.pk).update(status=MatchRunStatus.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _run_profiles(chunk: list[int]) -> list[scoring.SeekerProfile]:
    return _seeker_profiles(list(JobSeeker.objects.filter(pk__in=chunk).values_list(*SEEKER_FIELDS)))


def _run_parallel(run: MatchRun, matrix: scoring.VacancyMatrix, chunks: list[list[int]], processes: int,
                  now: datetime) -> None:
    with tempfile.TemporaryDirectory(prefix="lb-match-") as folder:
        path = Path(folder) / "vacancies.npz"
        matrix.save(path)
        # Spawned (not forked) workers: they import only employment.scoring and never
        # share the parent's database connection.
        with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"),
                                 initializer=scoring.worker_init,
                                 initargs=(str(path), now.timestamp(), timezone.localdate(now).toordinal())) as pool:
            futures = [pool.submit(scoring.worker_score, _run_profiles(chunk), TOP_K) for chunk in chunks]
            for future in as_completed(futures):
                _record(run, future.result())


def _record(run: MatchRun, results: list[tuple[int, list[tuple[int, float]]]]) -> None:
    with transaction.atomic():
        MatchRunResult.objects.bulk_create(
            [MatchRunResult(run=run, seeker_id=seeker_id, matches=[[pk, round(score, 1)] for pk, score in top])
             for seeker_id, top in results],
            ignore_conflicts=True,
        )
        # Counted, not added: a run resumed by a second worker skips the rows already there.
        MatchRun.objects.filter(pk=run.pk).update(done=MatchRunResult.objects.filter(run=run).count())


def run_results(run: MatchRun, *, limit: int) -> list[dict]:
    """The first `limit` results with the seekers and the best three vacancies of each (for
    the page): two queries whatever the number of rows."""
    results = list(MatchRunResult.objects.filter(run=run).select_related("seeker__person").order_by("pk")[:limit])
    vacancy_ids = {pk for result in results for pk, _ in result.matches[:3]}
    vacancies = Vacancy.objects.select_related("employer", "district").in_bulk(list(vacancy_ids))
    return [
        {"result": result, "top": [(vacancies[pk], score) for pk, score in result.matches[:3] if pk in vacancies]}
        for result in results
    ]


# --- the daily digest ------------------------------------------------------------------


def digest_send(now: datetime | None = None) -> int:
    """Tell each job seeker who asked for it of the new vacancies posted since their last
    digest that match them well (score at least DIGEST_MIN_SCORE; at most DIGEST_SIZE),
    once a day from DIGEST_HOUR (Taipei). Idempotent within the day; returns the number
    of seekers told."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    due = (JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_to_matching=True, digest_opt_in=True)
           .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lt=start_of_day)))
    told = 0
    floor = now - timedelta(days=7)  # a seeker back after a long pause hears of the last week only
    matrix = vacancy_matrix(now)
    posted = matrix.columns["posted_at"]
    while True:
        rows = list(due.order_by("pk").values_list(*SEEKER_FIELDS, "digest_sent_at")[:DIGEST_BATCH])
        if not rows:
            break
        sent_at = {row[0]: row[-1] for row in rows}
        profiles = _seeker_profiles([row[:-1] for row in rows])
        picks: dict[int, list[tuple[int, float]]] = {}
        for profile in profiles:
            since = max(sent_at[profile.id] or now - timedelta(days=1), floor).timestamp()
            scores = matrix.score(profile)
            scores[posted <= since] = scoring.DEAD
            scores[scores < DIGEST_MIN_SCORE] = scoring.DEAD
            rows_ = scoring.top_rows(scores, posted, DIGEST_SIZE)
            if len(rows_):
                picks[profile.id] = [(int(matrix.columns["id"][row]), float(scores[row])) for row in rows_]
        with transaction.atomic():
            _digest_notify(picks)
            JobSeeker.objects.filter(pk__in=[row[0] for row in rows]).update(digest_sent_at=now)
        told += len(picks)
    return told


def _digest_notify(picks: dict[int, list[tuple[int, float]]]) -> None:
    if not picks:
        return
    vacancies = Vacancy.objects.select_related("employer", "district").in_bulk(
        list({pk for top in picks.values() for pk, _ in top}))
    seekers = JobSeeker.objects.select_related("person").in_bulk(list(picks))
    accounts = defaultdict(list)
    for account in User.objects.filter(kind=UserKind.CITIZEN, is_active=True,
                                       person_id__in=[s.person_id for s in seekers.values()]):
        accounts[account.person_id].append(account)
    for seeker_id, top in picks.items():
        seeker = seekers[seeker_id]
        lines = [f"・{v.title}｜{v.employer.name}｜{v.district.name_zh}｜{v.pay_text}｜/jobs/{v.pk}/"
                 for v in (vacancies.get(pk) for pk, _ in top) if v is not None]
        subject_zh = f"今日為您配對的新職缺：{len(lines)}筆"
        subject_en = f"New vacancies matching you today: {len(lines)}"
        body = "\n".join(lines)
        recipients = accounts.get(seeker.person_id, [])
        for account in recipients:
            outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body, body_en=body,
                         link="/portal/job-seeker/matches/")
        if not recipients and seeker.person.email:
            outbox_write(email=seeker.person.email, subject_zh=subject_zh, subject_en=subject_en, body_zh=body,
                         body_en=body, link="/portal/job-seeker/matches/")
