from django.urls import path

from . import views

app_name = "normdocs"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.create, name="create"),
    path("export.xlsx", views.export, name="export"),
    path("filing/", views.filing, name="filing"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/amend/", views.amend, name="amend"),
    path("<int:pk>/steps/<str:key>/", views.step, name="step"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("cleanups/", views.cleanup_list, name="cleanups"),
    path("cleanups/<int:pk>/", views.cleanup, name="cleanup"),
    path("cleanups/<int:pk>/entries/<int:entry_pk>/", views.cleanup_decide, name="cleanup-decide"),
    path("cleanups/<int:pk>/result.xlsx", views.cleanup_export, name="cleanup-export"),
]
