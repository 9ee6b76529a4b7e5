"""The job bank's match score, pure Python and numpy (no Django: the bulk run's worker
processes import only this module).

One score from 0 to 100 for a (job seeker, vacancy) pair, the sum of six parts, each a fit
from 0 to 1 times its weight, so that a counsellor can read why a match ranks where it does:

| part          | weight | fit                                                                         |
|---------------|--------|-----------------------------------------------------------------------------|
| occupation    | 35     | 1 the vacancy's sub-major group is one the seeker wants; 0.5 same major group |
| district      | 20     | 1 the seeker can work in the vacancy's district (or anywhere); else 0        |
| pay           | 15     | 1 the top of the pay range reaches the expected pay; falls to 0 at 25 % short |
| requirements  | 15     | 0.6 education at or above the minimum + 0.4 the hours are ones they accept     |
| skills        | 10     | share of the vacancy's skill terms the seeker has; 0.5 when the ad names none |
| recency       | 5      | halves every 14 days since the vacancy was posted                            |

Pay in different units is compared at HOURS_PER_MONTH hours a month (40 hours × 52 weeks
/ 12 ≈ 173.3, rounded up: the divisor the Ministry of Labor uses to turn the monthly
minimum wage into an hourly figure is 240 for the old 8-hour days, so this is our own,
stated assumption, not a legal figure).

`score_pair` is the reference, a plain function of two profiles. `VacancyMatrix` and
`SeekerMatrix` hold every open vacancy / active seeker as columns and score one seeker
against all vacancies (or one vacancy against all seekers) with a dozen numpy operations;
the tests hold them to the reference. The categorical parts are folded into one lookup
table per seeker (occupation × district × education × hours: 13,104 cells), so the whole
categorical score of 200,000 vacancies is a single gather.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS = {"occupation": 35, "district": 20, "pay": 15, "requirements": 15, "skills": 10, "recency": 5}
PARTS = tuple(WEIGHTS)
HOURS_PER_MONTH = 174
PAY_SHORTFALL_TO_ZERO = 0.25  # expected pay this much above the top of the range: fit 0
RECENCY_HALF_LIFE_DAYS = 14
EDUCATION_SHARE, HOURS_SHARE = 0.6, 0.4
NO_SKILLS_FIT = 0.5
SAMPLE_STEP = 64
DEAD = np.float32(-1e9)  # the score of a closed vacancy or an inactive seeker: never in a top k


@dataclass(frozen=True)
class Codes:
    """The category lists the matrices index (kept in this order; education is ranked)."""

    occupations: tuple[str, ...]  # sub-major group codes, e.g. "51"
    districts: tuple[str, ...]
    education: tuple[str, ...]  # lowest first
    hours: tuple[str, ...]

    def majors(self) -> tuple[str, ...]:
        return tuple(sorted({code[0] for code in self.occupations}))


@dataclass(frozen=True)
class SeekerProfile:
    id: int
    occupations: tuple[str, ...]
    districts: tuple[str, ...] = ()  # empty: anywhere in the city
    pay_unit: str = "MONTHLY"
    expected_pay: int | None = None
    hours: tuple[str, ...] = ()  # empty: any hours
    education: str = "NONE"
    skill_bits: int = 0
    active: bool = True


@dataclass(frozen=True)
class VacancyProfile:
    id: int
    occupation: str
    district: str
    pay_unit: str
    pay_min: int
    pay_max: int | None
    hours: str
    education_min: str
    skill_bits: int
    posted_at: float  # epoch seconds
    closing: int  # the closing date's ordinal (date.toordinal); open through that day
    active: bool = True


@dataclass(frozen=True)
class Part:
    name: str
    fit: float
    points: float


@dataclass(frozen=True)
class Breakdown:
    total: float
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def part(self, name: str) -> Part:
        return next(part for part in self.parts if part.name == name)


def monthly_equivalent(amount: float, unit: str) -> float:
    return float(amount) * HOURS_PER_MONTH if unit == "HOURLY" else float(amount)


def pay_fit(top_monthly: float, expected_monthly: float | None) -> float:
    if expected_monthly is None:
        return 1.0
    if top_monthly >= expected_monthly:
        return 1.0
    shortfall = (expected_monthly - top_monthly) / expected_monthly
    return max(0.0, 1.0 - shortfall / PAY_SHORTFALL_TO_ZERO)


def recency_fit(posted_at: float, now: float) -> float:
    age_days = max(0.0, (now - posted_at) / 86400.0)
    return 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)


def occupation_fit(wanted: Iterable[str], occupation: str) -> float:
    wanted = tuple(wanted)
    if occupation in wanted:
        return 1.0
    if any(code[:1] == occupation[:1] for code in wanted):
        return 0.5
    return 0.0


@lru_cache(maxsize=32)
def positions(values: tuple[str, ...]) -> dict[str, int]:
    """Each code's place in its list (the column value; for education, its rank)."""
    return {value: index for index, value in enumerate(values)}


