from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scoping import views
from scoping.accounts import views as account_views
from scoping.accounts.forms import AdminSignInForm, SignInForm
from scoping.accounts.password_reset import PasswordResetView
from scoping.mail import views as mail_views
from scoping.serving import health

admin.site.site_header = "Peer Support Directory"
admin.site.site_title = "Peer Support Directory"
admin.site.index_title = "Data entry"
admin.site.login_form = AdminSignInForm

# The 403, 404 and 500 pages are templates/403.html, 404.html and 500.html.
handler400 = "scoping.views.bad_request"

urlpatterns = [
    path("", views.home, name="home"),
    # No sign-in: load balancers and monitoring, and browsers' own request for an icon.
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The public door: what the study and the directory are, and how to get API access.
    path("about/", views.about, name="about"),
    # Sign-in and sign-out; an invitation's link; password reset by e-mail (public doors).
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", account_views.account, name="account"),
    path("accounts/unsubscribe/<str:token>/", mail_views.unsubscribe, name="unsubscribe"),
    path("accounts/two-factor/", include("scoping.accounts.two_factor.urls")),
    path("accounts/invitation/<str:token>/", account_views.invitation, name="invitation"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("activities/", include("activities.urls")),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.urls")),
    path("interviews/", include("interviews.urls")),
    # Open Referral UK: a partner's token, or no sign-in at all when API_PUBLIC is on.
    path("api/", include("activities.api.urls")),
    path("study/", include("reports.study.urls")),
    # Long work a user started (imports, large exports) and its result.
    path("jobs/", include("scoping.jobs.urls")),
]
