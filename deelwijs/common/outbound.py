"""The one door out: every request the server makes to a URL someone typed in goes through here.

Feeds, Mastodon and Bluesky sources, the news import and OpenID Connect discovery all fetch URLs that an
administrator (or, for single sign-on, an anonymous visitor choosing an organisation) can point anywhere, and
the Teams and Slack channels post to one.
Without a check that is a way into the network behind the server: the database, the cloud metadata service
at 169.254.169.254, admin panels on localhost. So:

- only http and https;
- the host is resolved and refused when any of its addresses is not a public one (loopback, private,
  link-local, multicast, reserved, unspecified, or one of those wrapped in IPv4-mapped, 6to4, Teredo or
  NAT64 form);
- the check runs inside the connection itself, on the addresses it then connects to, so a name that
  resolves differently a second time (DNS rebinding) gets no second chance; TLS and the Host header keep
  the name;
- redirects are followed here, at most MAX_REDIRECTS, and every hop is checked again;
- time and size are bounded; the body is read in chunks and never put in an error text;
- every failure to connect reads the same ("the address could not be reached"), so the error cannot tell
  a closed port from a filtered one.

OUTBOUND_ALLOWED_HOSTS names intranet hosts (for an organisation's own identity provider or news feed)
that skip the address check; they are still http(s) only and still bounded.
"""

import ipaddress
import json
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

MAX_REDIRECTS = 5
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = (5, 10)  # connect, read (seconds)
CHUNK = 64 * 1024
SCHEMES = ("http", "https")
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class OutboundError(Exception):
    """A fetch that was refused or failed; str() is a short sentence fit for the person who set the URL."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


def unreachable():
    return OutboundError(_("The address could not be reached."))


def allowed_hosts():
    return {h.strip().lower().strip("[]").rstrip(".") for h in getattr(settings, "OUTBOUND_ALLOWED_HOSTS", []) if h}


def is_public(address):
    """Whether an IP address is one the server may connect to on behalf of someone else."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(str(embedded))
    return ip.is_global and not (
        ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified
    )


def vetted_addresses(host, port):
    """The resolved addresses of host, or OutboundError when any of them is not public (unless host is allowed)."""
    host = (host or "").lower().strip("[]").rstrip(".")
    if not host:
        raise unreachable()
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise unreachable() from e
    if not infos:
        raise unreachable()
    # Any non-public address refuses the host: a name with one public and one private address must
    # not be allowed to land on the private one.
    if host not in allowed_hosts() and not all(is_public(info[4][0]) for info in infos):
        raise unreachable()
    return infos


class _Vetted:
    """Connects to the addresses vetted_addresses() returned for the host, at connect time."""

    def _new_conn(self):
        infos = vetted_addresses(self._dns_host, self.port)
        last = None
        for family, socktype, proto, _name, sockaddr in infos:
            sock = socket.socket(family, socktype, proto)
            try:
                for option in self.socket_options or []:
                    sock.setsockopt(*option)
                sock.settimeout(self.timeout)
                sock.connect(sockaddr)
                return sock
            except TimeoutError as e:
                sock.close()
                last = ConnectTimeoutError(self, f"Connection to {self.host} timed out")
                last.__cause__ = e
            except OSError as e:
                sock.close()
                last = NewConnectionError(self, f"Failed to connect: {e}")
        raise last


class VettedHTTPConnection(_Vetted, HTTPConnection):
    pass


class VettedHTTPSConnection(_Vetted, HTTPSConnection):
    pass


class VettedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = VettedHTTPConnection


class VettedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = VettedHTTPSConnection


