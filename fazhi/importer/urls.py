from django.urls import path

from . import views

app_name = "importer"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("compare/", views.compare, name="compare"),
    path("compare.xlsx", views.compare_export, name="compare-export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/figures/<int:figure_pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/figures/<int:figure_pk>/withdraw/", views.withdraw, name="withdraw"),
]
