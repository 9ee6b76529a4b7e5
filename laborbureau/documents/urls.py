from django.urls import path

from laborbureau.documents import views

urlpatterns = [
    path("verify/", views.verify, name="verify_document"),
    path("verify/<str:code>/", views.verify_code, name="verify_document_code"),
    path("<str:code>/pdf", views.download, name="document_pdf"),
]
