"""The match score without a database: the parts as documented, and the vectorised paths
(one seeker against all vacancies, one vacancy against all seekers, the top k) held to the
plain reference `score_pair` on random profiles."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laborbureau.employment import scoring

CODES = scoring.Codes(
    occupations=("11", "12", "24", "25", "41", "43", "51", "52", "53", "54", "83", "91", "93"),
    districts=("63000010", "63000020", "63000030", "63000040"),
    education=("NONE", "JUNIOR_HIGH", "SENIOR_HIGH", "ASSOCIATE", "BACHELOR", "MASTER", "DOCTORATE"),
    hours=("FULL_TIME", "PART_TIME", "SHIFT", "NIGHT"),
)
NOW = 1_790_000_000.0
TODAY = 739_000

seekers = st.builds(
    scoring.SeekerProfile,
    id=st.integers(1, 10**6),
    occupations=st.lists(st.sampled_from(CODES.occupations), min_size=1, max_size=5, unique=True).map(tuple),
    districts=st.lists(st.sampled_from(CODES.districts), max_size=4, unique=True).map(tuple),
    pay_unit=st.sampled_from(["MONTHLY", "HOURLY"]),
    expected_pay=st.one_of(st.none(), st.integers(1, 200_000)),
    hours=st.lists(st.sampled_from(CODES.hours), max_size=4, unique=True).map(tuple),
    education=st.sampled_from(CODES.education),
    skill_bits=st.integers(0, 2**63 - 1),
    active=st.just(True),
)


def vacancy_strategy(record_id=None):
    return st.builds(
        scoring.VacancyProfile,
        id=st.just(record_id) if record_id is not None else st.integers(1, 10**6),
        occupation=st.sampled_from(CODES.occupations),
        district=st.sampled_from(CODES.districts),
        pay_unit=st.sampled_from(["MONTHLY", "HOURLY"]),
        pay_min=st.integers(190, 150_000),
        pay_max=st.one_of(st.none(), st.integers(150_000, 300_000)),
        hours=st.sampled_from(CODES.hours),
        education_min=st.sampled_from(CODES.education),
        skill_bits=st.integers(0, 2**63 - 1),
        posted_at=st.floats(NOW - 200 * 86400, NOW + 3600),
        closing=st.integers(TODAY - 3, TODAY + 90),
        active=st.booleans(),
    )


def vacancy(**overrides) -> scoring.VacancyProfile:
    values = {"id": 1, "occupation": "51", "district": "63000020", "pay_unit": "MONTHLY", "pay_min": 32000,
              "pay_max": 36000, "hours": "SHIFT", "education_min": "NONE", "skill_bits": 0b11, "posted_at": NOW,
              "closing": TODAY + 30}
    values.update(overrides)
    return scoring.VacancyProfile(**values)


def seeker(**overrides) -> scoring.SeekerProfile:
    values = {"id": 1, "occupations": ("51",), "districts": ("63000020",), "expected_pay": 34000,
              "hours": ("SHIFT",), "education": "SENIOR_HIGH", "skill_bits": 0b11}
    values.update(overrides)
    return scoring.SeekerProfile(**values)


def test_weights_add_up_to_100_and_a_perfect_pair_scores_100():
    assert sum(scoring.WEIGHTS.values()) == 100
    breakdown = scoring.score_pair(seeker(), vacancy(), now=NOW, codes=CODES)
    assert breakdown.total == pytest.approx(100)
    assert [part.name for part in breakdown.parts] == list(scoring.PARTS)


@pytest.mark.parametrize(("wanted", "occupation", "points"), [
    (("51",), "51", 35), (("52",), "51", 17.5), (("91",), "51", 0), (("41", "51"), "51", 35),
])
def test_occupation_part(wanted, occupation, points):
    breakdown = scoring.score_pair(seeker(occupations=wanted), vacancy(occupation=occupation), now=NOW, codes=CODES)
    assert breakdown.part("occupation").points == points


@pytest.mark.parametrize(("expected", "unit", "fit"), [
    (36000, "MONTHLY", 1.0),  # the top of the range reaches it
    (40000, "MONTHLY", 0.6),  # 10 % short: 1 - 0.1 / 0.25
    (48000, "MONTHLY", 0.0),  # 25 % short and more: nothing
    (None, "MONTHLY", 1.0),   # no expectation given
    (200, "HOURLY", 1.0),     # 36,000 a month = 206.9 an hour at 174 hours
    (230, "HOURLY", 1 - (230 * 174 - 36000) / (230 * 174) / 0.25),
])
def test_pay_part(expected, unit, fit):
    breakdown = scoring.score_pair(seeker(expected_pay=expected, pay_unit=unit), vacancy(), now=NOW, codes=CODES)
    assert breakdown.part("pay").fit == pytest.approx(fit)


def test_requirements_skills_and_recency_parts():
    low = scoring.score_pair(seeker(education="JUNIOR_HIGH", hours=("FULL_TIME",)),
                             vacancy(education_min="BACHELOR"), now=NOW, codes=CODES)
    assert low.part("requirements").points == 0
    half = scoring.score_pair(seeker(skill_bits=0b01), vacancy(skill_bits=0b11), now=NOW, codes=CODES)
    assert half.part("skills").points == 5
    none_named = scoring.score_pair(seeker(skill_bits=0), vacancy(skill_bits=0), now=NOW, codes=CODES)
    assert none_named.part("skills").points == 5
    two_weeks = scoring.score_pair(seeker(), vacancy(posted_at=NOW - 14 * 86400), now=NOW, codes=CODES)
    assert two_weeks.part("recency").points == pytest.approx(2.5)


@settings(max_examples=60, deadline=None)
@given(seekers, st.lists(vacancy_strategy(), min_size=1, max_size=40))
def test_one_seeker_against_all_vacancies_equals_the_reference(profile, vacancies):
    vacancies = [scoring.VacancyProfile(**{**v.__dict__, "id": index + 1}) for index, v in enumerate(vacancies)]
    matrix = scoring.VacancyMatrix(CODES)
    matrix.upsert(vacancies)
    matrix.prepare(NOW, TODAY)
    scores = matrix.score(profile)
    for row, v in enumerate(vacancies):
        if not v.active or v.closing < TODAY:
            assert scores[row] < -1e8
        else:
            assert scores[row] == pytest.approx(scoring.score_pair(profile, v, now=NOW, codes=CODES).total, abs=0.01)


@settings(max_examples=60, deadline=None)
@given(vacancy_strategy(), st.lists(seekers, min_size=1, max_size=40))
def test_one_vacancy_against_all_seekers_equals_the_reference(v, profiles):
    profiles = [scoring.SeekerProfile(**{**p.__dict__, "id": index + 1}) for index, p in enumerate(profiles)]
    matrix = scoring.SeekerMatrix(CODES)
    matrix.upsert(profiles)
    matrix.prepare()
    scores = matrix.score(v, now=NOW)
    for row, p in enumerate(profiles):
        assert scores[row] == pytest.approx(scoring.score_pair(p, v, now=NOW, codes=CODES).total, abs=0.01)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 100, width=32), min_size=1, max_size=20_000), st.integers(1, 50))
def test_top_rows_are_the_k_best(values, k):
    scores = np.array(values, dtype=np.float32)
    rows = scoring.top_rows(scores, np.arange(len(scores), dtype=np.float64), k)
    expected = np.sort(scores)[::-1][: min(k, len(scores))]
    assert np.array_equal(scores[rows], expected)  # the same scores, best first


def test_top_rows_on_many_ties_and_dead_rows():
    scores = np.full(100_000, 50, dtype=np.float32)
    scores[:10] = scoring.DEAD
    scores[500] = 70
    rows = scoring.top_rows(scores, np.arange(100_000, dtype=np.float64), 20)
    assert rows[0] == 500 and len(rows) == 20
    assert not set(rows.tolist()) & set(range(10))
    dead = np.full(10, scoring.DEAD, dtype=np.float32)
    assert len(scoring.top_rows(dead, np.arange(10, dtype=np.float64), 5)) == 0


def test_rows_are_updated_in_place_and_closed_rows_leave_the_top():
    matrix = scoring.VacancyMatrix(CODES)
    matrix.upsert([vacancy(id=1), vacancy(id=2, occupation="91")])
    matrix.prepare(NOW, TODAY)
    assert [pk for pk, _ in matrix.top(seeker(), 2)] == [1, 2]
    matrix.upsert([vacancy(id=1, active=False)])  # withdrawn
    matrix.prepare(NOW, TODAY)
    assert matrix.size == 2
    assert [pk for pk, _ in matrix.top(seeker(), 2)] == [2]
    matrix.prepare(NOW, TODAY + 31)  # past the closing date
    assert matrix.top(seeker(), 2) == []


def test_the_saved_columns_score_the_same_in_a_worker(tmp_path):
    matrix = scoring.VacancyMatrix(CODES)
    matrix.upsert([vacancy(id=index, pay_min=30000 + 100 * index, pay_max=None) for index in range(1, 300)])
    matrix.save(tmp_path / "v.npz")
    scoring.worker_init(str(tmp_path / "v.npz"), NOW, TODAY)
    [(seeker_id, top)] = scoring.worker_score([seeker(expected_pay=50000)], 5)
    matrix.prepare(NOW, TODAY)
    assert seeker_id == 1 and top == matrix.top(seeker(expected_pay=50000), 5)
    assert all(not math.isnan(score) for _, score in top)
