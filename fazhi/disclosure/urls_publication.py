from django.urls import path

from .views import publication as views

urlpatterns = [
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_create, name="item-create"),
    path("items/review-config/", views.review_config, name="review-config"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/steps/<str:key>/", views.item_step, name="item-step"),
]
