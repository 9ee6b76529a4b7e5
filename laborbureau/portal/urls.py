from django.urls import path

from laborbureau.portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("portal/", views.portal_home, name="portal_home"),
    path("portal/register/", views.register, name="portal_register"),
]
