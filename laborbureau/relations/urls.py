from django.urls import path

from laborbureau.relations import views

urlpatterns = [
    path("portal/complaints/new/", views.portal_complaint_new, name="portal_complaint_new"),
    path("staff/complaints/new/", views.staff_complaint_new, name="staff_complaint_new"),
]
