"""The address a request came from, for the sign-in lockout (django-axes).

Without ``BEHIND_TLS_PROXY`` (``TRUSTED_PROXY_COUNT`` is 0) it is the connection's
own address, ``REMOTE_ADDR``: an ``X-Forwarded-For`` header is anyone's to write and
is ignored. Behind proxies, each trusted proxy appends the address it received the
request from to ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``), so the
client is the entry ``TRUSTED_PROXY_COUNT`` places from the right; anything to its
left came from the client and is not believed. A header with fewer entries than
that, or an entry that is not an IP address, did not come through the proxies as
configured: the connection's address is used then, so a malformed header can never
move a request out of the bucket it would otherwise share.

We read the header ourselves rather than through django-ipware: ipware prefers a
public address to a private one wherever it sits in the chain, which would put
every client of an intranet behind a proxy with a public address in one bucket.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR")
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not hops:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote
