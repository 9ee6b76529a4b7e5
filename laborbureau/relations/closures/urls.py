"""Pages of 關廠歇業事實認定 Closure determinations: portal pages under /portal/, staff pages under /staff/."""

from django.urls import path

from laborbureau.relations.closures import views

urlpatterns = [
    path("portal/closures/", views.portal_applications, name="portal_closures"),
    path("portal/closures/new/", views.portal_apply, name="portal_closure_new"),
    path("staff/closures/new/", views.staff_apply, name="staff_closure_new"),
]
