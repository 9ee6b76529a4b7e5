from django.urls import path

from laborbureau.backoffice import views

urlpatterns = [
    path("", views.home, name="staff_home"),
]
