"""The VAPID key pair that signs every push (RFC 8292): made, read and checked without Django.

The settings read the private key from DEELWIJS_VAPID_PRIVATE_KEY; the public key, which the browser needs to
subscribe, is always derived from it, so the two cannot disagree. A key is the private number of a P-256 key as
32 bytes in base64url without padding, the form py-vapid and most Web Push libraries read.
"""

import base64
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid


class InvalidKey(ValueError):
    """A private key that is not a P-256 key in one of the forms py-vapid reads."""


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def generate_private_key():
    """A new private key, as base64url text."""
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def vapid(private_key):
    """The py-vapid signer for a private key (raw base64url, or DER in base64 as older set-ups wrote it)."""
    try:
        signer = Vapid.from_string(private_key.strip())
    except Exception as error:  # py-vapid raises whatever its decoders raise
        raise InvalidKey("not a VAPID private key") from error
    if not isinstance(signer.private_key.curve, ec.SECP256R1):
        raise InvalidKey("a VAPID key is a P-256 key")
    return signer


def public_key(private_key):
    """The public key belonging to a private key: the uncompressed point in base64url (applicationServerKey)."""
    point = vapid(private_key).public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def development_key(path):
    """The private key kept in ``path``, made the first time it is asked for.

    For `make run` and a fresh checkout: the web server, the worker and the scheduler start at the same moment and
    must all end up with one key. Each writes a complete key to a file of its own and links it to ``path``; a link
    is made whole or not at all, and only the first succeeds, so every process reads the same finished key.
    """
    path = Path(path)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, draft = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")  # readable by this user only
    try:
        with os.fdopen(handle, "w") as file:
            file.write(generate_private_key() + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: its key it is
    finally:
        os.unlink(draft)
    return path.read_text().strip()
