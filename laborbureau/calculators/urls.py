from django.urls import path

from laborbureau.calculators import views

urlpatterns = [
    path("", views.index, name="calculators_index"),
    path("<slug:slug>/", views.calculator_page, name="calculator"),
]
