from django.urls import path

from laborbureau.fines import views

urlpatterns = [
    path("open-data/", views.open_data, name="open_data_fines"),
]
