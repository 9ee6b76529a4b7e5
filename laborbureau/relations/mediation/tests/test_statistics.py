"""The statistics agree with the cases: counted independently from the case headers
and claims, the page, the CSV and the API show the same figures."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case
from laborbureau.core.services import EmployerInput, api_token_create
from laborbureau.core.tests.factories import EmployerFactory, business_id, citizen
from laborbureau.relations.mediation import selectors, services
from laborbureau.relations.mediation.models import Dispute
from laborbureau.relations.mediation.tests.factories import (
    assign,
    claim,
    file_dispute,
    hold_meeting_yesterday,
    lr_officer,
    mediator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    """Five disputes: settled, not settled, withdrawn, open, and one against an
    employer in another district and industry, received in an earlier month."""
    officer = lr_officer()
    mediator_user = mediator()
    retail = EmployerFactory(district_id="63000030", industry_id="47-48")  # 大安區, G
    food = EmployerFactory(district_id="63000020", industry_id="56")  # 信義區, I

    def against(employer, **kwargs):
        return file_dispute(citizen(), employer=EmployerInput(name=employer.name, business_id=employer.business_id),
                            **kwargs)

    def outcome(dispute, kind, **extra):
        assign(dispute, officer, mediator_user)
        slot = services.slot_proposals(dispute)[0]
        services.meeting_schedule(case=dispute.case, actor=officer, starts_at=slot.starts_at, room_id=slot.room.pk)
        hold_meeting_yesterday(dispute)
        services.dispute_outcome_record(case=dispute.case, actor=mediator_user, data=services.OutcomeInput(
            outcome=kind, applicant_attended=True, respondent_attended=True, record_summary="經過", **extra))

    settled = against(retail, claims=[claim("OVERTIME", 30000), claim("SEVERANCE", 100000)])
    outcome(settled, "SETTLED", settlement_terms="給付", settled_amounts={"OVERTIME": 20000, "SEVERANCE": 80000})
    failed = against(retail, claims=[claim("UNPAID_WAGES", 50000)])
    outcome(failed, "NOT_SETTLED")
    withdrawn = against(food, claims=[claim("OVERTIME", 10000)])
    case_services.case_transition(case=withdrawn.case, name="withdraw", actor=officer, data={"reason": "和解"})
    still_open = against(food, claims=[claim("LEAVE", 5000)])
    earlier = file_dispute(citizen(), employer=EmployerInput(name="無統編商行"), claims=[claim("PENSION", 7000)])
    # Spread receipt and closing: the earlier one was received 40 days ago.
    today = timezone.localdate()
    Dispute.objects.filter(pk=earlier.pk).update(received_on=today - timedelta(days=40))
    Dispute.objects.filter(pk=settled.pk).update(received_on=today - timedelta(days=12))
    Dispute.objects.filter(pk=failed.pk).update(received_on=today - timedelta(days=20))
    return {"settled": settled, "failed": failed, "withdrawn": withdrawn, "open": still_open, "earlier": earlier}


def independent_counts():
    """The figures counted straight from the case headers and claims."""
    rows = []
    for dispute in Dispute.objects.select_related("case", "employer__industry").prefetch_related("claims"):
        case = Case.objects.get(pk=dispute.pk)
        closed = timezone.localdate(case.closed_at) if case.closed_at else None
        rows.append({
            "month": dispute.received_on.strftime("%Y-%m"),
            "district": dispute.workplace_district_id or "",
            "industry": (dispute.employer.industry.parent_id or dispute.employer.industry_id)
            if dispute.employer.industry_id else "",
            "status": case.status,
            "days": (closed - dispute.received_on).days if closed else None,
            "claims": [(c.claim_type, c.amount or 0, c.settled_amount or 0) for c in dispute.claims.all()],
        })
    return rows


def test_the_statistics_agree_with_the_cases(cases):
    stats = selectors.dispute_statistics(lr_officer())
    rows = independent_counts()
    assert stats.total.cases == len(rows) == 5
    assert stats.total.closed == sum(1 for row in rows if row["days"] is not None) == 3
    assert stats.total.settled == 1
    assert stats.total.total_days == sum(row["days"] for row in rows if row["days"] is not None)
    for name in ("month", "district", "industry"):
        expected = {}
        for row in rows:
            expected[row[name]] = expected.get(row[name], 0) + 1
        assert {r.key: r.cases for r in stats.tables[name]} == expected, name
    outcomes = {r.key: r.cases for r in stats.tables["outcome"]}
    assert outcomes == {"OPEN": 2, "SETTLED": 1, "NOT_SETTLED": 1, "WITHDRAWN": 1}
    claim_rows = {r.key: (r.cases, r.claimed_amount, r.settled_amount) for r in stats.tables["claim_type"]}
    assert claim_rows == {
        "UNPAID_WAGES": (1, 50000, 0), "OVERTIME": (2, 40000, 20000), "SEVERANCE": (1, 100000, 80000),
        "LEAVE": (1, 5000, 0), "PENSION": (1, 7000, 0),
    }
    days = {r.key: r.cases for r in stats.tables["days_to_close"]}
    assert sum(days.values()) == 3
    assert days == {"8–14": 1, "15–30": 1, "0–7": 1}
    assert stats.tables["industry"][0].key == ""  # the unknown employer: not classified


def test_a_date_range_counts_only_the_disputes_received_in_it(cases):
    today = timezone.localdate()
    stats = selectors.dispute_statistics(lr_officer(), date_from=today - timedelta(days=30), date_to=today)
    assert stats.total.cases == 4


def test_the_api_the_page_and_the_csv_show_the_same_figures(cases, client):
    officer = lr_officer()
    _, key = api_token_create(user=officer, name="t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/disputes/statistics").json()
    stats = selectors.dispute_statistics(officer)
    assert api["total"]["cases"] == stats.total.cases
    assert {row["key"]: row["cases"] for row in api["outcome"]} == {r.key: r.cases for r in stats.tables["outcome"]}
    assert {row["key"]: row["settled_amount"] for row in api["claim_type"]} == {
        r.key: r.settled_amount for r in stats.tables["claim_type"]
    }
    client.force_login(officer)
    page = client.get("/staff/disputes/statistics/")
    assert page.status_code == 200
    assert "調解成立" in page.content.decode()
    download = client.get("/staff/disputes/statistics.csv")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert table[0][:5] == ["dimension", "key", "label_zh", "label_en", "cases"]
    total = next(row for row in table if row[0] == "total")
    assert int(total[4]) == 5
    csv_outcomes = {row[1]: int(row[4]) for row in table if row[0] == "outcome"}
    assert csv_outcomes == {"OPEN": 2, "SETTLED": 1, "NOT_SETTLED": 1, "WITHDRAWN": 1}


def test_the_statistics_take_the_same_number_of_queries_for_more_cases(cases, django_assert_max_num_queries):
    officer = lr_officer()
    with django_assert_max_num_queries(8):
        selectors.dispute_statistics(officer)
    for _ in range(4):
        file_dispute(citizen(), employer=EmployerInput(name="X", business_id=business_id()))
    with django_assert_max_num_queries(8):
        assert selectors.dispute_statistics(officer).total.cases == 9


def test_another_units_staff_see_no_disputes_in_the_statistics(cases, officer):
    assert selectors.dispute_statistics(officer).total.cases == 0  # an LS officer
