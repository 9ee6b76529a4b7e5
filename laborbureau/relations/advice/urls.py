"""Pages of 義務律師諮詢 Volunteer-lawyer advice: portal pages under /portal/, staff pages under /staff/."""

from django.urls import path

from laborbureau.relations.advice import views

urlpatterns = [
    path("portal/advice/", views.portal_slots, name="advice_slots"),
    path("portal/advice/slots/<int:pk>/book/", views.portal_book, name="advice_book"),
    path("portal/advice/bookings/", views.portal_my_bookings, name="advice_my_bookings"),
    path("portal/advice/bookings/<int:pk>/cancel/", views.portal_cancel, name="advice_cancel"),
    path("portal/advice/desk/", views.adviser_desk, name="advice_desk"),
    path("portal/advice/desk/<int:pk>/", views.adviser_booking, name="advice_desk_booking"),
    path("advice/documents/<int:pk>/", views.document_download, name="advice_document"),
    path("staff/advice/", views.staff_calendar, name="staff_advice"),
    path("staff/advice/publish/", views.staff_publish, name="staff_advice_publish"),
    path("staff/advice/slots/<int:pk>/close/", views.staff_slot_close, name="staff_advice_slot_close"),
    path("staff/advice/advisers/", views.staff_advisers, name="staff_advice_advisers"),
    path("staff/advice/bookings/", views.staff_bookings, name="staff_advice_bookings"),
    path("staff/advice/bookings/<int:pk>/", views.staff_booking, name="staff_advice_booking"),
    path("staff/advice/no-shows/", views.staff_no_shows, name="staff_advice_no_shows"),
    path("staff/advice/figures/", views.staff_figures, name="staff_advice_figures"),
]
