from django.urls import path

from .views import requests as views

urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
]
