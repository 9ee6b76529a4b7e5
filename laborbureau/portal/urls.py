from django.urls import path

from laborbureau.portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("portal/", views.portal_home, name="portal_home"),
    path("portal/services/", views.services, name="portal_services"),
    path("portal/register/", views.register, name="portal_register"),
    path("portal/register/employer/", views.register_employer, name="portal_register_employer"),
    path("portal/cases/<str:number>/", views.portal_case, name="portal_case"),
    path("portal/cases/<str:number>/transitions/<str:name>/", views.portal_case_transition, name="portal_case_transition"),
    path("portal/cases/<str:number>/attachments/", views.portal_case_attach, name="portal_case_attach"),
    path(
        "portal/cases/<str:number>/attachments/<int:attachment_id>/",
        views.portal_attachment,
        name="portal_attachment",
    ),
]
