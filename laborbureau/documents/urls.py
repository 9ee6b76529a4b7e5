from django.urls import path

from laborbureau.documents import views

urlpatterns = [
    path("verify/", views.verify, name="verify_document"),
]
