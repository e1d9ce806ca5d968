from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.create, name="create"),
    path("export.xlsx", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/steps/<str:key>/", views.step, name="step"),
]
