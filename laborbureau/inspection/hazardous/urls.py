"""Pages of the hazardous workplaces and machinery: staff under /staff/inspections/, the
employer's 丁類 applications under /portal/type-d-reviews/."""

from django.urls import path

from laborbureau.inspection.hazardous import views

urlpatterns = [
    path("staff/inspections/construction-projects/", views.staff_projects, name="hazardous_projects"),
    path("staff/inspections/construction-projects/new/", views.staff_project_edit, name="hazardous_project_new"),
    path("staff/inspections/construction-projects/<int:pk>/edit/", views.staff_project_edit,
         name="hazardous_project_edit"),
    path("staff/inspections/machinery-certificates/", views.staff_certificates, name="hazardous_certificates"),
    path("staff/inspections/machinery-certificates/new/", views.staff_certificate_edit,
         name="hazardous_certificate_new"),
    path("staff/inspections/machinery-certificates/<int:pk>/edit/", views.staff_certificate_edit,
         name="hazardous_certificate_edit"),
    path("staff/inspections/type-d-reviews/", views.staff_reviews, name="hazardous_reviews"),
    path("staff/inspections/type-d-reviews/<str:number>/review/", views.staff_review_act, name="hazardous_review_act"),
    path("portal/type-d-reviews/", views.portal_reviews, name="portal_type_d_reviews"),
    path("portal/type-d-reviews/new/", views.portal_review_new, name="portal_type_d_review_new"),
    path("portal/type-d-reviews/<str:number>/supplement/", views.portal_review_supplement,
         name="portal_type_d_review_supplement"),
]
