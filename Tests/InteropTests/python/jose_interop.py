#!/usr/bin/env python3
"""Drives the PyPI library joserfc (RFC 7515 JWS) for gnapterm's JWS InteropTests.

Usage:
    jose_interop.py version       prints the installed library version
    jose_interop.py algorithms    prints the library's JWS algorithms, one a line
    jose_interop.py sign CASE     signs the payload in the JSON file CASE and prints {"compact": "..."}
    jose_interop.py verify CASE   verifies the JWS in CASE and prints {"header": {...}, "payload_base64": "..."}
    jose_interop.py jwt CASE      verifies the JWT in CASE with joserfc's jwt module against a JWK Set, checks its
                                  iss, aud, exp and iat, and prints {"header": {...}, "claims": {...}}

CASE is a JSON object (for jwt: compact, jwks, alg, iss, aud, now):
    alg              the JWS algorithm, e.g. "EdDSA", "ES256", "PS512", "HS256"
    key              {"jwk": {...}} or {"pem": "..."}: private to sign, public (or oct) to verify
    kty              the key type of a PEM key ("RSA", "EC", "OKP")
    sign only:   header (the protected header without "alg"), payload_base64, detached (true: empty payload
                 segment, RFC 7515 Appendix F)
    verify only: compact, detached_payload_base64 (for a JWS with an empty payload segment)

Exit status: 0 done, 1 the library rejected the JWS (reason on stderr), 2 bad input or any other error,
3 the library is not installed. Only the library's public API is used; header members the library does not know
(GNAP's htm, uri, created, ath) are allowed by turning off its strict header check, as RFC 7515 section 4 allows.
"""

import base64
import json
import sys

try:
    import joserfc
    from joserfc import jwk, jws
    from joserfc.errors import JoseError
    from joserfc.jws import JWSRegistry
except ImportError:
    print(
        "the Python package joserfc is not installed: run scripts/test-setup "
        "(it installs Tests/python-requirements.txt into .build/test-env/python)",
        file=sys.stderr,
    )
    sys.exit(3)


def registry(alg):
    return JWSRegistry(algorithms=[alg], strict_check_header=False)


def import_key(case):
    key = case["key"]
    if "jwk" in key:
        return jwk.import_key(key["jwk"])
    return jwk.import_key(key["pem"].encode("ascii"), case["kty"])


def b64decode(text):
    return base64.b64decode(text) if text else b""


def sign(case):
    header = dict(case.get("header") or {})
    header["alg"] = case["alg"]
    key = import_key(case)
    compact = jws.serialize_compact(header, b64decode(case.get("payload_base64")), key, registry=registry(case["alg"]))
    if case.get("detached"):
        compact = jws.detach_content(compact)
    print(json.dumps({"compact": compact}))
    return 0


def verify(case):
    key = import_key(case)
    detached = case.get("detached_payload_base64")
    try:
        obj = jws.deserialize_compact(
            case["compact"],
            key,
            registry=registry(case["alg"]),
            payload=b64decode(detached) if detached is not None else None,
        )
    except JoseError as error:
        print(f"joserfc rejected the JWS: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"header": obj.headers(), "payload_base64": base64.b64encode(obj.payload).decode("ascii")}))
    return 0


def verify_jwt(case):
    from joserfc import jwt
    from joserfc.jwk import KeySet

    keys = KeySet.import_key_set(case["jwks"])
    try:
        token = jwt.decode(case["compact"], keys, algorithms=[case["alg"]])
        claims = jwt.JWTClaimsRegistry(
            now=case["now"],
            iss={"essential": True, "value": case["iss"]},
            aud={"essential": True, "values": [case["aud"]]},
            exp={"essential": True},
            iat={"essential": True},
        )
        claims.validate(token.claims)
    except JoseError as error:
        print(f"joserfc rejected the JWT: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"header": token.header, "claims": token.claims}))
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == "version":
        print(joserfc.__version__)
        return 0
    if len(argv) == 2 and argv[1] == "algorithms":
        print("\n".join(sorted(name for name in JWSRegistry.algorithms if name != "none")))
        return 0
    if len(argv) != 3 or argv[1] not in ("sign", "verify", "jwt"):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as file:
        case = json.load(file)
    return {"sign": sign, "verify": verify, "jwt": verify_jwt}[argv[1]](case)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SystemExit:
        raise
    except Exception as error:  # any other failure is bad input, never a verdict
        print(f"{error.__class__.__name__}: {error}", file=sys.stderr)
        sys.exit(2)
