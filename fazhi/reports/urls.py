from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.create, name="create"),
    path("dates/", views.dates, name="dates"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/redraw/", views.redraw, name="redraw"),
    path("<int:pk>/steps/<str:key>/", views.step, name="step"),
    path("<int:pk>/v<int:number>/", views.version, name="version"),
    path("<int:pk>/report.<str:fmt>", views.download, name="download"),
]
