from django.urls import path

from .views import reports as views

urlpatterns = [
    path("reports/gio/", views.gio_report, name="gio-report"),
    path("reports/gio/export.<str:fmt>", views.gio_export, name="gio-report-export"),
    path("reports/gio/published/", views.gio_published, name="gio-report-published"),
    path("reports/gio/clock/<int:pk>/", views.gio_clock, name="gio-report-clock"),
]
