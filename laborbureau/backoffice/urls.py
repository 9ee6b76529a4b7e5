from django.urls import path

from laborbureau.backoffice import views

urlpatterns = [
    path("", views.home, name="staff_home"),
    path("queue/", views.queue, name="staff_queue"),
    path("due/", views.due_soon, name="staff_due_soon"),
    path("overdue/", views.overdue, name="staff_overdue"),
    path("search/", views.search, name="staff_search"),
    path("programs/", views.programs, name="staff_programs"),
    path("cases/<str:number>/", views.case_detail, name="staff_case"),
    path("cases/<str:number>/attachments/<int:pk>/", views.attachment_download, name="staff_attachment"),
    path("persons/new/", views.person_new, name="staff_person_new"),
    path("persons/merge/", views.person_merge, name="staff_person_merge"),
    path("persons/<int:pk>/", views.person_detail, name="staff_person"),
    path("persons/<int:pk>/edit/", views.person_edit, name="staff_person_edit"),
    path("employers/new/", views.employer_new, name="staff_employer_new"),
    path("employers/merge/", views.employer_merge, name="staff_employer_merge"),
    path("employers/<int:pk>/", views.employer_detail, name="staff_employer"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="staff_employer_edit"),
    path("audit/access-log/", views.access_log, name="staff_access_log"),
    path("employer-accounts/", views.employer_accounts, name="staff_employer_accounts"),
]
