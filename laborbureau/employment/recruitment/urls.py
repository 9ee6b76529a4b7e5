"""Pages of domestic recruitment (國內招募), separation-certificate help (協助開立離職證明)
and foreign-worker transfers (轉換雇主及承接): portal under /portal/, staff under /staff/."""

from django.urls import path

from laborbureau.employment.recruitment import views

urlpatterns = [
    path("portal/domestic-recruitments/", views.portal_recruitments, name="portal_recruitments"),
    path("portal/domestic-recruitments/new/", views.portal_recruitment_new, name="portal_recruitment_new"),
    path("portal/separation-certificates/new/", views.portal_separation_new, name="portal_separation_new"),
    path("cases/<str:number>/referrals/<int:referral_pk>/outcome/", views.recruitment_outcome,
         name="recruitment_outcome"),
    path("staff/domestic-recruitments/", views.staff_recruitments, name="staff_recruitments"),
    path("staff/domestic-recruitments/new/", views.staff_recruitment_new, name="staff_recruitment_new"),
    path("staff/domestic-recruitments/<str:number>/outcomes/<int:outcome_pk>/judge/", views.recruitment_judge,
         name="recruitment_judge"),
    path("staff/separation-certificates/", views.staff_separations, name="staff_separations"),
    path("staff/separation-certificates/new/", views.staff_separation_new, name="staff_separation_new"),
    path("staff/separation-certificates/<str:number>/contacts/", views.separation_contact, name="separation_contact"),
    path("staff/worker-transfers/", views.staff_transfers, name="staff_transfers"),
    path("staff/worker-transfers/new/", views.staff_transfer_new, name="staff_transfer_new"),
    path("staff/worker-transfers/<str:number>/register/", views.transfer_register, name="transfer_register"),
    path("staff/worker-transfers/<str:number>/extend/", views.transfer_extend, name="transfer_extend"),
]