def score_pair(seeker: SeekerProfile, vacancy: VacancyProfile, *, now: float, codes: Codes) -> Breakdown:
    """The reference score of one pair (what the vectorised paths must reproduce)."""
    rank = positions(codes.education)
    top = vacancy.pay_max or vacancy.pay_min
    expected = None if seeker.expected_pay is None else monthly_equivalent(seeker.expected_pay, seeker.pay_unit)
    vacancy_skills = int(vacancy.skill_bits).bit_count()
    fits = {
        "occupation": occupation_fit(seeker.occupations, vacancy.occupation),
        "district": 1.0 if not seeker.districts or vacancy.district in seeker.districts else 0.0,
        "pay": pay_fit(monthly_equivalent(top, vacancy.pay_unit), expected),
        "requirements": (EDUCATION_SHARE * (rank[seeker.education] >= rank[vacancy.education_min])
                         + HOURS_SHARE * (not seeker.hours or vacancy.hours in seeker.hours)),
        "skills": (NO_SKILLS_FIT if vacancy_skills == 0
                   else (int(vacancy.skill_bits) & int(seeker.skill_bits)).bit_count() / vacancy_skills),
        "recency": recency_fit(vacancy.posted_at, now),
    }
    parts = tuple(Part(name, fits[name], WEIGHTS[name] * fits[name]) for name in PARTS)
    return Breakdown(total=sum(part.points for part in parts), parts=parts)


# --- growable columns -------------------------------------------------------------------


class _Columns:
    """Numpy columns that grow by doubling; `index` maps a record id to its row."""

    def __init__(self, dtypes: dict[str, np.dtype], capacity: int = 1024):
        self.dtypes = dtypes
        self.n = 0
        self.arrays = {name: np.zeros(capacity, dtype=dtype) for name, dtype in dtypes.items()}
        self.index: dict[int, int] = {}

    def _grow(self, needed: int) -> None:
        capacity = len(self.arrays["id"])
        if needed <= capacity:
            return
        while capacity < needed:
            capacity *= 2
        for name, array in self.arrays.items():
            grown = np.zeros(capacity, dtype=array.dtype)
            grown[: self.n] = array[: self.n]
            self.arrays[name] = grown

    def upsert(self, rows: dict[str, np.ndarray]) -> None:
        """Write rows (a dict of equal-length arrays with an "id" column): existing ids
        are overwritten in place, new ones appended."""
        ids = rows["id"]
        positions = np.empty(len(ids), dtype=np.int64)
        fresh = []
        for offset, record_id in enumerate(ids.tolist()):
            row = self.index.get(record_id)
            if row is None:
                row = self.n + len(fresh)
                fresh.append(record_id)
            positions[offset] = row
        self._grow(self.n + len(fresh))
        for name, values in rows.items():
            self.arrays[name][positions] = values
        for offset, record_id in enumerate(fresh):
            self.index[record_id] = self.n + offset
        self.n += len(fresh)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name][: self.n]


