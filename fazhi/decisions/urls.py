from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.catalogue_list, name="catalogues"),
    path("catalogues/<int:pk>/", views.catalogue, name="catalogue"),
    path("catalogues/<int:pk>/add/", views.catalogue_add, name="catalogue-add"),
    path("catalogues/<int:pk>/publish/", views.catalogue_publish, name="catalogue-publish"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/archive/", views.archive_view, name="archive"),
    path("<int:pk>/steps/<str:key>/", views.step, name="step"),
    path("<int:pk>/records/<str:kind>/", views.record, name="record"),
    path("<int:pk>/waive/<str:kind>/", views.waive, name="waive"),
    path("<int:pk>/consultation/open/", views.consultation_open, name="consultation-open"),
    path("<int:pk>/consultation/close/", views.consultation_close, name="consultation-close"),
    path("<int:pk>/market/", views.market, name="market"),
    path("<int:pk>/hearings/new/", views.hearing_new, name="hearing-new"),
    path("<int:pk>/hearings/<int:hearing_pk>/hold/", views.hearing_hold, name="hearing-hold"),
    path("<int:pk>/hearings/<int:hearing_pk>/cancel/", views.hearing_cancel, name="hearing-cancel"),
    path("<int:pk>/materials/", views.material_upload, name="material-upload"),
    path("<int:pk>/materials/<int:material_pk>/", views.material_download, name="material"),
    path("<int:pk>/evaluations/new/", views.evaluation_new, name="evaluation-new"),
    path("<int:pk>/evaluations/<int:evaluation_pk>/done/", views.evaluation_done, name="evaluation-done"),
]
