from django.contrib.auth import views as auth_views
from django.urls import path

from .views import admin, auth, consultations, home, pages

urlpatterns = [
    path("", home.index, name="index"),
    path("home/", home.home, name="home"),
    path("notices/read/", home.notices_read, name="notices-read"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("calendar/", pages.calendar_month, name="calendar"),
    path("calendar/<int:year>/<int:month>/", pages.calendar_month, name="calendar-month"),
    path("rules/", pages.rules, name="rules"),
    path("clocks/", pages.clocks, name="clocks"),
    path("clocks/<int:pk>/", pages.clock_explain, name="clock-explain"),
    path("audit/", pages.audit_trail, name="audit"),
    path("orgs/", pages.orgs, name="orgs"),
    path("consultations/<int:pk>/", consultations.comments, name="consultation-comments"),
    path(
        "consultations/<int:pk>/comments/<int:comment_pk>/",
        consultations.comment_decide,
        name="consultation-comment-decide",
    ),
    path("settings/users/", admin.users, name="settings-users"),
    path("settings/users/<int:pk>/active/", admin.user_active, name="settings-user-active"),
    path("settings/tokens/", admin.tokens, name="settings-tokens"),
    path("settings/rules/", admin.local_rules, name="settings-local-rules"),
    path("settings/tokens/<int:pk>/revoke/", admin.token_revoke, name="settings-token-revoke"),
    path("settings/orgs/import/", admin.org_import, name="settings-org-import"),
    path("settings/calendar/import/", admin.calendar_import, name="settings-calendar-import"),
]
