"""Matching through the services and the API: explained matches both ways, updates when
either side changes, the counsellor's exclusions, bulk runs with progress, the daily digest."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, NotFound
from laborbureau.core.models import AccessLogEntry
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, citizen, employer_user
from laborbureau.employment import matching, services, skills
from laborbureau.employment.models import MatchOverride, MatchRun, MatchRunResult, MatchRunStatus
from laborbureau.employment.tests.factories import counsellor, profile, seeker, vacancy, vacancy_input
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def officer():
    return counsellor()


@pytest.fixture
def employer():
    return employer_user(EmployerFactory())


def test_skill_terms_are_found_in_chinese_and_latin_text():
    bits = skills.bits_of_text("熟悉Python與Excel，具堆高機證照，會臺語尤佳")
    assert {s.code for s in skills.labels(bits)} == {"python", "excel", "forklift", "taiwanese"}
    assert {s.code for s in skills.labels(skills.bits_of_text("JavaScript 前端"))} == {"web"}  # not "java"
    assert skills.seeker_bits(skills="", licences="", experience="", languages=["en", "zh"]) == \
        skills.bits_of_text("英文")


def test_the_best_vacancy_for_a_seeker_comes_first_with_its_reasons(officer, employer):
    wanted = vacancy(actor=employer, title="餐廳外場服務人員", occupation_code="51", district_code="63000020",
                     hours="FULL_TIME", description="負責點餐、送餐及收銀，提供教育訓練。")
    vacancy(actor=employer, title="倉儲理貨員", occupation_code="93", district_code="63000120", hours="NIGHT",
            description="包裹分揀、上下架及搬運，需搬運重物。")
    person = seeker()
    matches = matching.seeker_matches(seeker=person, actor=officer)
    assert [m.vacancy.pk for m in matches][0] == wanted.pk
    best = matches[0]
    assert best.score == pytest.approx(sum(r.points for r in best.reasons), abs=0.2)
    reasons = {r.part: r for r in best.reasons}
    assert reasons["occupation"].points == 35 and "希望從事" in reasons["occupation"].detail_zh
    assert reasons["district"].points == 20
    assert "收銀" in reasons["skills"].detail_zh
    assert matches[1].score < best.score


def test_matches_follow_changes_on_either_side(officer, employer):
    job = vacancy(actor=employer, hours="FULL_TIME")
    person = seeker()
    first = matching.seeker_matches(seeker=person, actor=officer)[0]
    # The employer lowers the pay below what the seeker expects: the pay part drops.
    services.vacancy_update(vacancy=job, data=vacancy_input(hours="FULL_TIME", pay_min=29500, pay_max=None),
                            actor=employer)
    second = matching.seeker_matches(seeker=person, actor=officer)[0]
    assert {r.part: r.points for r in second.reasons}["pay"] < {r.part: r.points for r in first.reasons}["pay"]
    # The seeker now works only in another district: the district part is gone.
    services.job_seeker_update(seeker=person, profile=profile(districts=["63000120"]), actor=officer)
    third = matching.seeker_matches(seeker=person, actor=officer)[0]
    assert {r.part: r.points for r in third.reasons}["district"] == 0
    # Withdrawn: it leaves the matches.
    services.vacancy_transition(vacancy=job, action="withdraw", actor=employer)
    assert matching.seeker_matches(seeker=person, actor=officer) == []


def test_the_best_seekers_for_a_vacancy_are_only_those_who_consented(officer, employer):
    job = vacancy(actor=employer, hours="FULL_TIME")
    willing = seeker()
    seeker(consent_to_matching=False)
    paused = seeker()
    services.job_seeker_set_status(seeker=paused, status="PAUSED", actor=officer)
    matches = matching.vacancy_matches(vacancy=job, actor=officer)
    assert [m.seeker.pk for m in matches] == [willing.pk]
    assert AccessLogEntry.objects.filter(object_type="vacancy_matches", object_id=str(job.pk)).count() == 1
    with pytest.raises(NotFound):
        matching.vacancy_matches(vacancy=job, actor=employer)  # an employer sees seekers only once referred


def test_a_counsellor_excludes_a_match_and_puts_it_back(officer, employer):
    job = vacancy(actor=employer)
    person = seeker()
    override = matching.match_exclude(seeker=person, vacancy=job, reason="求職人不便夜間通勤", actor=officer)
    assert matching.seeker_matches(seeker=person, actor=officer) == []
    assert matching.vacancy_matches(vacancy=job, actor=officer) == []
    with pytest.raises(Conflict):
        matching.match_exclude(seeker=person, vacancy=job, reason="再次", actor=officer)
    with pytest.raises(ApplicationError) as error:
        matching.match_exclude(seeker=person, vacancy=vacancy(actor=employer), reason="", actor=officer)
    assert error.value.field == "reason"
    matching.match_include(override=override, actor=officer)
    assert job.pk in [m.vacancy.pk for m in matching.seeker_matches(seeker=person, actor=officer)]


def test_referred_vacancies_are_marked(officer, employer):
    job = vacancy(actor=employer)
    person = seeker()
    services.referral_create(seeker=person, vacancy=job, actor=officer)
    assert matching.seeker_matches(seeker=person, actor=officer)[0].referred is True


def test_seeker_matches_take_a_fixed_number_of_queries(officer, employer):
    person = seeker()
    vacancy(actor=employer)
    matching.seeker_matches(seeker=person, actor=officer)  # builds the columns

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            matching.seeker_matches(seeker=person, actor=officer)
        return len(queries)

    # The seeker's row and its occupations and districts (one statement), the counsellor's
    # exclusions, the matrix's refresh, the vacancies with their references and referrals.
    few = count()
    assert few == 5
    for index in range(12):
        vacancy(actor=employer, title=f"門市人員{index}", occupation_code="52")
    assert count() == few


def test_a_citizen_sees_their_own_matches_only(employer):
    vacancy(actor=employer)
    user = citizen(PersonFactory())
    mine = seeker(user=user)
    other = seeker()
    assert len(matching.seeker_matches(seeker=mine, actor=user)) == 1
    with pytest.raises(NotFound):
        matching.seeker_matches(seeker=other, actor=user)


def test_a_bulk_run_scores_every_listed_seeker_with_progress(officer, employer, django_capture_on_commit_callbacks):
    jobs = [vacancy(actor=employer, title=f"外場服務{index}") for index in range(3)]
    people = [seeker() for _ in range(4)] + [seeker(consent_to_matching=False)]
    with django_capture_on_commit_callbacks(execute=True):
        run = matching.match_run_start(seeker_ids=[p.pk for p in people], actor=officer, label="某公司大量解僱")
    run.refresh_from_db()
    assert (run.status, run.total, run.done, run.percent) == (MatchRunStatus.DONE, 5, 5, 100)
    results = {r.seeker_id: r.matches for r in MatchRunResult.objects.filter(run=run)}
    assert len(results[people[0].pk]) == 3 and {pk for pk, _ in results[people[0].pk]} == {j.pk for j in jobs}
    assert results[people[-1].pk] == []  # no consent: no matches
    # The run's figures equal a single seeker's matches.
    single = matching.seeker_matches(seeker=people[0], actor=officer)
    assert [pk for pk, _ in results[people[0].pk]][0] == single[0].vacancy.pk


def test_a_bulk_run_in_worker_processes_gives_the_same_results(officer, employer, monkeypatch):
    for index in range(5):
        vacancy(actor=employer, title=f"外場服務{index}", pay_min=30000 + 1000 * index, pay_max=None)
    people = [seeker(expected_pay=30000 + 700 * index) for index in range(6)]
    serial = MatchRun.objects.create(label="serial", seeker_ids=[p.pk for p in people], total=6, requested_by=officer)
    matching.match_run_execute(serial.pk)
    monkeypatch.setattr(matching, "PARALLEL_MIN", 1)
    monkeypatch.setattr(matching, "RUN_CHUNK", 2)
    parallel = MatchRun.objects.create(label="parallel", seeker_ids=[p.pk for p in people], total=6,
                                       requested_by=officer)
    done = matching.match_run_execute(parallel.pk)
    assert done.status == MatchRunStatus.DONE and done.processes >= 1 and done.done == 6

    def results(run):
        return dict(MatchRunResult.objects.filter(run=run).values_list("seeker_id", "matches"))

    assert results(parallel) == results(serial)


def test_a_run_refuses_bad_lists(officer):
    with pytest.raises(ApplicationError) as error:
        matching.match_run_start(seeker_ids=[], actor=officer, label="空的")
    assert error.value.field == "seeker_ids"
    with pytest.raises(ApplicationError):
        matching.match_run_start(seeker_ids=[999999], actor=officer, label="不存在")
    assert not MatchRun.objects.exists()


def _taipei(hour: int, days: int = 0) -> datetime:
    local = timezone.localtime().replace(hour=hour, minute=5, second=0, microsecond=0) + timedelta(days=days)
    return local


def test_the_daily_digest_tells_seekers_of_new_matching_vacancies_once_a_day(employer):
    user = citizen(PersonFactory())
    person = seeker(user=user, digest_opt_in=True, working_hours=["SHIFT"])
    seeker(digest_opt_in=False)
    morning = _taipei(9)
    assert matching.digest_send(now=_taipei(6)) == 0  # not before 08:00
    job = vacancy(actor=employer)
    job.posted_at = morning - timedelta(hours=2)
    job.save(update_fields=["posted_at"])
    assert matching.digest_send(now=morning) == 1
    message = OutboxMessage.objects.get(recipient=user, channel="in_app")
    assert "1筆" in message.subject_zh and job.title in message.body_zh
    assert matching.digest_send(now=morning + timedelta(hours=3)) == 0  # once a day
    person.refresh_from_db()
    assert person.digest_sent_at == morning
    # The next day: nothing new, nothing sent.
    assert matching.digest_send(now=morning + timedelta(days=1)) == 0


def test_the_digest_needs_consent_to_matching():
    with pytest.raises(ApplicationError) as error:
        seeker(digest_opt_in=True, consent_to_matching=False)
    assert error.value.field == "digest_opt_in"


# --- API ---------------------------------------------------------------------------------


def test_api_matches_both_ways(officer, employer):
    job = vacancy(actor=employer)
    user = citizen(PersonFactory())
    person = seeker(user=user)
    body = api(officer).get(f"/api/v1/jobseekers/{person.pk}/matches?k=5").json()
    assert body[0]["vacancy"]["id"] == job.pk
    assert {r["part"] for r in body[0]["reasons"]} == set(matching.PART_LABELS)
    assert api(user).get(f"/api/v1/jobseekers/{person.pk}/matches").status_code == 200
    assert api(citizen(PersonFactory())).get(f"/api/v1/jobseekers/{person.pk}/matches").status_code == 404
    seekers = api(officer).get(f"/api/v1/vacancies/{job.pk}/matches").json()
    assert seekers[0]["seeker"]["id"] == person.pk and "masked_id" in seekers[0]["seeker"]
    assert api(employer).get(f"/api/v1/vacancies/{job.pk}/matches").status_code == 404
    assert api(user).get(f"/api/v1/vacancies/{job.pk}/matches").status_code == 404
    bad = api(officer).get(f"/api/v1/jobseekers/{person.pk}/matches?k=0")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "k"


def test_api_exclusions(officer, employer):
    job = vacancy(actor=employer)
    person = seeker()
    client = api(officer)
    url = f"/api/v1/jobseekers/{person.pk}/match-exclusions"
    created = client.post(url, {"vacancy_id": job.pk, "reason": "通勤過遠"}, content_type="application/json")
    assert created.status_code == 201
    again = client.post(url, {"vacancy_id": job.pk, "reason": "通勤過遠"}, content_type="application/json")
    assert again.status_code == 409
    assert client.get(f"/api/v1/jobseekers/{person.pk}/matches").json() == []
    assert client.delete(f"{url}/{job.pk}").status_code == 204
    assert not MatchOverride.objects.exists()


def test_api_match_runs(officer, employer, django_capture_on_commit_callbacks):
    vacancy(actor=employer)
    people = [seeker() for _ in range(3)]
    client = api(officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/match-runs", {"label": "資遣名單", "seeker_ids": [p.pk for p in people]},
                              content_type="application/json")
    assert started.status_code == 202
    run_id = started.json()["id"]
    progress = client.get(f"/api/v1/match-runs/{run_id}").json()
    assert (progress["status"], progress["done"], progress["percent"]) == ("DONE", 3, 100)
    results = client.get(f"/api/v1/match-runs/{run_id}/results").json()
    assert results["count"] == 3 and len(results["items"][0]["matches"]) == 1
    assert api(employer).get(f"/api/v1/match-runs/{run_id}").status_code == 404
    empty = client.post("/api/v1/match-runs", {"label": "空", "seeker_ids": []}, content_type="application/json")
    assert empty.status_code == 422


# --- pages --------------------------------------------------------------------------------


def test_the_staff_seeker_page_lists_matches_and_excludes_one(client, officer, employer):
    job = vacancy(actor=employer)
    person = seeker()
    client.force_login(officer)
    page = client.get(f"/staff/employment/seekers/{person.pk}/")
    assert page.status_code == 200 and job.title in page.content.decode() and "配分說明" in page.content.decode()
    refused = client.post(f"/staff/employment/seekers/{person.pk}/matches/exclude/", {"vacancy_id": job.pk,
                                                                                      "reason": ""})
    assert refused.status_code == 302 and not MatchOverride.objects.exists()
    client.post(f"/staff/employment/seekers/{person.pk}/matches/exclude/", {"vacancy_id": job.pk, "reason": "通勤過遠"})
    assert MatchOverride.objects.get().reason == "通勤過遠"
    page = client.get(f"/staff/employment/seekers/{person.pk}/").content.decode()
    assert "已排除" in page and "通勤過遠" in page
    client.post(f"/staff/employment/seekers/{person.pk}/matches/include/{job.pk}/")
    assert not MatchOverride.objects.exists()
    # Refer straight from the match list.
    client.post(f"/staff/employment/seekers/{person.pk}/", {"action": "refer", "vacancy_id": job.pk})
    assert person.referrals.filter(vacancy=job).exists()


def test_the_staff_vacancy_page_lists_the_best_seekers(client, officer, employer):
    job = vacancy(actor=employer)
    person = seeker()
    client.force_login(officer)
    page = client.get(f"/staff/employment/vacancies/{job.pk}/").content.decode()
    assert person.person.name in page and "配對求職人" in page
    client.force_login(employer)
    assert client.get(f"/staff/employment/vacancies/{job.pk}/").status_code == 404


def test_a_citizen_sees_vacancies_for_them_on_the_portal(client, employer):
    job = vacancy(actor=employer)
    user = citizen(PersonFactory())
    client.force_login(user)
    assert "請先辦理求職登記" in client.get("/portal/job-seeker/matches/").content.decode()
    seeker(user=user)
    page = client.get("/portal/job-seeker/matches/").content.decode()
    assert job.title in page and "配分說明" in page
    assert 'name="action" value="refer"' not in page and "排除原因" not in page  # no staff forms
    client.force_login(employer)
    assert client.get("/portal/job-seeker/matches/").status_code == 404


def test_the_run_pages_start_a_run_and_show_progress_and_results(client, officer, employer,
                                                                  django_capture_on_commit_callbacks):
    vacancy(actor=employer)
    people = [seeker() for _ in range(3)]
    client.force_login(officer)
    assert client.post("/staff/employment/match-runs/", {"label": "x"}).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/staff/employment/match-runs/", {
            "label": "資遣名單", "seeker_ids": ", ".join(str(p.pk) for p in people)})
    run = MatchRun.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/staff/employment/match-runs/{run.pk}/"
    page = client.get(started["Location"]).content.decode()
    assert "3/3" in page and people[0].person.name in page and 'http-equiv="refresh"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/employment/match-runs/", {"label": "餐飲求職人", "occupation": "51"})
    assert MatchRun.objects.get(label="餐飲求職人").total == 3

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/staff/employment/match-runs/{run.pk}/")
        return len(queries)

    few = count()
    more = [seeker() for _ in range(5)]
    bigger = MatchRun.objects.create(label="多", seeker_ids=[p.pk for p in people + more], total=8,
                                     requested_by=officer)
    matching.match_run_execute(bigger.pk)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/staff/employment/match-runs/{bigger.pk}/")
    assert len(queries) == few


def test_api_seeker_search_for_the_service_staff(officer, employer):
    forklift = seeker(skills="堆高機操作、倉儲盤點")
    seeker(skills="收銀")
    client = api(officer)
    body = client.get("/api/v1/jobseekers?q=堆高機").json()
    assert body["count"] == 1 and body["items"][0]["id"] == forklift.pk
    listed = client.get("/api/v1/jobseekers?status=ACTIVE&page_size=1&page=2").json()
    assert listed["count"] == 2 and len(listed["items"]) == 1
    assert AccessLogEntry.objects.filter(object_type="job_seeker_search").count() == 2
    assert api(employer).get("/api/v1/jobseekers?q=堆高機").status_code == 404
    assert api(citizen(PersonFactory())).get("/api/v1/jobseekers").status_code == 404
    assert client.get("/api/v1/jobseekers?page=0").status_code == 422
