from django.urls import path

from scoping.accounts.two_factor import views

app_name = "two_factor"
urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("backup-codes/", views.codes_new, name="codes_new"),
]
