"""Pages of 勞資爭議調解 Labor-dispute mediation: portal pages under /portal/, staff pages under /staff/."""

from django.urls import path

from laborbureau.relations.mediation import views

urlpatterns = [
    path("portal/disputes/new/", views.portal_dispute_new, name="portal_dispute_new"),
    path("portal/disputes/<str:number>/unavailable/", views.portal_dispute_unavailable,
         name="portal_dispute_unavailable"),
    path("staff/disputes/", views.staff_disputes, name="staff_disputes"),
    path("staff/disputes/new/", views.staff_dispute_new, name="staff_dispute_new"),
    path("staff/disputes/statistics/", views.staff_dispute_statistics, name="staff_dispute_statistics"),
    path("staff/disputes/statistics.csv", views.staff_dispute_statistics_csv, name="staff_dispute_statistics_csv"),
    path("staff/disputes/mediators/", views.staff_mediators, name="staff_mediators"),
    path("staff/disputes/<str:number>/schedule/", views.staff_dispute_schedule, name="staff_dispute_schedule"),
    path("staff/disputes/<str:number>/outcome/", views.staff_dispute_outcome, name="staff_dispute_outcome"),
]
