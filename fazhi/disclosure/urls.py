"""政务公开 URLs, one module per part so that each part stays readable."""

from .urls_publication import urlpatterns as publication
from .urls_reports import urlpatterns as reports
from .urls_requests import urlpatterns as requests

app_name = "disclosure"
urlpatterns = requests + publication + reports
