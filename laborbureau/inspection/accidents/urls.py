"""Pages of occupational accidents: portal, the public map, and staff pages."""

from django.urls import path

from laborbureau.inspection.accidents import views

urlpatterns = [
    path("portal/accidents/", views.portal_list, name="accident_portal_list"),
    path("portal/accidents/new/", views.portal_report, name="accident_portal_report"),
    path("portal/accidents/<str:number>/victims/", views.portal_victims, name="accident_portal_victims"),
    path("portal/occupational-diseases/new/", views.portal_disease_new, name="accident_portal_disease_new"),
    path("accidents/map/", views.public_map, name="accident_public_map"),
    path("staff/accidents/", views.staff_list, name="accident_staff_list"),
    path("staff/accidents/new/", views.staff_new, name="accident_staff_new"),
    path("staff/accidents/alerts/", views.staff_alerts, name="accident_staff_alerts"),
    path("staff/accidents/alerts.json", views.staff_alerts_json, name="accident_staff_alerts_json"),
    path("staff/accidents/roster/", views.staff_roster, name="accident_staff_roster"),
    path("staff/accidents/figures/", views.staff_stats, name="accident_staff_stats"),
    path("staff/accidents/undelivered/", views.staff_undelivered, name="accident_staff_undelivered"),
    path("staff/accidents/map/", views.staff_map, name="accident_staff_map"),
    path("staff/occupational-diseases/new/", views.staff_disease_new, name="accident_staff_disease_new"),
    path("staff/accidents/<str:number>/", views.staff_detail, name="accident_staff_detail"),
    path("staff/accidents/<str:number>/victims/", views.staff_victims, name="accident_staff_victims"),
]
