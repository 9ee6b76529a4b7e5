"""Job-seeker registration, counselling notes, referrals and their answers, the
placement figures, and who may do what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import Role
from laborbureau.core.services import PersonInput
from laborbureau.core.tests.factories import PersonFactory, citizen, employer_user, national_id, staff
from laborbureau.employment import selectors, services
from laborbureau.employment.models import CounsellingNote, JobSeeker, Referral
from laborbureau.employment.tests.factories import counsellor, profile, seeker, vacancy
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_citizen_registers_once_and_updates():
    user = citizen()
    registered = seeker(user=user)
    assert registered.person == user.person
    assert sorted(o.pk for o in registered.desired_occupations.all()) == ["51"]
    assert (registered.status, registered.channel, registered.groups) == ("ACTIVE", "portal", ["MIDDLE_AGED_OR_OLDER"])
    with pytest.raises(Conflict):
        seeker(user=user)
    updated = services.job_seeker_update(seeker=registered, actor=user,
                                         profile=profile(desired_occupations=["52", "91"], districts=[]))
    assert sorted(o.pk for o in updated.desired_occupations.all()) == ["52", "91"]
    assert list(updated.districts.all()) == []
    assert JobSeeker.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("desired_occupations", {"desired_occupations": []}),
        ("desired_occupations", {"desired_occupations": ["88"]}),
        ("desired_occupations", {"desired_occupations": ["11", "12", "13", "14", "21", "22"]}),
        ("districts", {"districts": ["999"]}),
        ("groups", {"groups": ["VIP"]}),
        ("languages", {"languages": ["xx"]}),
        ("working_hours", {"working_hours": ["WEEKENDS"]}),
        ("skills", {"skills": "<script>x</script>"}),
        ("experience", {"experience": "經" * 2001}),
        ("expected_pay", {"expected_pay": 0}),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_written(field, change):
    with pytest.raises(ApplicationError) as caught:
        seeker(**change)
    assert caught.value.field == field
    assert not JobSeeker.objects.exists()


def test_a_counsellor_registers_a_person_at_the_counter():
    officer = counsellor()
    number = national_id()
    registered = services.job_seeker_register(
        profile=profile(), actor=officer, person=PersonInput(id_number=number, name="林美華", phone="0922000111"),
    )
    assert (registered.person.id_number, registered.channel, registered.registered_by) == (number, "counter", officer)
    with pytest.raises(ApplicationError) as caught:
        services.job_seeker_register(profile=profile(), actor=officer,
                                     person=PersonInput(id_number="A123456788", name="錯號"))
    assert caught.value.field == "person.id_number"


def test_others_cannot_register_or_change_a_seeker():
    with pytest.raises(Forbidden):
        services.job_seeker_register(profile=profile(), actor=staff(Role.CASE_OFFICER, "LS"),
                                     person=PersonInput(id_number=national_id(), name="某人"))
    with pytest.raises(Forbidden):
        services.job_seeker_register(profile=profile(), actor=citizen(),
                                     person=PersonInput(id_number=national_id(), name="別人"))
    registered = seeker()
    for outsider in (citizen(), employer_user(), staff(Role.CASE_OFFICER, "LS")):
        with pytest.raises(NotFound):
            services.job_seeker_update(seeker=registered, profile=profile(), actor=outsider)
    assert JobSeeker.objects.count() == 1


def test_counselling_notes_are_staff_only():
    registered = seeker()
    with pytest.raises(Forbidden):
        services.counselling_note_add(seeker=registered, text="x", actor=citizen(registered.person))
    with pytest.raises(Forbidden):
        services.counselling_note_add(seeker=registered, text="x", actor=staff(Role.AUDITOR, "ADM"))
    note = services.counselling_note_add(seeker=registered, text="希望日班，建議參加職訓。", actor=counsellor())
    assert CounsellingNote.objects.get() == note


def test_a_referral_answered_hired_fills_the_vacancy_and_everyone_is_told():
    officer = counsellor()
    worker = citizen()
    registered = seeker(user=worker)
    owner = employer_user()
    job = vacancy(actor=owner, openings=1)
    referral = services.referral_create(seeker=registered, vacancy=job, actor=officer, message="具3年經驗")
    assert referral.outcome == "PENDING"
    assert OutboxMessage.objects.filter(recipient=owner, channel="in_app").count() == 1
    assert OutboxMessage.objects.filter(recipient=worker, channel="in_app").count() == 1
    services.referral_answer(referral=referral, outcome="INTERVIEWED", actor=owner)
    answered = services.referral_answer(referral=referral, outcome="HIRED", actor=owner, note="12月1日報到")
    assert (answered.outcome, answered.answered_by) == ("HIRED", owner)
    assert job.__class__.objects.get(pk=job.pk).status == "FILLED"
    assert OutboxMessage.objects.filter(recipient=officer, channel="in_app").count() == 2
    # The seeker and the counsellor see the outcome.
    assert [r.outcome for r in selectors.referrals_for(worker)] == ["HIRED"]
    assert [r.outcome for r in selectors.referrals_for(officer)] == ["HIRED"]
    with pytest.raises(Conflict):
        services.referral_answer(referral=referral, outcome="NOT_HIRED", reason="PAY", actor=owner)


def test_referral_refusals_write_nothing():
    officer = counsellor()
    job = vacancy()
    with pytest.raises(ApplicationError) as caught:
        services.referral_create(seeker=seeker(consent_to_matching=False), vacancy=job, actor=officer)
    assert caught.value.code == "no_consent"
    paused = seeker()
    services.job_seeker_set_status(seeker=paused, status="PAUSED", actor=officer)
    with pytest.raises(ApplicationError):
        services.referral_create(seeker=paused, vacancy=job, actor=officer)
    active = seeker()
    with pytest.raises(Forbidden):
        services.referral_create(seeker=active, vacancy=job, actor=staff(Role.CASE_OFFICER, "LS"))
    services.vacancy_transition(vacancy=job, action="withdraw", actor=officer)
    with pytest.raises(ApplicationError):
        services.referral_create(seeker=active, vacancy=job, actor=officer)
    assert not Referral.objects.exists()
    open_job = vacancy()
    services.referral_create(seeker=active, vacancy=open_job, actor=officer)
    with pytest.raises(Conflict):
        services.referral_create(seeker=active, vacancy=open_job, actor=officer)
    assert Referral.objects.count() == 1


def test_answers_need_the_right_employer_and_a_reason():
    owner = employer_user()
    referral = services.referral_create(seeker=seeker(), vacancy=vacancy(actor=owner), actor=counsellor())
    with pytest.raises(NotFound):
        services.referral_answer(referral=referral, outcome="HIRED", actor=employer_user())
    with pytest.raises(NotFound):
        services.referral_answer(referral=referral, outcome="HIRED", actor=citizen(referral.seeker.person))
    with pytest.raises(ApplicationError) as caught:
        services.referral_answer(referral=referral, outcome="NOT_HIRED", actor=owner)
    assert caught.value.field == "reason"
    with pytest.raises(ApplicationError) as caught:
        services.referral_answer(referral=referral, outcome="NOT_HIRED", reason="OTHER", actor=owner)
    assert caught.value.field == "note"
    assert Referral.objects.get().outcome == "PENDING"
    services.referral_answer(referral=referral, outcome="NOT_HIRED", reason="SKILLS", actor=owner)
    assert Referral.objects.get().not_hired_reason == "SKILLS"


def test_placement_figures_by_counsellor_occupation_and_group():
    first, second = counsellor("eso_a"), counsellor("eso_b")
    owner = employer_user()
    cook = vacancy(actor=owner, occupation_code="51", openings=5)
    guard = vacancy(actor=owner, occupation_code="54", openings=5)
    clerk = vacancy(actor=owner, occupation_code="41", openings=5)
    older = seeker(groups=["MIDDLE_AGED_OR_OLDER", "LOW_INCOME"])
    plain = seeker(groups=[])
    hired = services.referral_create(seeker=older, vacancy=cook, actor=first)
    services.referral_answer(referral=hired, outcome="HIRED", actor=owner)
    rejected = services.referral_create(seeker=plain, vacancy=cook, actor=first)
    services.referral_answer(referral=rejected, outcome="NOT_HIRED", reason="PAY", actor=owner)
    services.referral_create(seeker=older, vacancy=guard, actor=second)
    services.referral_create(seeker=plain, vacancy=clerk, actor=second)
    today = timezone.localdate()
    figures = selectors.placement_figures(user=first, date_from=today - timedelta(days=1), date_to=today)

    def table(kind):
        return {row.key: (row.referred, row.answered, row.hired, row.rate) for row in figures[kind]}

    assert table("counsellor") == {str(first.pk): (2, 2, 1, 50), str(second.pk): (2, 0, 0, 0)}
    assert table("occupation") == {"5": (3, 2, 1, 33), "4": (1, 0, 0, 0)}
    assert table("group") == {"MIDDLE_AGED_OR_OLDER": (2, 1, 1, 50), "LOW_INCOME": (2, 1, 1, 50),
                              "NONE": (2, 1, 0, 0)}
    assert selectors.placement_figures(user=staff(Role.CASE_OFFICER, "LS"), date_from=today,
                                       date_to=today)["counsellor"] == []


def test_a_merged_person_keeps_their_registration():
    from laborbureau.core.services import person_merge

    registered = seeker()
    survivor = PersonFactory()
    person_merge(survivor=survivor, absorbed=registered.person, actor=staff(Role.CASE_OFFICER, "ESO"),
                 reason="重複建檔")
    assert JobSeeker.objects.get().person == survivor
