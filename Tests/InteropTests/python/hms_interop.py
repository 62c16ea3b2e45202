#!/usr/bin/env python3
"""Drives the PyPI library http-message-signatures (RFC 9421) for gnapterm's InteropTests.

Usage:
    hms_interop.py version        prints the installed library version
    hms_interop.py algorithms     prints the library's signature algorithms, one a line
    hms_interop.py verify CASE    verifies the signed request in the JSON file CASE
    hms_interop.py sign CASE      signs the request in CASE and prints the resulting fields
    hms_interop.py call CASE      signs the request in CASE and sends it (urllib), printing the answer

CASE is a JSON object:
    method, url                   the request ("POST", "https://as.example/continue?x=1")
    headers                       [[name, value], ...] in wire order
    body_base64                   the content bytes, base64 (optional)
    algorithm                     an RFC 9421 algorithm name, e.g. "ed25519"
    key                           {"jwk": {...}} or {"pem": "..."}; private to sign, public (or oct) to verify
    keyid, label                  the signature's keyid parameter and its label
    verify only:  expect_tag, required_components, max_age (seconds)
    sign only:    covered_components, created (Unix seconds), nonce, tag

Exit status: 0 done, 1 the library rejected the signature (reason on stderr), 2 bad input or any other error,
3 the library is not installed. `verify` prints the accepted signature's label, parameters and signature base as JSON;
`sign` prints {"headers": [[name, value], ...], "signature_base": "..."}; `call` prints {"status": ..., "headers":
[[name, value], ...], "body": "..."} (a resource server's refusal is an answer, exit 0).

Only the library's public API is used. Following RFC 9635 section 7.3.1 (GNAP), signatures made here carry no `alg`
parameter: the verifier takes the algorithm from the key.
"""

import base64
import datetime
import json
import sys

try:
    import http_message_signatures as hms
    from http_message_signatures import algorithms
except ImportError:
    print(
        "the Python package http-message-signatures is not installed: "
        "python3 -m pip install -r Tests/InteropTests/python/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(3)

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

# Every algorithm the library ships, discovered from its public `algorithms` module rather than listed here, so
# the tests notice when a release adds or drops one.
ALGORITHMS = {
    value.algorithm_id: value
    for value in vars(algorithms).values()
    if isinstance(value, type)
    and issubclass(value, hms.HTTPSignatureAlgorithm)
    and getattr(value, "algorithm_id", None)
}
CURVES = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1}


class BadInput(Exception):
    pass


class FieldLines:
    """Header fields as ordered (name, value) lines: the mapping interface the library documents for messages."""

    def __init__(self, lines):
        self.lines = [(str(name), str(value)) for name, value in lines]

    def items(self):
        return list(self.lines)

    def __iter__(self):
        return iter(dict.fromkeys(name for name, _ in self.lines))

    def __contains__(self, name):
        return any(line_name.lower() == name.lower() for line_name, _ in self.lines)

    def __setitem__(self, name, value):
        if name in self:
            del self[name]
        self.lines.append((name, value))

    def __delitem__(self, name):
        if name not in self:
            raise KeyError(name)
        self.lines = [(line_name, value) for line_name, value in self.lines if line_name.lower() != name.lower()]


class Request:
    def __init__(self, method, url, headers):
        self.method = method
        self.url = url
        self.headers = headers


def b64url(value):
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def b64url_int(value):
    return int.from_bytes(b64url(value), "big")


def key_from_jwk(jwk, private):
    """Turns a JWK (RFC 7517/7518/8037) into what the library accepts: cryptography keys, or bytes for oct."""
    kty = jwk.get("kty")
    if kty == "oct":
        return b64url(jwk["k"])
    if kty == "OKP" and jwk.get("crv") == "Ed25519":
        if private:
            return ed25519.Ed25519PrivateKey.from_private_bytes(b64url(jwk["d"]))
        return ed25519.Ed25519PublicKey.from_public_bytes(b64url(jwk["x"]))
    if kty == "EC" and jwk.get("crv") in CURVES:
        curve = CURVES[jwk["crv"]]()
        if private:
            return ec.derive_private_key(b64url_int(jwk["d"]), curve)
        return ec.EllipticCurvePublicNumbers(b64url_int(jwk["x"]), b64url_int(jwk["y"]), curve).public_key()
    if kty == "RSA":
        public = rsa.RSAPublicNumbers(b64url_int(jwk["e"]), b64url_int(jwk["n"]))
        if not private:
            return public.public_key()
        d = b64url_int(jwk["d"])
        if "p" in jwk and "q" in jwk:
            p, q = b64url_int(jwk["p"]), b64url_int(jwk["q"])
        else:
            p, q = rsa.rsa_recover_prime_factors(public.n, public.e, d)
        numbers = rsa.RSAPrivateNumbers(
            p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q), public
        )
        return numbers.private_key()
    raise BadInput(f"unsupported JWK kty={kty!r} crv={jwk.get('crv')!r}")


