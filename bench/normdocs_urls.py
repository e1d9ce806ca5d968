"""fazhi's URLs with the baseline view of bench/normdocs.py beside them (gunicorn's ROOT_URLCONF there)."""

from django.urls import include, path

from bench.normdocs import table50

urlpatterns = [path("bench/table50/", table50), path("", include("fazhi.urls"))]
