from django.urls import path

from .views import requests as views

urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.register, name="request-new"),
    path("requests/export.xlsx", views.export, name="requests-export"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/steps/<str:key>/", views.step, name="request-step"),
    path("requests/<int:pk>/letter-preview/", views.letter_preview, name="request-letter-preview"),
    path("requests/<int:pk>/letter.docx", views.letter_docx, name="request-letter"),
]
