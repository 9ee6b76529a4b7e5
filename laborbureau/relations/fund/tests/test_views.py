"""The fund's pages: applying on the portal, the staff list and the case panel."""

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import citizen, staff
from laborbureau.relations.fund.models import CourtMilestone, FundApplication

pytestmark = pytest.mark.django_db


def test_a_worker_applies_on_the_portal_and_follows_the_case(client):
    worker = citizen()
    client.force_login(worker)
    assert client.get("/portal/fund/apply/").status_code == 200
    response = client.post("/portal/fund/apply/", {
        "employer_name": "信義餐飲有限公司", "dispute_kind": "TERMINATION_WAGES", "stage": "FIRST",
        "mediation_reference": "北市勞資字第1150001234號", "court_fee": "12000", "attorney_fee": "40000",
    })
    assert response.status_code == 302
    case = Case.objects.get()
    page = client.get(f"/portal/cases/{case.number}/").content.decode()
    assert "我的補助申請" in page and "12,000" in page


def test_a_portal_refusal_shows_on_the_field(client):
    client.force_login(citizen())
    response = client.post("/portal/fund/apply/", {"employer_name": "某公司", "dispute_kind": "TERMINATION_WAGES",
                                                    "stage": "FIRST", "court_fee": "12000"})
    assert response.status_code == 422
    assert "調解不成立" in response.content.decode()
    assert FundApplication.objects.count() == 0


def test_staff_list_panel_and_milestone_form(client):
    worker, officer, chief = citizen(), staff(Role.CASE_OFFICER, "LR"), staff(Role.SECTION_CHIEF, "LR")
    client.force_login(worker)
    client.post("/portal/fund/apply/", {
        "employer_name": "信義餐飲有限公司", "dispute_kind": "TERMINATION_WAGES", "stage": "FIRST",
        "mediation_reference": "北市勞資字第1150001234號", "court_fee": "12000",
    })
    case = Case.objects.get()
    case_services.case_transition(case=case, name="accept", actor=officer)
    case_services.case_transition(case=Case.objects.get(pk=case.pk), name="propose_grant", actor=officer,
                                  data={"means_confirmed": "yes", "court_fee": "12000", "reason": "符合"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=case), actor=chief, approve=True)
    client.force_login(officer)
    assert case.number in client.get("/staff/fund/").content.decode()
    page = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "勞工權益基金申請" in page and "登錄訴訟進度" in page
    response = client.post(f"/staff/fund/{case.number}/milestones/", {
        "milestone-stage": "FIRST", "milestone-kind": "FILED", "milestone-on": timezone.localdate().isoformat(),
        "milestone-court": "臺灣臺北地方法院", "milestone-docket": "115年度勞訴字第12號",
    })
    assert response.status_code == 302
    assert CourtMilestone.objects.get().docket == "115年度勞訴字第12號"
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    assert client.post(f"/staff/fund/{case.number}/milestones/", {}).status_code == 404
