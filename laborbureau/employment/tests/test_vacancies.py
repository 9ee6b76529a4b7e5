"""Vacancies: validation (minimum wage by date and pay unit, 統一編號, closing date,
occupation, markup and length), the screening hook, the life cycle and the expiry sweep."""

from datetime import date, timedelta

import pytest

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import Employer, Role
from laborbureau.core.services import EmployerInput
from laborbureau.core.tests.factories import EmployerFactory, business_id, citizen, employer_user, staff
from laborbureau.employment import screening, selectors, services
from laborbureau.employment.models import Vacancy, VacancyEvent
from laborbureau.employment.tests.factories import counsellor, vacancy, vacancy_input

pytestmark = pytest.mark.django_db

# The minimum wage rose from 28,590 / 190 to 29,500 / 196 on 2026-01-01 (最低工資法).
EVE = date(2025, 12, 31)
NEW_YEAR = date(2026, 1, 1)


def refused(field: str, **overrides) -> ApplicationError:
    actor = overrides.pop("actor", None) or employer_user()
    today = overrides.pop("today", None)
    with pytest.raises(ApplicationError) as caught:
        services.vacancy_create(data=vacancy_input(**overrides), actor=actor, today=today)
    assert caught.value.field == field, caught.value
    assert not Vacancy.objects.exists()
    assert not VacancyEvent.objects.exists()
    return caught.value


@pytest.mark.parametrize(
    ("day", "pay_unit", "pay", "ok"),
    [
        (EVE, "MONTHLY", 28590, True),
        (EVE, "MONTHLY", 28589, False),
        (NEW_YEAR, "MONTHLY", 28590, False),
        (NEW_YEAR, "MONTHLY", 29500, True),
        (EVE, "HOURLY", 190, True),
        (EVE, "HOURLY", 189, False),
        (NEW_YEAR, "HOURLY", 190, False),
        (NEW_YEAR, "HOURLY", 196, True),
        (NEW_YEAR, "MONTHLY", 196, False),  # an hourly figure is no monthly pay
    ],
)
def test_pay_is_checked_against_the_minimum_wage_in_force_on_the_posting_date(day, pay_unit, pay, ok):
    overrides = {"today": day, "pay_unit": pay_unit, "pay_min": pay, "pay_max": None,
                 "closing_date": day + timedelta(days=10)}
    if ok:
        created = vacancy(**overrides)
        assert (created.status, created.posted_on, created.pay_min) == ("ACTIVE", day, pay)
        assert created.minimum_wage_checked == {"MONTHLY": {EVE: 28590, NEW_YEAR: 29500},
                                                "HOURLY": {EVE: 190, NEW_YEAR: 196}}[pay_unit][day]
    else:
        error = refused("pay_min", **overrides)
        assert error.code == "below_minimum_wage"
        figure = {"MONTHLY": {EVE: "28,590", NEW_YEAR: "29,500"}, "HOURLY": {EVE: "190", NEW_YEAR: "196"}}
        assert figure[pay_unit][day] in error.message_zh
        assert "最低工資法第5條" in error.message_zh


def test_the_top_of_the_range_cannot_be_below_the_bottom():
    refused("pay_max", pay_min=32000, pay_max=31000)


def test_an_extra_zero_is_caught():
    refused("pay_min", pay_min=3_200_000, pay_max=None)


def test_an_employer_without_a_valid_business_id_is_refused():
    refused("employer.business_id", actor=employer_user(EmployerFactory(business_id=None)))
    refused("employer.business_id", actor=employer_user(EmployerFactory(business_id="12345678")))


def test_a_counsellor_posts_for_an_employer_and_a_bad_business_id_is_refused():
    officer = counsellor()
    refused("employer.business_id", actor=officer,
            employer=EmployerInput(name="某某人力公司", business_id="12345678"))
    refused("employer.business_id", actor=officer, employer=EmployerInput(name="某某人力公司"))
    assert not Employer.objects.filter(name="某某人力公司").exists()
    number = business_id()
    created = vacancy(actor=officer, employer=EmployerInput(name="大同物流股份有限公司", business_id=number))
    assert (created.employer.business_id, created.channel) == (number, "counter")


def test_closing_date_is_today_or_later_and_within_a_year():
    today = date(2026, 11, 27)
    refused("closing_date", today=today, closing_date=today - timedelta(days=1))
    refused("closing_date", today=today, closing_date=today + timedelta(days=366))
    assert vacancy(today=today, closing_date=today).closing_date == today


@pytest.mark.parametrize("code", ["88", "5", "", "511"])
def test_an_occupation_that_is_not_a_sub_major_group_is_refused(code):
    refused("occupation", occupation_code=code)


def test_a_district_outside_taipei_is_refused():
    refused("district", district_code="65000010")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "<b>急徵</b>門市人員"),
        ("title", "門市人員<script>"),
        ("title", "x" * 61),
        ("title", " "),
        ("description", "<script>alert(1)</script>很好的工作"),
        ("description", "點此<img src=x onerror=alert(1)>領取高薪"),
        ("description", '<a href="javascript:alert(1)">詳情</a>請洽'),
        ("description", "太短"),
        ("description", ""),
        ("description", "工" * 3001),
        ("requirements", "<iframe src=//evil></iframe>"),
        ("address", ""),
    ],
)
def test_markup_script_and_bad_lengths_are_refused(field, value):
    error = refused(field, **{field: value})
    assert error.message_zh


def test_a_description_is_stored_as_plain_text():
    created = vacancy(description="時薪優於法定 <3 歡迎二度就業，工作內容：理貨 & 收銀。")
    assert created.description == "時薪優於法定 <3 歡迎二度就業，工作內容：理貨 & 收銀。"


