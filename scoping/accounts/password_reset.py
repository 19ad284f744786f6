"""Password reset by e-mail: Django's own views and tokens, our messages and a rate limit.

Django's reset link is signed with the account's password hash and last sign-in, so it
stops working once used, and after ``PASSWORD_RESET_TIMEOUT``. The page answers the
same whether or not the address belongs to an account (and for inactive accounts, which
get no message). Asking is limited per client address (``RESET_LIMIT`` in
``RESET_WINDOW`` seconds; over it, a 429 saying when to try again) and per address
asked about (over it, the same answer and no further message).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from scoping.accounts.client_address import client_address
from scoping.mail.sending import absolute, message_queue

RESET_LIMIT = 5  # requests from one client address
RESET_PER_ACCOUNT = 3  # messages to one account
RESET_WINDOW = 15 * 60


def _count(key):
    """One more for ``key`` in the current window; the count so far."""
    cache.add(key, 0, RESET_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW)
        return 1


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        if _count(f"reset-account:{user.pk}") > RESET_PER_ACCOUNT:
            return
        link = absolute(
            reverse(
                "password_reset_confirm",
                kwargs={"uidb64": context["uid"], "token": context["token"]},
            )
        )
        message_queue(
            key=f"password_reset:{user.pk}:{context['token']}",
            kind="password_reset",
            to=self.cleaned_data["email"],
            subject="Reset your Peer Support Directory password",
            template="password_reset",
            context={
                "username": user.get_username(),
                "link": link,
                "hours": round(self.reset_timeout_hours()),
            },
        )

    @staticmethod
    def reset_timeout_hours():
        return settings.PASSWORD_RESET_TIMEOUT / 3600


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        address = client_address(request) or "unknown"
        if _count(f"reset-address:{address}") > RESET_LIMIT:
            context = {"retry_minutes": RESET_WINDOW // 60, "now": timezone.now()}
            return render(request, "registration/password_reset_limited.html", context, status=429)
        return super().post(request, *args, **kwargs)
