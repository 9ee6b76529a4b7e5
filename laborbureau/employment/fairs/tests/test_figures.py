"""The fair's figures, exact against the records."""

import csv
import io

import pytest

from laborbureau.core.services import PersonInput
from laborbureau.core.tests.factories import citizen, national_id
from laborbureau.employment.fairs import selectors, services
from laborbureau.employment.fairs.tests.factories import approved_employer, counsellor, make_fair

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_fair():
    """Two employers (3 vacancies: 51 ×2 with 2 openings each, 83 ×1 with 2 openings);
    5 pre-registered (1 cancelled, 3 came), 2 walk-ins; 5 interviews: 2 hired (one
    person twice), 2 not hired, 1 awaiting."""
    organiser = counsellor()
    fair = make_fair(organiser)
    _, cooks = approved_employer(fair, organiser, booth="A01", vacancies=2, openings=2)
    _, (driver,) = approved_employer(fair, organiser, booth="A02", occupation_code="83", title="物流貨車司機",
                                     openings=2)
    registrations = [services.registration_create(fair=fair, actor=citizen()) for _ in range(5)]
    services.registration_cancel(registration=registrations[4], actor=organiser)
    came = [services.check_in(fair=fair, actor=organiser, code=r.code).registration for r in registrations[:3]]
    came += [services.walk_in(fair=fair, actor=organiser, person=PersonInput(id_number=national_id(), name=f"現場{i}"))
             .registration for i in range(2)]
    plan = [(came[0], cooks[0], "HIRED"), (came[0], driver, "HIRED"), (came[1], cooks[0], "NOT_HIRED"),
            (came[3], cooks[1], "NOT_HIRED"), (came[4], driver, None)]
    for registration, fair_vacancy, outcome in plan:
        interview = services.interview_record(fair=fair, fair_vacancy=fair_vacancy, actor=organiser,
                                              code=registration.code)
        if outcome:
            services.interview_outcome(interview=interview, outcome=outcome, reason="SKILLS", actor=organiser)
    return fair


def test_the_figures_count_the_records(busy_fair):
    figures = selectors.fair_figures(busy_fair)
    assert (figures.employers, figures.vacancies, figures.openings) == (2, 3, 6)
    assert (figures.preregistered, figures.checked_in, figures.checked_in_preregistered,
            figures.checked_in_walk_in) == (4, 5, 3, 2)
    assert (figures.interviews, figures.interviewed_persons, figures.hires, figures.hired_persons,
            figures.not_hired, figures.awaiting) == (5, 4, 2, 1, 2, 1)
    assert figures.hire_rate == 20  # 1 person hired of 5 who came
    assert figures.turnout == 75  # 3 of 4 pre-registered came
    rows = {row.code: (row.vacancies, row.openings, row.interviews, row.hires, row.hire_rate)
            for row in figures.by_occupation}
    assert rows == {"51": (2, 4, 3, 1, 33), "83": (1, 2, 2, 1, 50)}
    assert [row.code for row in figures.by_occupation] == ["51", "83"]


def test_the_figures_take_a_fixed_number_of_queries(busy_fair, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        selectors.fair_figures(busy_fair)


def test_an_empty_fair_has_zero_figures_and_no_rate():
    figures = selectors.fair_figures(make_fair())
    assert (figures.employers, figures.openings, figures.checked_in, figures.interviews) == (0, 0, 0, 0)
    assert (figures.hire_rate, figures.turnout, figures.by_occupation) == (None, None, [])


def test_the_csv_holds_the_same_figures(busy_fair, client):
    organiser = counsellor()
    client.force_login(organiser)
    response = client.get(f"/staff/employment/fairs/{busy_fair.pk}/figures.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = {row[1]: row[2] for row in rows if len(row) == 3 and row[0] != "項目"}
    assert (values["Employers"], values["Checked in (walk-in)"], values["Hires"]) == ("2", "2", "2")
    assert values["Hire rate (people hired ÷ checked in, %)"] == "20"
    assert ["51 個人服務工作人員", "2", "4", "3", "1", "33"] in rows or any(
        row[:1] and row[0].startswith("51 ") and row[1:] == ["2", "4", "3", "1", "33"] for row in rows)
