from django.urls import path

from laborbureau.fines import views

urlpatterns = [
    path("open-data/", views.open_data, name="open_data_fines"),
    path("open-data.csv", views.open_data_csv, name="open_data_fines_csv"),
    path("open-data.json", views.open_data_json, name="open_data_fines_json"),
    path("staff/", views.staff_list, name="fine_list"),
    path("staff/<int:pk>/", views.staff_detail, name="fine_detail"),
    path("staff/issue/<int:employer_id>/", views.staff_issue, name="fine_issue"),
    path("mine/", views.my_fines, name="my_fines"),
]