def load_key(spec, private):
    if "jwk" in spec:
        return key_from_jwk(spec["jwk"], private)
    if "pem" in spec:
        # The library's algorithm classes load PEM bytes themselves.
        return spec["pem"].encode("ascii")
    raise BadInput('key must be {"jwk": ...} or {"pem": ...}')


def load_case(path):
    with open(path, encoding="utf-8") as file:
        case = json.load(file)
    if case.get("algorithm") not in ALGORITHMS:
        raise BadInput(f"unknown algorithm {case.get('algorithm')!r}; supported: {sorted(ALGORITHMS)}")
    request = Request(case["method"], case["url"], FieldLines(case["headers"]))
    body = base64.b64decode(case["body_base64"]) if "body_base64" in case else None
    return case, request, body


def signature_base(covered_components):
    # VerifyResult.covered_components maps each serialized component identifier to its value, in base order,
    # "@signature-params" last: exactly the lines of the RFC 9421 section 2.5 signature base.
    return "\n".join(f"{name}: {value}" for name, value in covered_components.items())


def verify(case, request, body):
    key = load_key(case["key"], private=False)
    resolver = hms.MappingKeyResolver(public_keys={case["keyid"]: key}, private_keys={})
    verifier = hms.HTTPMessageVerifier(signature_algorithm=ALGORITHMS[case["algorithm"]], key_resolver=resolver)
    max_age = case.get("max_age")
    results = verifier.verify(
        request,
        max_age=None if max_age is None else datetime.timedelta(seconds=max_age),
        expect_tag=case.get("expect_tag"),
        expect_label=case.get("label"),
        require_components=tuple(case.get("required_components", ())),
        body=body,
    )
    result = results[0]
    return {
        "label": result.label,
        "parameters": result.parameters,
        "signature_base": signature_base(result.covered_components),
        "body_verified": result.body is not None,
    }


def sign(case, request, body):
    algorithm = ALGORITHMS[case["algorithm"]]
    signer = hms.HTTPMessageSigner(signature_algorithm=algorithm)
    # prepare/apply (rather than sign) so the exact base the library signed can be reported.
    prepared = signer.prepare(
        request,
        key_id=case["keyid"],
        created=datetime.datetime.fromtimestamp(case["created"], tz=datetime.timezone.utc),
        nonce=case.get("nonce"),
        label=case.get("label"),
        tag=case.get("tag"),
        include_alg=False,
        covered_component_ids=tuple(case["covered_components"]),
        body=body,
    )
    signature = algorithm(private_key=load_key(case["key"], private=True)).sign(prepared.signature_base)
    signer.apply(request, prepared, signature)
    return {"headers": request.headers.items(), "signature_base": prepared.signature_base.decode("ascii")}


def call(case, request, body):
    """Signs the request as `sign` does, then sends exactly those fields and that content."""
    import urllib.error
    import urllib.request

    signed = sign(case, request, body)
    outgoing = urllib.request.Request(case["url"], data=body, method=case["method"])
    for name, value in signed["headers"]:
        outgoing.add_header(name, value)
    try:
        with urllib.request.urlopen(outgoing, timeout=10) as response:
            status, headers, content = response.status, response.getheaders(), response.read()
    except urllib.error.HTTPError as error:
        status, headers, content = error.code, error.headers.items(), error.read()
    return {"status": status, "headers": [[k, v] for k, v in headers], "body": content.decode("utf-8", "replace")}


def main(arguments):
    if arguments == ["version"]:
        from importlib.metadata import version

        print(version("http-message-signatures"))
        return 0
    if arguments == ["algorithms"]:
        print("\n".join(sorted(ALGORITHMS)))
        return 0
    if len(arguments) != 2 or arguments[0] not in ("verify", "sign", "call"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        case, request, body = load_case(arguments[1])
        output = {"verify": verify, "sign": sign, "call": call}[arguments[0]](case, request, body)
    except hms.InvalidSignature as error:
        # The library wraps the underlying failure; name the whole chain so a test can see why.
        reasons = []
        current = error
        while current is not None:
            kind = f"{type(current).__module__}.{type(current).__name__}"
            reasons.append(f"{kind}: {current}" if str(current) else kind)
            current = current.__cause__
        print("rejected: " + " <- ".join(reasons), file=sys.stderr)
        return 1
    except Exception as error:  # anything else is a broken case or helper, never a rejection (exit 1)
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    json.dump(output, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