class VettedAdapter(HTTPAdapter):
    """A requests transport whose connections are checked, with a default timeout and a cap on the body."""

    def __init__(self, max_bytes=MAX_BYTES, timeout=TIMEOUT, **kwargs):
        self.max_bytes, self.default_timeout = max_bytes, timeout
        super().__init__(max_retries=0, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": VettedHTTPConnectionPool, "https": VettedHTTPSConnectionPool}

    def proxy_manager_for(self, *args, **kwargs):
        # A proxy would make the connection on our behalf, out of reach of the check.
        raise unreachable()

    def send(self, request, stream=False, timeout=None, **kwargs):
        if urlsplit(request.url).scheme not in SCHEMES:
            raise unreachable()
        response = super().send(request, stream=True, timeout=timeout or self.default_timeout, **kwargs)
        if not stream:
            read_capped(response, self.max_bytes, read_timeout(timeout or self.default_timeout))
        return response


def read_timeout(timeout):
    return timeout[1] if isinstance(timeout, tuple) else timeout


def read_capped(response, max_bytes, seconds):
    """Read the (decoded) body into response.content, refusing more than max_bytes or a drip-feed past seconds."""
    deadline = time.monotonic() + max(seconds or 0, 1) * 3
    body = bytearray()
    try:
        for chunk in response.iter_content(CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise OutboundError(
                    _("The answer is larger than %(mb)s MB.") % {"mb": _megabytes(max_bytes)}, status="too-large"
                )
            if time.monotonic() > deadline:
                raise OutboundError(_("No answer in time."), status="timeout")
    except requests.RequestException as e:
        raise _translate(e) from e
    finally:
        response.close()
    response._content = bytes(body)
    response._content_consumed = True
    return response._content


def _megabytes(n):
    mb = n / (1024 * 1024)
    return f"{mb:g}"


def session(max_bytes=MAX_BYTES, timeout=TIMEOUT):
    """A requests.Session whose every connection is checked; for clients that take a session (Mastodon.py)."""
    s = requests.Session()
    secure(s, max_bytes=max_bytes, timeout=timeout)
    return s


def secure(s, max_bytes=MAX_BYTES, timeout=TIMEOUT):
    """Fit an existing requests.Session (authlib's OAuth2Session is one) with the checked transport."""
    s.trust_env = False  # no proxies or .netrc from the environment
    s.max_redirects = MAX_REDIRECTS
    adapter = VettedAdapter(max_bytes=max_bytes, timeout=timeout)
    s.adapters.clear()
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


@dataclass
class Response:
    url: str
    status_code: int
    headers: requests.structures.CaseInsensitiveDict
    content: bytes = field(repr=False)

    def json(self):
        try:
            return json.loads(self.content)
        except ValueError as e:
            raise OutboundError(_("The answer could not be read.")) from e

    def raise_for_status(self):
        if self.status_code >= 400:
            raise OutboundError(
                _("The address answered with an error (HTTP %(code)s).") % {"code": self.status_code},
                status=self.status_code,
            )
        return self


def _translate(error):
    if isinstance(error, OutboundError):
        return error
    if isinstance(error, requests.ReadTimeout):
        # Only after a connection was made: it says nothing about ports that a refused address could.
        return OutboundError(_("No answer in time."), status="timeout")
    return unreachable()


def fetch(url, *, headers=None, max_bytes=MAX_BYTES, timeout=TIMEOUT):
    """GET url through the checks, following at most MAX_REDIRECTS redirects, each checked again.

    Returns a Response for any HTTP status (callers decide about 304, 429 and errors); raises OutboundError
    when the URL, a redirect or an address is refused, the connection fails, or time or size run out.
    """
    with session(max_bytes=max_bytes, timeout=timeout) as s:
        for _hop in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in SCHEMES or not urlsplit(url).hostname:
                raise unreachable()
            response = _send(s, "GET", url, headers=headers, timeout=timeout)
            if response.is_redirect and "Location" in response.headers:
                url = urljoin(url, response.headers["Location"])
                continue
            return Response(response.url, response.status_code, response.headers, response.content)
    raise OutboundError(_("Too many redirects."))


def post_json(url, payload, *, max_bytes=64 * 1024, timeout=TIMEOUT):
    """POST payload as JSON to url through the checks (a webhook: Teams, Slack).

    A redirect is not followed but returned like any other answer: what was posted goes to the address that was
    set and nowhere else. Returns a Response for any HTTP status (callers decide about 429 and errors); raises
    OutboundError when the URL or an address is refused, the connection fails, or time or size run out.
    """
    if urlsplit(url).scheme not in SCHEMES or not urlsplit(url).hostname:
        raise unreachable()
    with session(max_bytes=max_bytes, timeout=timeout) as s:
        response = _send(s, "POST", url, json=payload, timeout=timeout)
        return Response(response.url, response.status_code, response.headers, response.content)


def _send(s, method, url, **kwargs):
    """One request through the checked session, never following a redirect; its failures as OutboundError."""
    try:
        return s.request(method, url, allow_redirects=False, **kwargs)
    except requests.RequestException as e:
        raise _translate(e) from e
    except (ValueError, UnicodeError) as e:  # a URL that requests cannot even parse
        raise unreachable() from e


def check_url(url):
    """Refuse a URL whose scheme or host we would not fetch from, for clients that cannot use our transport."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise unreachable()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as e:
        raise unreachable() from e
    vetted_addresses(parts.hostname, port)
    return url
