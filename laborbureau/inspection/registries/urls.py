"""Pages of the registries (勞動檢查處登錄、彙編、電子報): portal, public and staff."""

from django.urls import path

from laborbureau.inspection.registries import views

urlpatterns = [
    path("portal/osh-registries/", views.portal_list, name="registries_portal_list"),
    path("portal/osh-registries/new/", views.portal_apply, name="registries_portal_apply"),
    path("osh-registries/", views.public_list, name="registries_public_list"),
    path("portal/osh-newsletter/", views.newsletter, name="registries_newsletter"),
    path("portal/osh-newsletter/issues/<int:issue_id>/", views.newsletter_issue, name="registries_newsletter_issue"),
    path("portal/osh-newsletter/confirm/<str:token>/", views.newsletter_confirm, name="registries_newsletter_confirm"),
    path("portal/osh-newsletter/unsubscribe/<str:token>/", views.newsletter_unsubscribe,
         name="registries_newsletter_unsubscribe"),
    path("staff/osh-registries/", views.staff_list, name="registries_staff_list"),
    path("staff/osh-registries/audits/", views.staff_audits, name="registries_staff_audits"),
    path("staff/osh-registries/audits/<int:audit_id>/", views.staff_audit, name="registries_staff_audit"),
    path("staff/osh-registries/monitored-works/", views.staff_works, name="registries_staff_works"),
    path("staff/osh-registries/monitored-works/<int:work_id>/", views.staff_work, name="registries_staff_work"),
    path("staff/osh-registries/compilation/", views.staff_compilation, name="registries_staff_compilation"),
    path("staff/osh-registries/compilation/<int:year>/", views.staff_compilation,
         name="registries_staff_compilation_year"),
    path("staff/osh-registries/compilation/<int:year>/<str:case_number>/", views.staff_compilation_entry,
         name="registries_staff_compilation_entry"),
    path("staff/osh-newsletter/", views.staff_newsletter, name="registries_staff_newsletter"),
    path("staff/osh-newsletter/<int:issue_id>/", views.staff_issue, name="registries_staff_issue"),
]
