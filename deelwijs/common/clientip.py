"""Which address a request comes from, the same for the sign-in lock-out and the click counter.

Behind reverse proxies REMOTE_ADDR is the nearest proxy, and X-Forwarded-For is a
list anyone can start: only the entries the trusted proxies appended are true. With
TRUSTED_PROXY_COUNT = n, the client is the address n places from the end of
X-Forwarded-For followed by REMOTE_ADDR; with 0 (no proxy) it is REMOTE_ADDR and the
header is ignored.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    candidate = chain[max(0, len(chain) - count - 1)]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # A proxy that writes something else than an address is misconfigured: fall back to the connection.
        return remote
