"""Pages of unemployment certification: portal under /portal/certification/, staff under
/staff/employment/certifications/."""

from django.urls import path

from laborbureau.employment.certification import views

urlpatterns = [
    path("portal/certification/", views.my_claims, name="certification_my_claims"),
    path("portal/certification/apply/", views.apply, name="certification_apply"),
    path("portal/certification/<int:pk>/", views.my_claim, name="certification_mine"),
    path("portal/certification/events/", views.events, name="certification_events"),
    path("portal/certification/events/<int:pk>/register/", views.event_register, name="certification_event_register"),
    path("portal/certification/events/registrations/<int:pk>/cancel/", views.event_cancel,
         name="certification_event_cancel"),
    path("staff/employment/certifications/", views.staff_queue, name="certification_staff_queue"),
    path("staff/employment/certifications/export/", views.staff_export, name="certification_staff_export"),
    path("staff/employment/certifications/events/", views.staff_events, name="certification_staff_events"),
    path("staff/employment/certifications/events/<int:pk>/", views.staff_event, name="certification_staff_event"),
    path("staff/employment/certifications/<int:pk>/", views.staff_claim, name="certification_staff_claim"),
    path("staff/employment/certifications/<int:pk>/<str:action>/", views.staff_action,
         name="certification_staff_action"),
]
