"""The services of the job fairs: every rule, every refusal (and nothing written by it)."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import Role
from laborbureau.core.services import PersonInput
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, citizen, employer_user, national_id, staff
from laborbureau.employment import services as employment_services
from laborbureau.employment.fairs import services
from laborbureau.employment.fairs.models import (
    CheckIn,
    Fair,
    FairEmployer,
    FairInterview,
    FairRegistration,
    FairVacancy,
    ParticipationStatus,
)
from laborbureau.employment.fairs.tests.factories import (
    approved_employer,
    counsellor,
    fair_input,
    make_fair,
    seeker,
    tomorrow,
    vacancy,
)
from laborbureau.employment.models import Referral
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _counts():
    return (Fair.objects.count(), FairEmployer.objects.count(), FairVacancy.objects.count(),
            FairRegistration.objects.count(), CheckIn.objects.count(), FairInterview.objects.count(),
            Referral.objects.count(), OutboxMessage.objects.count())


def refused(error_type, call, *, field=None, code=None):
    before = _counts()
    with pytest.raises(error_type) as caught:
        call()
    assert _counts() == before, "a refusal wrote something"
    if field is not None:
        assert caught.value.field == field
    if code is not None:
        assert caught.value.code == code
    return caught.value


# --- fairs ---------------------------------------------------------------------------


def test_a_counsellor_creates_a_planned_fair_and_opens_it():
    organiser = counsellor()
    fair = services.fair_create(data=fair_input(day=tomorrow()), actor=organiser)
    assert (fair.status, fair.district_id, fair.capacity) == ("PLANNED", "63000020", 100)
    assert services.fair_transition(fair=fair, action="open", actor=organiser).status == "OPEN"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"day": timezone.localdate() - timedelta(days=1), "registration_opens": timezone.localdate() - timedelta(days=9)},
     "date"),
    ({"ends_at": time(9, 0)}, "ends_at"),
    ({"registration_closes": tomorrow() + timedelta(days=1)}, "registration_closes"),
    ({"registration_opens": tomorrow() + timedelta(days=1), "registration_closes": tomorrow()}, "registration_opens"),
    ({"capacity": 0}, "capacity"),
    ({"title": "<script>x</script>就業博覽會"}, "title"),
    ({"district_code": "999"}, "district"),
])
def test_a_fair_with_bad_dates_or_details_is_refused_on_its_field(overrides, field):
    organiser = counsellor()
    values = {"day": tomorrow(), **overrides}
    refused(ApplicationError, lambda: services.fair_create(data=fair_input(**values), actor=organiser), field=field)


def test_only_the_employment_service_organises_fairs():
    for outsider in (staff(Role.CASE_OFFICER, "LS"), staff(Role.AUDITOR, "ADM"), citizen(), employer_user()):
        refused(Forbidden, lambda u=outsider: services.fair_create(data=fair_input(), actor=u))


def test_the_capacity_cannot_drop_below_those_registered():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    services.registration_create(fair=fair, actor=citizen())
    services.registration_create(fair=fair, actor=citizen())
    refused(ApplicationError, lambda: services.fair_update(fair=fair, data=fair_input(day=tomorrow(), capacity=1),
                                                           actor=organiser), field="capacity")
    assert Fair.objects.get(pk=fair.pk).capacity == 100


def test_cancelling_a_fair_tells_those_registered_and_the_employers():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    person = citizen()
    services.registration_create(fair=fair, actor=person)
    account, _ = approved_employer(fair, organiser)
    services.fair_transition(fair=fair, action="cancel", actor=organiser)
    assert OutboxMessage.objects.filter(recipient=person, subject_zh__startswith="徵才活動取消").exists()
    assert OutboxMessage.objects.filter(recipient=account, subject_zh__startswith="徵才活動取消").exists()
    refused(Conflict, lambda: services.fair_transition(fair=fair, action="open", actor=organiser))


# --- employers -----------------------------------------------------------------------


def test_an_employer_applies_with_its_open_vacancies_and_is_approved_with_a_booth():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    account = employer_user(EmployerFactory())
    jobs = [vacancy(actor=account), vacancy(actor=account, title="廚房助手")]
    participation = services.employer_apply(fair=fair, vacancy_ids=[j.pk for j in jobs], actor=account)
    assert participation.status == "APPLIED"
    assert sorted(FairVacancy.objects.filter(fair=fair).values_list("vacancy_id", flat=True)) == sorted(
        j.pk for j in jobs)
    decided = services.employer_decide(participation=participation, approve=True, booth="A07", actor=organiser)
    assert (decided.status, decided.booth) == ("APPROVED", "A07")
    assert OutboxMessage.objects.filter(recipient=account, subject_zh__contains="攤位A07").exists()


def test_an_employer_cannot_bring_another_employers_vacancy_or_a_closed_one():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    account = employer_user(EmployerFactory())
    theirs = vacancy()
    refused(ApplicationError, lambda: services.employer_apply(fair=fair, vacancy_ids=[theirs.pk], actor=account),
            field="vacancy_ids", code="not_yours")
    mine = vacancy(actor=account)
    employment_services.vacancy_transition(vacancy=mine, action="withdraw", actor=account)
    refused(ApplicationError, lambda: services.employer_apply(fair=fair, vacancy_ids=[mine.pk], actor=account),
            field="vacancy_ids", code="vacancy_not_open")
    refused(ApplicationError, lambda: services.employer_apply(fair=fair, vacancy_ids=[], actor=account),
            field="vacancy_ids")
    refused(ApplicationError, lambda: services.employer_apply(fair=fair, vacancy_ids=[999999], actor=account),
            field="vacancy_ids")


def test_an_employer_applies_once_and_only_an_employer_account_applies():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    account = employer_user(EmployerFactory())
    job = vacancy(actor=account)
    services.employer_apply(fair=fair, vacancy_ids=[job.pk], actor=account)
    refused(Conflict, lambda: services.employer_apply(fair=fair, vacancy_ids=[job.pk], actor=account),
            code="duplicate")
    refused(Forbidden, lambda: services.employer_apply(fair=fair, vacancy_ids=[job.pk], actor=citizen()))


def test_approval_needs_a_free_booth_and_declining_needs_a_reason():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    approved_employer(fair, organiser, booth="A01")
    account = employer_user(EmployerFactory())
    participation = services.employer_apply(fair=fair, vacancy_ids=[vacancy(actor=account).pk], actor=account)
    refused(ApplicationError, lambda: services.employer_decide(participation=participation, approve=True,
                                                               actor=organiser), field="booth")
    refused(ApplicationError, lambda: services.employer_decide(participation=participation, approve=True,
                                                               booth="A01", actor=organiser), field="booth")
    refused(ApplicationError, lambda: services.employer_decide(participation=participation, approve=False,
                                                               actor=organiser), field="note")
    refused(Forbidden, lambda: services.employer_decide(participation=participation, approve=True, booth="A02",
                                                        actor=account))
    assert FairEmployer.objects.get(pk=participation.pk).status == ParticipationStatus.APPLIED


# --- registrations -------------------------------------------------------------------


def test_a_citizen_pre_registers_gets_a_code_and_a_notice_linked_to_their_job_seeker_registration():
    fair = make_fair(day=tomorrow())
    person = citizen()
    registered_seeker = seeker(user=person)
    registration = services.registration_create(fair=fair, actor=person)
    assert len(registration.code) == services.CODE_LENGTH
    assert set(registration.code) <= set(services.CODE_ALPHABET)
    assert (registration.person_id, registration.seeker_id, registration.walk_in) == (
        person.person_id, registered_seeker.pk, False)
    notice = OutboxMessage.objects.filter(recipient=person, subject_zh__startswith="徵才活動報名成功").first()
    assert registration.code in notice.body_zh


def test_registration_is_refused_outside_its_window_twice_or_when_full():
    organiser = counsellor()
    today = timezone.localdate()
    fair = make_fair(organiser, day=today + timedelta(days=10), capacity=1,
                     registration_opens=today + timedelta(days=2), registration_closes=today + timedelta(days=8))
    person = citizen()
    refused(ApplicationError, lambda: services.registration_create(fair=fair, actor=person), code="not_open")
    refused(ApplicationError, lambda: services.registration_create(fair=fair, actor=person,
                                                                   today=today + timedelta(days=9)),
            code="registration_closed", field="fair_id")
    services.registration_create(fair=fair, actor=person, today=today + timedelta(days=3))
    refused(Conflict, lambda: services.registration_create(fair=fair, actor=person, today=today + timedelta(days=3)),
            code="duplicate")
    refused(ApplicationError, lambda: services.registration_create(fair=fair, actor=citizen(),
                                                                   today=today + timedelta(days=3)), code="full")
    planned = make_fair(organiser, open_it=False, day=tomorrow())
    refused(ApplicationError, lambda: services.registration_create(fair=planned, actor=person), code="not_open")
    refused(Forbidden, lambda: services.registration_create(fair=fair, actor=employer_user()))


def test_cancelling_frees_the_place_and_registering_again_keeps_the_code():
    fair = make_fair(day=tomorrow(), capacity=1)
    person, other = citizen(), citizen()
    registration = services.registration_create(fair=fair, actor=person)
    refused(NotFound, lambda: services.registration_cancel(registration=registration, actor=other))
    services.registration_cancel(registration=registration, actor=person)
    again = services.registration_create(fair=fair, actor=other)
    assert again.code != registration.code
    services.registration_cancel(registration=again, actor=other)
    restored = services.registration_create(fair=fair, actor=person)
    assert (restored.pk, restored.code, restored.status) == (registration.pk, registration.code, "REGISTERED")


# --- the door --------------------------------------------------------------------------


def test_check_in_by_code_once_on_the_day():
    organiser = counsellor()
    fair = make_fair(organiser)
    registration = services.registration_create(fair=fair, actor=citizen())
    done = services.check_in(fair=fair, actor=organiser, code=f" {registration.code[:4].lower()}-{registration.code[4:]}")
    assert (done.registration_id, done.method, done.by_id) == (registration.pk, "CODE", organiser.pk)
    refused(Conflict, lambda: services.check_in(fair=fair, actor=organiser, code=registration.code),
            code="already_checked_in")
    refused(Conflict, lambda: services.registration_cancel(registration=registration, actor=organiser))


def test_check_in_is_refused_on_another_day_for_a_cancelled_registration_another_fair_or_no_code():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    registration = services.registration_create(fair=fair, actor=citizen())
    refused(ApplicationError, lambda: services.check_in(fair=fair, actor=organiser, code=registration.code),
            code="not_fair_day")
    today_fair = make_fair(organiser, title="今天的就業博覽會")
    refused(ApplicationError, lambda: services.check_in(fair=today_fair, actor=organiser, code=registration.code),
            code="other_fair")
    refused(ApplicationError, lambda: services.check_in(fair=today_fair, actor=organiser, code="ZZZZZZZZ"),
            code="not_found")
    refused(ApplicationError, lambda: services.check_in(fair=today_fair, actor=organiser, code=" "), field="code")
    cancelled = services.registration_create(fair=today_fair, actor=citizen())
    services.registration_cancel(registration=cancelled, actor=organiser)
    refused(ApplicationError, lambda: services.check_in(fair=today_fair, actor=organiser, code=cancelled.code),
            code="cancelled")
    refused(Forbidden, lambda: services.check_in(fair=today_fair, actor=employer_user(), code=cancelled.code))


def test_a_walk_in_is_registered_and_checked_in_and_a_pre_registered_person_is_found():
    organiser = counsellor()
    fair = make_fair(organiser)
    done = services.walk_in(fair=fair, actor=organiser, person=PersonInput(id_number=national_id(), name="林小華"))
    assert (done.method, done.registration.walk_in, done.registration.person.name) == ("WALK_IN", True, "林小華")
    person = PersonFactory()
    services.registration_create(fair=fair, actor=citizen(person))
    again = services.walk_in(fair=fair, actor=organiser,
                             person=PersonInput(id_number=person.id_number, name=person.name))
    assert (again.method, again.registration.walk_in) == ("SEARCH", False)
    refused(ApplicationError, lambda: services.walk_in(fair=fair, actor=organiser,
                                                       person=PersonInput(id_number="A123456780", name="錯號")),
            field="person.id_number")


# --- interviews --------------------------------------------------------------------------


def _arrived(fair, organiser, person=None):
    person = person or citizen()
    registration = services.registration_create(fair=fair, actor=person)
    services.check_in(fair=fair, actor=organiser, code=registration.code)
    return registration


def test_staff_record_an_interview_as_a_job_bank_referral_and_the_hire_counts_there():
    organiser = counsellor()
    fair = make_fair(organiser)
    _, (fair_vacancy,) = approved_employer(fair, organiser)
    person = citizen()
    registered_seeker = seeker(user=person)
    registration = _arrived(fair, organiser, person)
    interview = services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=organiser,
                                          code=registration.code)
    referral = Referral.objects.get()
    assert (interview.referral_id, referral.seeker_id, referral.vacancy_id, referral.outcome) == (
        referral.pk, registered_seeker.pk, fair_vacancy.vacancy_id, "INTERVIEWED")
    services.interview_outcome(interview=interview, outcome="HIRED", actor=organiser)
    referral.refresh_from_db()
    assert (FairInterview.objects.get().outcome, referral.outcome) == ("HIRED", "HIRED")


def test_an_employer_records_an_interview_at_its_own_booth_only():
    organiser = counsellor()
    fair = make_fair(organiser)
    account, (fair_vacancy,) = approved_employer(fair, organiser)
    other, (other_vacancy,) = approved_employer(fair, organiser, booth="A02")
    registration = _arrived(fair, organiser)
    interview = services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=account, code=registration.code)
    assert (interview.recorded_by_id, interview.referral_id, interview.occupation_id) == (account.pk, None, "51")
    refused(NotFound, lambda: services.interview_record(fair=fair, fair_vacancy=other_vacancy, actor=account,
                                                        code=registration.code))
    refused(NotFound, lambda: services.interview_outcome(interview=interview, outcome="HIRED", actor=other))
    refused(Conflict, lambda: services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=account,
                                                        code=registration.code), code="duplicate")
    services.interview_outcome(interview=interview, outcome="NOT_HIRED", reason="PAY", actor=account)
    refused(Conflict, lambda: services.interview_outcome(interview=interview, outcome="HIRED", actor=account))


def test_an_applied_but_unapproved_employer_records_nothing():
    organiser = counsellor()
    fair = make_fair(organiser)
    account = employer_user(EmployerFactory())
    participation = services.employer_apply(fair=fair, vacancy_ids=[vacancy(actor=account).pk], actor=account)
    fair_vacancy = FairVacancy.objects.select_related("fair_employer").get(fair_employer=participation)
    registration = _arrived(fair, organiser)
    refused(NotFound, lambda: services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=account,
                                                        code=registration.code))


def test_an_interview_needs_a_checked_in_person_on_the_fair_day():
    organiser = counsellor()
    fair = make_fair(organiser)
    account, (fair_vacancy,) = approved_employer(fair, organiser)
    registration = services.registration_create(fair=fair, actor=citizen())
    refused(ApplicationError, lambda: services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=account,
                                                                code=registration.code), code="not_checked_in")
    refused(ApplicationError, lambda: services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=account,
                                                                code="ZZZZZZZZ"), code="not_found")
    services.check_in(fair=fair, actor=organiser, code=registration.code)
    refused(ApplicationError, lambda: services.interview_record(
        fair=fair, fair_vacancy=fair_vacancy, actor=account, code=registration.code, today=tomorrow()),
        code="not_fair_day")


def test_not_hired_needs_a_reason_and_other_needs_a_note():
    organiser = counsellor()
    fair = make_fair(organiser)
    account, (fair_vacancy,) = approved_employer(fair, organiser)
    registration = _arrived(fair, organiser)
    interview = services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=account, code=registration.code)
    refused(ApplicationError, lambda: services.interview_outcome(interview=interview, outcome="NOT_HIRED",
                                                                 actor=account), field="reason")
    refused(ApplicationError, lambda: services.interview_outcome(interview=interview, outcome="NOT_HIRED",
                                                                 reason="OTHER", actor=account), field="note")
    refused(ApplicationError, lambda: services.interview_outcome(interview=interview, outcome="PENDING",
                                                                 actor=account), field="outcome")
    assert FairInterview.objects.get().outcome == "INTERVIEWED"


# --- reminders ---------------------------------------------------------------------------


def test_the_day_before_everyone_registered_is_reminded_once():
    fair = make_fair(day=tomorrow())
    people = [citizen(), citizen()]
    codes = [services.registration_create(fair=fair, actor=p).code for p in people]
    cancelled = citizen()
    services.registration_cancel(registration=services.registration_create(fair=fair, actor=cancelled),
                                 actor=cancelled)
    assert services.fair_reminders_send() == 2
    assert services.fair_reminders_send() == 0
    reminders = OutboxMessage.objects.filter(subject_zh__startswith="明天見")
    assert {m.recipient_id for m in reminders} == {p.pk for p in people}
    assert {m.body_zh.rsplit(" ", 1)[-1].rstrip("。") for m in reminders} == set(codes)


# --- merges --------------------------------------------------------------------------------


def test_registrations_follow_a_merged_person_unless_the_survivor_has_one_at_that_fair():
    from laborbureau.core.services import person_merge

    both, only_absorbed = make_fair(day=tomorrow()), make_fair(day=tomorrow(), title="第二場就業博覽會")
    survivor, absorbed = citizen(), citizen()
    kept = services.registration_create(fair=both, actor=survivor)
    stays = services.registration_create(fair=both, actor=absorbed)
    moves = services.registration_create(fair=only_absorbed, actor=absorbed)
    person_merge(survivor=survivor.person, absorbed=absorbed.person, actor=staff(Role.DIRECTOR, "ADM"),
                 reason="同一人重複建檔")
    assert FairRegistration.objects.get(pk=moves.pk).person_id == survivor.person_id
    assert FairRegistration.objects.get(pk=stays.pk).person_id == absorbed.person_id
    assert FairRegistration.objects.get(pk=kept.pk).person_id == survivor.person_id
