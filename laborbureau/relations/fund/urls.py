"""Pages of 勞工權益基金 Labor Rights Fund: portal pages under /portal/, staff pages under /staff/."""

from django.urls import path

from laborbureau.relations.fund import views

urlpatterns = [
    path("portal/fund/apply/", views.portal_apply, name="fund_apply"),
    path("staff/fund/", views.staff_list, name="staff_fund"),
    path("staff/fund/<str:number>/milestones/", views.staff_milestone, name="staff_fund_milestone"),
    path("staff/fund/<str:number>/payments/", views.staff_payment, name="staff_fund_payment"),
    path("staff/fund/<str:number>/reimbursements/", views.staff_reimbursement, name="staff_fund_reimbursement"),
]
