"""The application's own record on the generic case pages (staff and portal)."""

from laborbureau.relations.fund.models import FundApplication


def _context(case):
    application = (
        FundApplication.objects.select_related("applicant", "employer", "mediation_case")
        .prefetch_related("items", "milestones", "payments", "reimbursements")
        .get(case=case)
    )
    paid: dict[str, int] = {}
    for payment in application.payments.all():
        paid[payment.item] = paid.get(payment.item, 0) + payment.amount
    items = [(row, paid.get(row.item, 0)) for row in application.items.all()]
    return {"application": application, "items": items, "paid_total": sum(paid.values()),
            "reimbursed": sum(r.amount for r in application.reimbursements.all())}


def staff_panel(case, viewer):
    from laborbureau.relations.fund import forms

    context = _context(case)
    context.update({"milestone_form": forms.MilestoneForm(prefix="milestone"),
                    "payment_form": forms.PaymentForm(prefix="payment"),
                    "reimbursement_form": forms.ReimbursementForm(prefix="reimbursement")})
    return "fund/panel.html", context


def portal_panel(case, viewer):
    return "fund/portal_panel.html", _context(case)
