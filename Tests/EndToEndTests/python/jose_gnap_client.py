#!/usr/bin/env python3
"""A GNAP client instance written with the PyPI library joserfc alone, for gnapterm's end-to-end interop tests: it
proves its requests to a running `gnapterm serve` with jwsd (RFC 9635 section 7.3.3) or jws (section 7.3.4).

Usage:
    jose_gnap_client.py METHOD AS_URL [TAMPER]

METHOD is jwsd or jws. The client makes a fresh Ed25519 key (its kid the RFC 7638 thumbprint), sends a grant
request to AS_URL/gnap asking for a user code, then continues the grant (section 5.2, an empty POST presenting the
continuation token, so the proof carries ath). TAMPER, when given, spoils the continuation's proof: "htm" signs GET
for a POST, "uri" signs another URI, "ath" leaves ath out, "typ" says JWT.

Prints one JSON object: {"grant": {"status": N, "body": {...}}, "continue": {"status": N, "body": {...}}}.
Exit status: 0 done (whatever the AS answered), 2 any error, 3 joserfc is not installed.
"""

import base64
import hashlib
import json
import sys
import time
import urllib.error
import urllib.request

try:
    from joserfc import jwk, jws
    from joserfc.jws import JWSRegistry
except ImportError:
    print("the Python package joserfc is not installed: run scripts/test-setup", file=sys.stderr)
    sys.exit(3)

# GNAP's header members (htm, uri, created, ath) are not registered with joserfc: RFC 7515 section 4 allows them.
REGISTRY = JWSRegistry(algorithms=["EdDSA"], strict_check_header=False)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def proof(method, key, http_method, uri, body, token=None, tamper=None):
    """The headers and body of a request proven by METHOD (sections 7.3.3 and 7.3.4)."""
    typ = "gnap-binding-" + method
    if tamper == "typ":
        typ = "JWT"
    header = {
        "alg": "EdDSA",
        "kid": key.thumbprint(),
        "typ": typ,
        "htm": "GET" if tamper == "htm" else http_method,
        "uri": uri + "/elsewhere" if tamper == "uri" else uri,
        "created": int(time.time()),
    }
    if token is not None and tamper != "ath":
        # ath: base64url of the SHA-256 of the ASCII access token (section 7.3.3).
        header["ath"] = b64url(hashlib.sha256(token.encode("ascii")).digest())
    headers = {"Accept": "application/json"}
    if token is not None:
        headers["Authorization"] = "GNAP " + token
    if method == "jws" and body:
        headers["Content-Type"] = "application/jose"
        return headers, jws.serialize_compact(header, body, key, registry=REGISTRY).encode("ascii")
    # jwsd: the payload is the SHA-256 of the body (empty without a body), sent detached (RFC 7515 Appendix F);
    # jws without a body: a JWS over the empty payload in Detached-JWS.
    payload = hashlib.sha256(body).digest() if body and method == "jwsd" else b""
    headers["Detached-JWS"] = jws.detach_content(jws.serialize_compact(header, payload, key, registry=REGISTRY))
    if body:
        headers["Content-Type"] = "application/json"
    return headers, body


def send(http_method, uri, headers, body):
    request = urllib.request.Request(uri, data=body or None, method=http_method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    return {"status": status, "body": json.loads(text) if text else None}


def main(argv):
    if len(argv) not in (3, 4) or argv[1] not in ("jwsd", "jws"):
        print(__doc__, file=sys.stderr)
        return 2
    method, base, tamper = argv[1], argv[2].rstrip("/"), (argv[3] if len(argv) == 4 else None)
    key = jwk.OKPKey.generate_key("Ed25519")
    public = key.as_dict(private=False)
    public["kid"] = key.thumbprint()
    request = {
        "access_token": {"access": [{"type": "photo-api", "actions": ["read"]}]},
        "client": {"key": {"proof": method, "jwk": public}, "display": {"name": "joserfc client"}},
        "interact": {"start": ["user_code"]},
    }
    body = json.dumps(request).encode("utf-8")
    headers, sent = proof(method, key, "POST", base + "/gnap", body)
    grant = send("POST", base + "/gnap", headers, sent)
    result = {"grant": grant}
    cont = (grant.get("body") or {}).get("continue")
    if grant["status"] == 200 and cont:
        token = cont["access_token"]["value"]
        time.sleep(cont.get("wait", 0))  # section 5.2: not before the wait the AS asked for
        headers, sent = proof(method, key, "POST", cont["uri"], b"", token=token, tamper=tamper)
        result["continue"] = send("POST", cont["uri"], headers, sent)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SystemExit:
        raise
    except Exception as error:
        print(f"{error.__class__.__name__}: {error}", file=sys.stderr)
        sys.exit(2)