def test_citizens_and_other_units_cannot_post():
    with pytest.raises(Forbidden):
        services.vacancy_create(data=vacancy_input(), actor=citizen())
    with pytest.raises(Forbidden):
        services.vacancy_create(
            data=vacancy_input(employer=EmployerInput(name="某公司", business_id=business_id())),
            actor=staff(Role.CASE_OFFICER, "LS"),
        )
    assert not Vacancy.objects.exists()


def test_the_screening_hook_decides_publication(monkeypatch):
    published = vacancy()
    assert (published.status, published.screening_decision) == ("ACTIVE", "publish")
    assert published.posted_at is not None
    monkeypatch.setattr(screening, "screen_vacancy",
                        lambda v: screening.ScreeningDecision(screening.REVIEW, "高薪輕鬆", 0.97))
    held = vacancy()
    assert (held.status, held.screening_reason, held.posted_at) == ("HELD", "高薪輕鬆", None)
    listed = selectors.vacancy_search(filters=selectors.VacancyFilters()).items
    assert listed == [published]


def test_withdraw_fill_and_who_may():
    owner = employer_user()
    created = vacancy(actor=owner)
    with pytest.raises(NotFound):
        services.vacancy_transition(vacancy=created, action="withdraw", actor=employer_user())
    with pytest.raises(NotFound):
        services.vacancy_transition(vacancy=created, action="withdraw", actor=staff(Role.CASE_OFFICER, "LS"))
    assert Vacancy.objects.get().status == "ACTIVE"
    services.vacancy_transition(vacancy=created, action="withdraw", actor=owner, note="內部調任補足")
    assert Vacancy.objects.get().status == "WITHDRAWN"
    with pytest.raises(Conflict):
        services.vacancy_transition(vacancy=created, action="fill", actor=owner)
    with pytest.raises(Conflict):
        services.vacancy_update(vacancy=created, data=vacancy_input(), actor=owner)
    assert list(VacancyEvent.objects.values_list("action", "from_status", "to_status")) == [
        ("create", "", "ACTIVE"), ("withdraw", "ACTIVE", "WITHDRAWN"),
    ]


def test_an_update_is_checked_as_of_its_day():
    owner = employer_user()
    created = vacancy(actor=owner, today=EVE, pay_min=28590, pay_max=None, closing_date=date(2026, 1, 31))
    with pytest.raises(ApplicationError) as caught:
        services.vacancy_update(vacancy=created, actor=owner, today=NEW_YEAR,
                                data=vacancy_input(pay_min=28590, pay_max=None, closing_date=date(2026, 1, 31)))
    assert caught.value.field == "pay_min"
    assert Vacancy.objects.get().pay_min == 28590
    updated = services.vacancy_update(vacancy=created, actor=owner, today=NEW_YEAR,
                                      data=vacancy_input(title="門市人員", pay_min=29500, pay_max=None,
                                                         closing_date=date(2026, 1, 31)))
    assert (updated.title, updated.pay_min, updated.posted_on, updated.status) == ("門市人員", 29500, NEW_YEAR,
                                                                                  "ACTIVE")


def test_expired_vacancies_leave_the_list_after_the_closing_date_and_the_sweep_marks_them():
    posted = date(2026, 11, 1)
    closing = date(2026, 11, 10)
    first = vacancy(today=posted, closing_date=closing)
    later = vacancy(today=posted, closing_date=closing + timedelta(days=5))
    on_closing_day = selectors.vacancy_search(filters=selectors.VacancyFilters(), today=closing)
    assert {v.pk for v in on_closing_day.items} == {first.pk, later.pk}
    day_after = closing + timedelta(days=1)
    # Gone from the list the day after, sweep or no sweep.
    assert [v.pk for v in selectors.vacancy_search(filters=selectors.VacancyFilters(), today=day_after).items] == [
        later.pk
    ]
    assert services.vacancy_expire_due(today=closing) == 0
    assert services.vacancy_expire_due(today=day_after) == 1
    assert services.vacancy_expire_due(today=day_after) == 0
    assert dict(Vacancy.objects.values_list("pk", "status")) == {first.pk: "EXPIRED", later.pk: "ACTIVE"}
    assert VacancyEvent.objects.filter(vacancy=first, action="expire", to_status="EXPIRED").count() == 1


def test_the_sweep_is_registered():
    from laborbureau.notify.scheduler import registered

    assert "employment.expire_vacancies" in [periodic.name for periodic in registered()]


def test_filters_of_the_public_list():
    monthly = vacancy(district_code="63000020", occupation_code="51", pay_min=30000, pay_max=40000)
    hourly = vacancy(district_code="63000030", occupation_code="52", pay_unit="HOURLY", pay_min=200, pay_max=None,
                     hours="PART_TIME")
    Vacancy.objects.filter(pk=hourly.pk).update(posted_at=hourly.posted_at - timedelta(days=10))

    def ids(**filters):
        return [v.pk for v in selectors.vacancy_search(filters=selectors.VacancyFilters(**filters)).items]

    assert ids() == [monthly.pk, hourly.pk]
    assert ids(district="63000030") == [hourly.pk]
    assert ids(district="110") == [monthly.pk]  # postal code of 信義區
    assert ids(occupation="52") == [hourly.pk]
    assert ids(occupation="5") == [monthly.pk, hourly.pk]
    assert ids(pay_unit="MONTHLY", pay_min=38000) == [monthly.pk]
    assert ids(pay_unit="MONTHLY", pay_min=41000) == []
    assert ids(posted_within=7) == [monthly.pk]
    assert ids(hours="PART_TIME") == [hourly.pk]
    page = selectors.vacancy_search(filters=selectors.VacancyFilters(), page=2, page_size=1)
    assert ([v.pk for v in page.items], page.count, page.pages) == ([hourly.pk], 2, 2)
