from django.urls import include, path

from fazhi.api import api

urlpatterns = [
    path("", include("fazhi.core.urls")),
    path("supervision/", include("fazhi.supervision.urls")),
    path("disclosure/", include("fazhi.disclosure.urls")),
    path("decisions/", include("fazhi.decisions.urls")),
    path("normdocs/", include("fazhi.normdocs.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("dashboard/", include("fazhi.reports.urls_dashboard")),
    path("imports/", include("fazhi.importer.urls")),
    path("open/", include("fazhi.portal.urls")),
    path("api/v1/", api.urls),
]

handler400 = "fazhi.core.views.errors.bad_request"
handler403 = "fazhi.core.views.errors.forbidden"
handler404 = "fazhi.core.views.errors.not_found"
handler500 = "fazhi.core.views.errors.server_error"
