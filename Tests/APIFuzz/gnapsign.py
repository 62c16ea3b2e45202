"""RFC 9421 request signing for the API fuzz run, with the PyPI library http-message-signatures.

Two profiles, as Assets/openapi.yaml describes them: `gnap` (RFC 9635 section 7.3.1: tag "gnap", covering
@method, @target-uri, content-digest when there is content and authorization when a token is presented) for
/gnap..., and `gnapterm` (tag "gnapterm", a nonce always, keyid the enrolled device id) for /interact/v1 and
/admin/v1. Content gets a sha-256 Content-Digest (RFC 9530). Keys are Ed25519, made here.
"""

import base64
import datetime
import hashlib
import json
import secrets

import http_message_signatures as hms
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Key:
    """An Ed25519 key pair with its public JWK and RFC 7638 thumbprint."""

    def __init__(self, private=None):
        self.private = private or ed25519.Ed25519PrivateKey.generate()
        public = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(public)}
        canonical = json.dumps(
            {"crv": "Ed25519", "kty": "OKP", "x": self.jwk["x"]}, separators=(",", ":")
        )
        self.thumbprint = b64url(hashlib.sha256(canonical.encode()).digest())

    def private_bytes(self):
        return self.private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )

    @classmethod
    def from_private_bytes(cls, raw):
        return cls(ed25519.Ed25519PrivateKey.from_private_bytes(raw))


class _OneKey(hms.HTTPSignatureKeyResolver):
    def __init__(self, key):
        self.key = key

    def resolve_private_key(self, key_id):
        return self.key.private

    def resolve_public_key(self, key_id):
        return self.key.private.public_key()


class Signer(requests.auth.AuthBase):
    """Signs a prepared request in place: the exact bytes and URL that go on the wire."""

    def __init__(self, key, keyid, tag, nonce=True):
        self.key = key
        self.keyid = keyid
        self.tag = tag
        self.nonce = nonce

    def __call__(self, request):
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        # A request sent again (a retry, a redirect) is signed afresh.
        for name in ("Signature", "Signature-Input", "Content-Digest"):
            request.headers.pop(name, None)
        components = ["@method", "@target-uri"]
        if body:
            # The library adds the sha-256 Content-Digest of these bytes (RFC 9530) and covers it.
            components.append("content-digest")
        if "Authorization" in request.headers:
            components.append("authorization")
        signer = hms.HTTPMessageSigner(signature_algorithm=hms.algorithms.ED25519, key_resolver=_OneKey(self.key))
        signer.sign(
            request,
            key_id=self.keyid,
            created=datetime.datetime.now(tz=datetime.timezone.utc),
            nonce=secrets.token_urlsafe(16) if self.nonce else None,
            label="sig",
            tag=self.tag,
            include_alg=False,
            covered_component_ids=tuple(components),
            body=body or None,
        )
        return request


class RotationSigner(requests.auth.AuthBase):
    """RFC 9635 §7.3.1.1: a request carrying a new key by value is signed by the current key (label `old-key`,
    the `gnap` profile) and then by the new key (label `new-key`, tag `gnap-rotate`), whose signature also covers
    the first one's `Signature` and `Signature-Input` members."""

    OLD_LABEL = "old-key"

    def __init__(self, old_key, new_key):
        self.old_key = old_key
        self.new_key = new_key

    def __call__(self, request):
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        for name in ("Signature", "Signature-Input", "Content-Digest"):
            request.headers.pop(name, None)
        components = ["@method", "@target-uri", "content-digest"]
        if "Authorization" in request.headers:
            components.append("authorization")
        created = datetime.datetime.now(tz=datetime.timezone.utc)
        old = hms.HTTPMessageSigner(signature_algorithm=hms.algorithms.ED25519, key_resolver=_OneKey(self.old_key))
        old.sign(
            request,
            key_id=self.old_key.thumbprint,
            created=created,
            nonce=secrets.token_urlsafe(16),
            label=self.OLD_LABEL,
            tag="gnap",
            include_alg=False,
            covered_component_ids=tuple(components),
            body=body or None,
        )
        covering_old = [f'"signature";key="{self.OLD_LABEL}"', f'"signature-input";key="{self.OLD_LABEL}"']
        new = hms.HTTPMessageSigner(signature_algorithm=hms.algorithms.ED25519, key_resolver=_OneKey(self.new_key))
        new.sign(
            request,
            key_id=self.new_key.thumbprint,
            created=created,
            nonce=secrets.token_urlsafe(16),
            label="new-key",
            tag="gnap-rotate",
            include_alg=False,
            covered_component_ids=tuple(components + covering_old),
            append_if_signature_exists=True,
            body=body or None,
            use_existing_digest=True,
        )
        return request


def client_signer(key):
    """The `gnap` profile for a client instance's key by value (no kid, so keyid is free: the thumbprint)."""
    return Signer(key, key.thumbprint, "gnap")


def device_signer(key, device_id):
    """The `gnapterm` profile for an enrolled approver device."""
    return Signer(key, device_id, "gnapterm")


def enroll(base, code, device_name="api fuzz"):
    """Enrolls a new device key with a one-time enrollment code; returns (key, enrollment response)."""
    key = Key()
    response = requests.post(
        base + "/interact/v1/enroll",
        json={"code": code, "device_name": device_name, "jwk": key.jwk},
        auth=Signer(key, key.thumbprint, "gnapterm"),
        timeout=30,
    )
    response.raise_for_status()
    return key, response.json()