def top_rows(scores: np.ndarray, tiebreak: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k best scores (ties: larger tiebreak first), best first; dead rows excluded."""
    if k <= 0 or len(scores) == 0:
        return np.empty(0, dtype=np.int64)
    k = min(k, len(scores))
    candidates = None
    if len(scores) > 64 * SAMPLE_STEP:
        # A cut-off from every SAMPLE_STEP-th score: its r-th best leaves about r × step rows
        # above it, a few hundred instead of a partition of all rows (1.5 ms at 200,000).
        sample = scores[::SAMPLE_STEP]
        rank = min(len(sample), k // SAMPLE_STEP + 2)
        cutoff = np.partition(sample, len(sample) - rank)[len(sample) - rank]
        above = np.flatnonzero(scores >= cutoff)
        if len(above) >= k:
            candidates = above
    if candidates is None:
        candidates = np.arange(len(scores))
    if len(candidates) > k:
        chosen = scores[candidates]
        candidates = candidates[np.argpartition(chosen, len(chosen) - k)[len(chosen) - k:]]
    candidates = candidates[scores[candidates] > DEAD / 2]
    order = np.lexsort((-tiebreak[candidates], -scores[candidates]))
    return candidates[order]


# --- vacancies as columns --------------------------------------------------------------

VACANCY_COLUMNS = {
    "id": np.int64, "occupation": np.int16, "major": np.int16, "district": np.int16, "education": np.int16,
    "hours": np.int16, "top_monthly": np.float32, "skills": np.uint64, "skill_count": np.int16,
    "posted_at": np.float64, "closing": np.int32, "active": np.bool_,
}


class VacancyMatrix:
    """Every vacancy the matcher knows, as columns; `prepare(now, today)` fixes the parts
    that depend only on the vacancy (open or not, recency, skills baseline)."""

    def __init__(self, codes: Codes):
        self.codes = codes
        self.columns = _Columns({name: np.dtype(dtype) for name, dtype in VACANCY_COLUMNS.items()})
        self._occupation = positions(codes.occupations)
        self._major = positions(codes.majors())
        self._district = positions(codes.districts)
        self._education = positions(codes.education)
        self._hours = positions(codes.hours)
        self._prepared_for: tuple | None = None
        self.version = 0

    @property
    def size(self) -> int:
        return self.columns.n

    def upsert(self, vacancies: Sequence[VacancyProfile]) -> None:
        if not vacancies:
            return
        known = [v for v in vacancies if v.occupation in self._occupation and v.district in self._district]
        self.columns.upsert({
            "id": np.array([v.id for v in known], dtype=np.int64),
            "occupation": np.array([self._occupation[v.occupation] for v in known], dtype=np.int16),
            "major": np.array([self._major[v.occupation[0]] for v in known], dtype=np.int16),
            "district": np.array([self._district[v.district] for v in known], dtype=np.int16),
            "education": np.array([self._education[v.education_min] for v in known], dtype=np.int16),
            "hours": np.array([self._hours[v.hours] for v in known], dtype=np.int16),
            "top_monthly": np.array([monthly_equivalent(v.pay_max or v.pay_min, v.pay_unit) for v in known],
                                    dtype=np.float32),
            "skills": np.array([v.skill_bits for v in known], dtype=np.uint64),
            "skill_count": np.array([int(v.skill_bits).bit_count() for v in known], dtype=np.int16),
            "posted_at": np.array([v.posted_at for v in known], dtype=np.float64),
            "closing": np.array([v.closing for v in known], dtype=np.int32),
            "active": np.array([v.active for v in known], dtype=np.bool_),
        })
        self._prepared_for = None
        self.version += 1

    def prepare(self, now: float, today_ordinal: int) -> None:
        """Per-vacancy constants for scoring at `now` (recomputed when `now` moves an hour,
        the day changes or rows changed)."""
        key = (self.version, int(now // 3600), today_ordinal)
        if self._prepared_for == key:
            return
        c = self.columns
        n_edu, n_hours = len(self.codes.education), len(self.codes.hours)
        self.category = (((c["occupation"].astype(np.int32) * len(self.codes.districts) + c["district"]) * n_edu
                          + c["education"]) * n_hours + c["hours"])
        counts = c["skill_count"].astype(np.float32)
        self.skill_scale = np.where(counts > 0, WEIGHTS["skills"] / np.maximum(counts, 1), 0).astype(np.float32)
        recency = 0.5 ** (np.maximum(0.0, (now - c["posted_at"]) / 86400.0) / RECENCY_HALF_LIFE_DAYS)
        static = WEIGHTS["recency"] * recency + np.where(counts == 0, WEIGHTS["skills"] * NO_SKILLS_FIT, 0)
        live = c["active"] & (c["closing"] >= today_ordinal)
        self.static = np.where(live, static, DEAD).astype(np.float32)
        self.live_count = int(live.sum())
        self._prepared_for = key

    def seeker_table(self, seeker: SeekerProfile) -> np.ndarray:
        """The seeker's score of every (occupation, district, education, hours) cell."""
        codes = self.codes
        occupation = np.array([occupation_fit(seeker.occupations, code) for code in codes.occupations])
        district = np.array([1.0 if not seeker.districts or code in seeker.districts else 0.0
                             for code in codes.districts])
        rank = self._education.get(seeker.education, 0)
        education = np.array([1.0 if rank >= index else 0.0 for index in range(len(codes.education))])
        hours = np.array([1.0 if not seeker.hours or code in seeker.hours else 0.0 for code in codes.hours])
        table = (WEIGHTS["occupation"] * occupation[:, None, None, None]
                 + WEIGHTS["district"] * district[None, :, None, None]
                 + WEIGHTS["requirements"] * (EDUCATION_SHARE * education[None, None, :, None]
                                              + HOURS_SHARE * hours[None, None, None, :]))
        return table.astype(np.float32).ravel()

    def score(self, seeker: SeekerProfile) -> np.ndarray:
        """Scores of every row for `seeker` (call `prepare` first); dead rows score DEAD."""
        c = self.columns
        scores = self.seeker_table(seeker)[self.category]
        scores += self.static
        if seeker.expected_pay is not None:
            expected = monthly_equivalent(seeker.expected_pay, seeker.pay_unit)
            # pay fit = clamp(1 - (expected - top) / expected / 0.25, 0, 1) = clamp(4 top / expected - 3)
            slope = 1.0 / PAY_SHORTFALL_TO_ZERO
            pay = c["top_monthly"] * np.float32(WEIGHTS["pay"] * slope / expected)
            pay -= np.float32(WEIGHTS["pay"] * (slope - 1))
            np.clip(pay, 0, WEIGHTS["pay"], out=pay)
            scores += pay
        else:
            scores += np.float32(WEIGHTS["pay"])
        if seeker.skill_bits:
            shared = np.bitwise_count(c["skills"] & np.uint64(seeker.skill_bits))
            scores += shared * self.skill_scale
        return scores

    def top(self, seeker: SeekerProfile, k: int, *, exclude: Iterable[int] = ()) -> list[tuple[int, float]]:
        scores = self.score(seeker)
        for record_id in exclude:
            row = self.columns.index.get(record_id)
            if row is not None:
                scores[row] = DEAD
        rows = top_rows(scores, self.columns["posted_at"], k)
        ids = self.columns["id"][rows]
        return [(int(record_id), float(score)) for record_id, score in zip(ids, scores[rows], strict=True)]

    def profile(self, record_id: int) -> VacancyProfile | None:
        """The profile a row holds (for explanations); pay is given back in monthly terms."""
        row = self.columns.index.get(record_id)
        if row is None:
            return None
        c, codes = self.columns, self.codes
        return VacancyProfile(
            id=record_id, occupation=codes.occupations[c["occupation"][row]], district=codes.districts[c["district"][row]],
            pay_unit="MONTHLY", pay_min=float(c["top_monthly"][row]), pay_max=None,
            hours=codes.hours[c["hours"][row]], education_min=codes.education[c["education"][row]],
            skill_bits=int(c["skills"][row]), posted_at=float(c["posted_at"][row]), closing=int(c["closing"][row]),
            active=bool(c["active"][row]),
        )

    # The bulk run's worker processes load the columns from a file instead of the database.
    def save(self, path: Path) -> None:
        np.savez(path, codes=np.array([list(self.codes.occupations), list(self.codes.districts),
                                       list(self.codes.education), list(self.codes.hours)], dtype=object),
                 **{name: self.columns[name] for name in VACANCY_COLUMNS})

    @classmethod
    def load(cls, path: Path) -> VacancyMatrix:
        with np.load(path, allow_pickle=True) as data:
            occupations, districts, education, hours = (tuple(values) for values in data["codes"])
            matrix = cls(Codes(occupations, districts, education, hours))
            columns = {name: data[name] for name in VACANCY_COLUMNS}
        matrix.columns._grow(len(columns["id"]) + 1)
        for name, values in columns.items():
            matrix.columns.arrays[name][: len(values)] = values
        matrix.columns.n = len(columns["id"])
        matrix.columns.index = {int(record_id): row for row, record_id in enumerate(columns["id"].tolist())}
        matrix.version += 1
        return matrix


# --- job seekers as columns ------------------------------------------------------------

SEEKER_COLUMNS = {
    "id": np.int64, "occupations": np.uint64, "majors": np.uint16, "districts": np.uint16, "education": np.int16,
    "hours": np.uint8, "expected_monthly": np.float32, "skills": np.uint64, "active": np.bool_,
}


class SeekerMatrix:
    """Every job seeker the matcher knows, as columns, for scoring one vacancy against all."""

    def __init__(self, codes: Codes):
        if len(codes.occupations) > 64 or len(codes.districts) > 16 or len(codes.hours) > 8:
            raise ValueError("the seeker matrix holds at most 64 occupations, 16 districts and 8 hour kinds")
        self.codes = codes
        self.columns = _Columns({name: np.dtype(dtype) for name, dtype in SEEKER_COLUMNS.items()})
        self._occupation = positions(codes.occupations)
        self._major = positions(codes.majors())
        self._district = positions(codes.districts)
        self._education = positions(codes.education)
        self._hours = positions(codes.hours)
        self._prepared_for: int | None = None
        self.version = 0

    @property
    def size(self) -> int:
        return self.columns.n

    @staticmethod
    def _bits(values: Iterable[str], positions: dict[str, int]) -> int:
        bits = 0
        for value in values:
            if value in positions:
                bits |= 1 << positions[value]
        return bits

    def upsert(self, seekers: Sequence[SeekerProfile]) -> None:
        if not seekers:
            return
        self.columns.upsert({
            "id": np.array([s.id for s in seekers], dtype=np.int64),
            "occupations": np.array([self._bits(s.occupations, self._occupation) for s in seekers], dtype=np.uint64),
            "majors": np.array([self._bits({code[0] for code in s.occupations}, self._major) for s in seekers],
                               dtype=np.uint16),
            "districts": np.array([self._bits(s.districts, self._district) for s in seekers], dtype=np.uint16),
            "education": np.array([self._education.get(s.education, 0) for s in seekers], dtype=np.int16),
            "hours": np.array([self._bits(s.hours, self._hours) for s in seekers], dtype=np.uint8),
            "expected_monthly": np.array([np.nan if s.expected_pay is None
                                          else monthly_equivalent(s.expected_pay, s.pay_unit) for s in seekers],
                                         dtype=np.float32),
            "skills": np.array([s.skill_bits for s in seekers], dtype=np.uint64),
            "active": np.array([s.active for s in seekers], dtype=np.bool_),
        })
        self._prepared_for = None
        self.version += 1

    def prepare(self) -> None:
        """Per-category rows of weighted points, so that one vacancy's categorical score is
        four row lookups and three additions."""
        if self._prepared_for == self.version:
            return
        c = self.columns
        occupations, majors = c["occupations"], c["majors"]
        self.occupation_points = np.empty((len(self.codes.occupations), self.size), dtype=np.float32)
        for index, code in enumerate(self.codes.occupations):
            exact = (occupations & np.uint64(1 << index)) != 0
            same_major = (majors & np.uint16(1 << self._major[code[0]])) != 0
            self.occupation_points[index] = np.where(exact, 1.0, np.where(same_major, 0.5, 0.0)) * WEIGHTS["occupation"]
        anywhere = c["districts"] == 0
        self.district_points = np.stack([
            np.where(anywhere | ((c["districts"] & np.uint16(1 << index)) != 0), WEIGHTS["district"], 0.0)
            for index in range(len(self.codes.districts))
        ]).astype(np.float32)
        requirements = WEIGHTS["requirements"]
        self.education_points = np.stack([
            np.where(c["education"] >= index, requirements * EDUCATION_SHARE, 0.0)
            for index in range(len(self.codes.education))
        ]).astype(np.float32)
        any_hours = c["hours"] == 0
        self.hours_points = np.stack([
            np.where(any_hours | ((c["hours"] & np.uint8(1 << index)) != 0), requirements * HOURS_SHARE, 0.0)
            for index in range(len(self.codes.hours))
        ]).astype(np.float32)
        slope = 1.0 / PAY_SHORTFALL_TO_ZERO
        expected = c["expected_monthly"]
        with np.errstate(divide="ignore", invalid="ignore"):
            # No expected pay: an infinite slope, so the clamp gives the full points.
            self.pay_scale = np.where(np.isnan(expected), np.inf, WEIGHTS["pay"] * slope / expected).astype(np.float32)
        self.static = np.where(c["active"], 0.0, DEAD).astype(np.float32)
        self._prepared_for = self.version

    def score(self, vacancy: VacancyProfile, *, now: float) -> np.ndarray:
        c = self.columns
        o = self.codes.occupations.index(vacancy.occupation)
        d = self.codes.districts.index(vacancy.district)
        e = self.codes.education.index(vacancy.education_min)
        h = self.codes.hours.index(vacancy.hours)
        scores = self.occupation_points[o] + self.district_points[d]
        scores += self.education_points[e]
        scores += self.hours_points[h]
        scores += self.static
        top = np.float32(monthly_equivalent(vacancy.pay_max or vacancy.pay_min, vacancy.pay_unit))
        pay = self.pay_scale * top
        pay -= np.float32(WEIGHTS["pay"] * (1.0 / PAY_SHORTFALL_TO_ZERO - 1))
        np.clip(pay, 0, WEIGHTS["pay"], out=pay)
        scores += pay
        count = int(vacancy.skill_bits).bit_count()
        if count:
            shared = np.bitwise_count(c["skills"] & np.uint64(vacancy.skill_bits))
            scores += shared * np.float32(WEIGHTS["skills"] / count)
        else:
            scores += np.float32(WEIGHTS["skills"] * NO_SKILLS_FIT)
        scores += np.float32(WEIGHTS["recency"] * recency_fit(vacancy.posted_at, now))
        return scores

    def top(self, vacancy: VacancyProfile, k: int, *, now: float, exclude: Iterable[int] = ()) -> list[tuple[int, float]]:
        scores = self.score(vacancy, now=now)
        for record_id in exclude:
            row = self.columns.index.get(record_id)
            if row is not None:
                scores[row] = DEAD
        rows = top_rows(scores, self.columns["id"].astype(np.float64), k)
        ids = self.columns["id"][rows]
        return [(int(record_id), float(score)) for record_id, score in zip(ids, scores[rows], strict=True)]


# --- the bulk run's worker processes ----------------------------------------------------

_worker_matrix: VacancyMatrix | None = None


def worker_init(path: str, now: float, today_ordinal: int) -> None:
    """Process-pool initializer: load the vacancy columns written by the parent."""
    global _worker_matrix
    _worker_matrix = VacancyMatrix.load(Path(path))
    _worker_matrix.prepare(now, today_ordinal)


def top_each(matrix: VacancyMatrix, seekers: list[SeekerProfile], k: int) -> list[tuple[int, list[tuple[int, float]]]]:
    """Top k vacancies for each seeker of a chunk; none for an inactive one (paused, or
    no consent to matching)."""
    return [(seeker.id, matrix.top(seeker, k) if seeker.active else []) for seeker in seekers]


def worker_score(seekers: list[SeekerProfile], k: int) -> list[tuple[int, list[tuple[int, float]]]]:
    """`top_each` in a worker process, on the columns `worker_init` loaded."""
    assert _worker_matrix is not None, "worker_init was not run"
    return top_each(_worker_matrix, seekers, k)
