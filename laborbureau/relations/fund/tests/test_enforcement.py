"""Labor-standards enforcement in this program: a breach of the 勞資爭議處理法 becomes
a fine through the fines ledger like any other — issued within the range in force,
appealed (訴願), finalised, and then published as open data. Only
fines.services and fines.selectors are used."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.core.errors import ApplicationError
from laborbureau.core.models import Role, Unit
from laborbureau.core.tests.factories import EmployerFactory, staff
from laborbureau.fines import selectors as fine_selectors
from laborbureau.fines import services as fine_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return staff(Role.CASE_OFFICER, "LR")


def test_a_dispute_act_fine_is_appealed_finalised_and_published(officer):
    employer = EmployerFactory(name="松山物流股份有限公司")
    today = timezone.localdate()
    violation = today - timedelta(days=220)
    fine = fine_services.fine_issue(
        employer=employer, unit=Unit.objects.get(code="LR"), law_code="LDSA", article="第62條第1項",
        violated_article="第8條", violation_date=violation, amount=300_000, decided_on=violation + timedelta(days=20),
        served_on=violation + timedelta(days=25), actor=officer,
    )
    assert (fine.law_name, fine.legal_basis, fine.range_min, fine.range_max) == (
        "勞資爭議處理法", "勞資爭議處理法第62條第1項", 200_000, 600_000)

    fine_services.fine_appeal_file(fine=fine, filed_on=violation + timedelta(days=40), actor=officer,
                                   reference="府訴二字第1150000001號")
    fine.refresh_from_db()
    assert fine.remedy == "APPEAL_PENDING"
    assert fine.final_on is None
    assert not fine_selectors.open_data_list().filter(number=fine.number).exists()

    fine_services.fine_appeal_decide(fine=fine, outcome="upheld", decided_on=violation + timedelta(days=100),
                                     actor=officer)
    fine.refresh_from_db()
    assert fine.remedy == "APPEAL_DECIDED"
    assert fine.final_on is not None and fine.final_on < today  # the two months for a suit have run out

    rows = fine_selectors.open_data_rows(fine_selectors.open_data_list(law_code="LDSA"))
    assert [(r.number, r.employer_name, r.law, r.legal_basis, r.amount) for r in rows] == [
        (fine.number, "松山物流股份有限公司", "勞資爭議處理法", "勞資爭議處理法第62條第1項", 300_000)]
    assert ("LDSA", "勞資爭議處理法") in fine_selectors.open_data_laws()


def test_absence_from_mediation_is_fined_within_the_dispute_act_range(officer):
    employer = EmployerFactory()
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as error:
        fine_services.fine_issue(
            employer=employer, unit=Unit.objects.get(code="LR"), law_code="LDSA", article="第63條第3項",
            violation_date=today - timedelta(days=10), amount=20_000, decided_on=today, actor=officer,
        )
    assert error.value.field == "amount"
    assert "勞資爭議處理法第63條第3項" in error.value.message_zh
    assert not fine_selectors.fines_readable_by(officer).exists()
    fine = fine_services.fine_issue(
        employer=employer, unit=Unit.objects.get(code="LR"), law_code="LDSA", article="第63條第3項",
        violation_date=today - timedelta(days=10), amount=2_000, decided_on=today, actor=officer,
    )
    assert (fine.range_min, fine.range_max, fine.amount) == (2_000, 10_000, 2_000)
