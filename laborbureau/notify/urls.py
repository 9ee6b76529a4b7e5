from django.urls import path

from laborbureau.notify import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/read/", views.notification_read, name="notification_read"),
    path("read-all/", views.notification_read_all, name="notification_read_all"),
    path("outbox/", views.outbox_list, name="notification_outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="notification_outbox_retry"),
]
