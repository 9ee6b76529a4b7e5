"""Pages of 大量解僱 Mass layoffs: portal pages under /portal/, staff pages under /staff/."""

from django.urls import path

from laborbureau.relations.layoffs import views

urlpatterns = [
    path("portal/layoff-plans/", views.portal_plans, name="portal_layoff_plans"),
    path("portal/layoff-plans/new/", views.portal_plan_new, name="portal_layoff_plan_new"),
    path("staff/layoff-plans/new/", views.staff_plan_new, name="staff_layoff_plan_new"),
    path("staff/mass-layoffs/", views.staff_monitor, name="staff_layoff_monitor"),
]
