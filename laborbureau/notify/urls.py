from django.urls import path

from laborbureau.notify import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
]
