from django.urls import path

from .views import publication as views

urlpatterns = [
    path("items/", views.item_list, name="items"),
    path("items/<int:pk>/", views.item_detail, name="item"),
]
