"""Turning a periodic message off from the link in it (and mail programs' one-click POST)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from scoping.mail.preferences import PERIODIC, subscription_set, unsubscribe_read


@login_not_required
@csrf_exempt  # RFC 8058: a mail program posts "List-Unsubscribe=One-Click" with no cookie
def unsubscribe(request, token):
    """GET asks (so a link scanner cannot unsubscribe anyone); POST turns it off."""
    found = unsubscribe_read(token)
    if found is None:
        raise Http404("Not an unsubscribe link we sent.")
    user = get_user_model().objects.filter(pk=found[0]).first()
    if user is None:
        raise Http404("No such account.")
    kind = PERIODIC(found[1])
    done = request.method == "POST"
    if done:
        subscription_set(user, kind, on=False)
    context = {"kind": kind.label, "done": done}
    return render(request, "registration/unsubscribe.html", context)
