"""The public portal under /open/: no login, Chinese throughout, works without JavaScript."""

from django.urls import include, path

from . import views, views_consultation, views_decisions

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("healthz/", views.healthz, name="healthz"),
    path("track/", views.track, name="track"),
    path("consultations/", views_consultation.consultations_list, name="consultations"),
    path("consultations/<int:pk>/", views_consultation.consultation_detail, name="consultation"),
    path("decisions/", views_decisions.decision_catalogues, name="decision-catalogues"),
    path("decisions/<int:pk>/", views_decisions.decision, name="decision"),
    path("reports/", views.law_reports, name="law-reports"),
    path("normdocs/", include("fazhi.normdocs.urls_public")),
    path("reports/<int:pk>/", views.law_report, name="law-report"),
    path("reports/<int:pk>/report.<str:fmt>", views.law_report_file, name="law-report-file"),
    path("<str:code>/guide/", views.guide, name="guide"),
    path("<str:code>/catalogue/", views.catalogue, name="catalogue"),
    path("<str:code>/items/<int:pk>/", views.item, name="item"),
    path("<str:code>/apply/", views.apply, name="apply"),
]
