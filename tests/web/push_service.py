"""A push service on 127.0.0.1 that plays the browser's part of Web Push, for the tests of deelwijs/push.

Each device the test makes has its own P-256 key pair and auth secret, as a browser's pushManager.subscribe()
makes them. The server takes a POST to a device's endpoint as a real push service does, and then does what the
browser would: it checks the VAPID Authorization header (RFC 8292: "vapid t=<JWT>,k=<key>", the JWT signed with
ES256 by that key, its audience the endpoint's origin, its expiry in the future and within a day, a mailto: or
https: subject) and decrypts the aes128gcm body (RFC 8188, RFC 8291) with the device's private key and auth
secret. A test reads what arrived as decoded JSON; what was refused is kept with the reason.
"""

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """One browser's subscription: what it tells the server (endpoint, p256dh, auth) and its private key."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes
    status: int = 201  # what the push service answers for this endpoint: 410 once the browser unsubscribed

    @classmethod
    def new(cls, endpoint, status=201):
        """A subscription as a browser makes one: a fresh P-256 key pair and a random 16-byte auth secret."""
        return cls(endpoint, ec.generate_private_key(ec.SECP256R1()), secrets.token_bytes(16), status)

    @property
    def p256dh(self):
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def auth(self):
        return b64url(self.auth_secret)

    def subscription(self):
        """As the browser's PushSubscription.toJSON() gives it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


@dataclass
class Push:
    device: Device
    headers: object  # the request's headers, read without regard to case
    claims: dict
    vapid_key: str
    message: dict


@dataclass
class PushService:
    httpd: ThreadingHTTPServer = None
    devices: dict = field(default_factory=dict)
    received: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    @property
    def origin(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def device(self, status=201):
        path = f"/push/{secrets.token_urlsafe(12)}"
        made = Device.new(self.origin + path, status)
        self.devices[path] = made
        return made

    def messages(self, device=None):
        return [push.message for push in self.received if device is None or push.device is device]

    def wait_for(self, count, seconds=5):
        """Wait until this many pushes arrived (a worker or a browser may send them from another thread)."""
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages()

    def take(self, path, headers, body):
        """Check and decrypt one push; returns the HTTP status to answer."""
        device = self.devices.get(path)
        if device is None:
            self.refused.append(("unknown endpoint", path))
            return 404
        try:
            claims, vapid_key = verify_vapid(headers.get("Authorization", ""), self.origin)
            if headers.get("Content-Encoding") != "aes128gcm":
                raise ValueError(f"content encoding {headers.get('Content-Encoding')!r}")
            if "TTL" not in headers:
                raise ValueError("no TTL header")
            plain = http_ece.decrypt(
                body, private_key=device.private_key, auth_secret=device.auth_secret, version="aes128gcm"
            )
            message = json.loads(plain)
        except (ValueError, InvalidSignature) as error:
            self.refused.append((str(error) or type(error).__name__, path))
            return 400
        if device.status < 300:
            self.received.append(Push(device, headers, claims, vapid_key, message))
        return device.status


def verify_vapid(authorization, origin):
    """The claims and the public key of a valid VAPID Authorization header; ValueError or InvalidSignature else."""
    scheme, _space, parameters = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"authorization scheme {scheme!r}")
    values = dict(part.strip().split("=", 1) for part in parameters.split(",") if "=" in part)
    token, key = values.get("t", ""), values.get("k", "")
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(unb64url(header_b64))
    if header.get("alg") != "ES256":
        raise ValueError(f"JWT algorithm {header.get('alg')!r}")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    raw = unb64url(signature_b64)
    if len(raw) != 64:
        raise ValueError("an ES256 signature is 64 bytes")
    signature = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(signature, f"{header_b64}.{payload_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    claims = json.loads(unb64url(payload_b64))
    if claims.get("aud") != origin:
        raise ValueError(f"audience {claims.get('aud')!r}, not {origin}")
    now = time.time()
    if not now < claims.get("exp", 0) <= now + 24 * 3600:
        raise ValueError("expiry not in the next 24 hours")
    if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
        raise ValueError(f"subject {claims.get('sub')!r}")
    return claims, key


def start():
    service = PushService()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status = service.take(self.path, self.headers, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    service.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=service.httpd.serve_forever, daemon=True).start()
    return service
