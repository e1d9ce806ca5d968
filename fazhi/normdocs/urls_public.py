from django.urls import path

from . import views_public

app_name = "normdocs"
urlpatterns = [
    path("", views_public.library, name="library"),
    path("<int:pk>/", views_public.document, name="document"),
]
