"""Schemathesis hooks for `scripts/api-fuzz`: they let generated requests past the AS's key proofs.

Every request is signed on the wire (a requests auth object on the prepared request, so the signature covers the
exact bytes sent): `/gnap...` with the client key this run made (`gnap` profile), `/interact/v1...` and `/admin/v1...`
with the admin device that `prepare.py` enrolled (`gnapterm` profile). Grant requests name that client key, so the
continuation and token management calls the OpenAPI links chain after them are signed by the key the grant is bound
to. The hooks also remember the newest continuation and management token of every grant and token they saw, and
present it, as a client would; half the grants are approved out of band by the admin device (the resource owner),
so that continuation answers carry access tokens and token management can be reached.

The state file named by GNAPTERM_FUZZ_STATE (JSON: base URL, admin device key and id) comes from prepare.py.
"""

import json
import os
import random
import re
import threading
from urllib.parse import quote

import requests
import schemathesis
from hypothesis.internal import lambda_sources

import gnapsign


def _describe_lambda(function, _describe=lambda_sources._lambda_description):
    # Hypothesis parses a lambda's source only to name it in a strategy's repr; CPython 3.11.7 (the python3 of this
    # machine image) can fail that parse with "SystemError: AST constructor recursion depth mismatch" (fixed in
    # 3.11.8), which schemathesis would report as a runtime error of the operation being tested.
    try:
        return _describe(function)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_lambda

with open(os.environ["GNAPTERM_FUZZ_STATE"], encoding="utf-8") as state_file:
    STATE = json.load(state_file)
BASE = STATE["base"]
ADMIN = gnapsign.Key.from_private_bytes(gnapsign.b64url_decode(STATE["admin_key"]))
ADMIN_DEVICE = STATE["admin_device"]
ADMIN_USERNAME = STATE["admin_username"]
CLIENT = gnapsign.Key()

_lock = threading.Lock()
# Newest continuation token per grant id, newest management token per access token id.
_continuation = {}
_management = {}
_approvals = random.Random(9635)

CONTINUE_PATH = re.compile(r"/gnap/continue/([^/?#]+)$")
TOKEN_PATH = re.compile(r"/gnap/token/([^/?#]+)$")


def _client_member():
    return {"key": {"proof": "httpsig", "jwk": CLIENT.jwk}, "display": {"name": "schemathesis"}}


def _remember(body):
    if not isinstance(body, dict):
        return
    cont = body.get("continue")
    if isinstance(cont, dict):
        match = CONTINUE_PATH.search(str(cont.get("uri", "")))
        token = (cont.get("access_token") or {}).get("value")
        if match and token:
            with _lock:
                _continuation[match.group(1)] = token
    tokens = body.get("access_token")
    for token in tokens if isinstance(tokens, list) else [tokens]:
        if not isinstance(token, dict):
            continue
        manage = token.get("manage")
        if isinstance(manage, dict):
            match = TOKEN_PATH.search(str(manage.get("uri", "")))
            value = (manage.get("access_token") or {}).get("value")
            if match and value:
                with _lock:
                    _management[match.group(1)] = value


def _approve_out_of_band(user_code):
    """The resource owner enters the code at the admin's terminal and approves every right it reviews."""
    signer = gnapsign.device_signer(ADMIN, ADMIN_DEVICE)
    review = requests.post(BASE + "/interact/v1/code", json={"user_code": user_code}, auth=signer, timeout=30)
    if review.status_code != 200:
        return
    body = review.json()
    rights = [right["id"] for token in body.get("tokens", []) for right in token.get("rights", [])]
    requests.post(
        BASE + f"/interact/v1/grants/{body['grant_id']}/approve",
        json={"rights": rights, "subject_formats": []},
        auth=signer,
        timeout=30,
    )


def _protect_own_identity(case):
    """Keeps the run's own admin account and device usable: the fuzzer may disable or revoke any other."""
    parameters = case.path_parameters or {}
    if parameters.get("device") == ADMIN_DEVICE:
        parameters["device"] = "AAAAAAAAAAAAAAAAAAAAAA"
    if parameters.get("username") == ADMIN_USERNAME:
        parameters["username"] = "someone-else"


SIGNATURE_FIELDS = {"signature", "signature-input", "content-digest"}


def _left_out_a_signature_field(case, headers):
    """Whether the fuzzer left out a signature field the operation requires: a negative case that must go unsigned."""
    present = {name.lower() for name in headers}
    for parameter in case.operation.headers:
        name = parameter.name.lower()
        if name in SIGNATURE_FIELDS and parameter.is_required and name not in present:
            return True
    return False


def _fresh_jwk(body, member="jwk"):
    if isinstance(body, dict) and isinstance(body.get(member), dict):
        body[member] = gnapsign.Key().jwk


@schemathesis.hook
def before_call(context, case, kwargs):
    path = case.operation.path
    method = case.method.upper()
    headers = case.headers if case.headers is not None else {}
    if _left_out_a_signature_field(case, headers):
        return
    if path.startswith("/gnap"):
        if path == "/gnap" and method == "POST" and isinstance(case.body, dict):
            case.body["client"] = _client_member()
        if isinstance(case.body, dict) and isinstance(case.body.get("key"), dict):
            # A key rotation: a key that exists (its second signature is still missing, so it is refused).
            _fresh_jwk(case.body["key"])
        grant = (case.path_parameters or {}).get("grant")
        token = (case.path_parameters or {}).get("token")
        with _lock:
            presented = _continuation.get(grant) if grant else _management.get(token) if token else None
        if presented is not None:
            headers["Authorization"] = "GNAP " + presented
        kwargs["auth"] = gnapsign.client_signer(CLIENT)
    elif path == "/interact/v1/enroll":
        # Enrollment is signed by the key it enrolls (whatever code the fuzzer tries).
        key = gnapsign.Key()
        if isinstance(case.body, dict):
            case.body["jwk"] = key.jwk
        kwargs["auth"] = gnapsign.Signer(key, key.thumbprint, "gnapterm")
    elif path.startswith("/interact/v1") or path.startswith("/admin/v1"):
        _protect_own_identity(case)
        if path == "/interact/v1/devices/rotate":
            _fresh_jwk(case.body)
        if path == "/interact/v1/interaction" and isinstance(case.body, dict):
            # The document's examples name https://as.example.com; this run's AS has another base.
            link = case.body.get("interaction")
            if isinstance(link, str):
                link = link.replace("https://as.example.com", BASE)
                case.body["interaction"] = link.replace(quote("https://as.example.com", safe=""), quote(BASE, safe=""))
        kwargs["auth"] = gnapsign.device_signer(ADMIN, ADMIN_DEVICE)
    if headers:
        case.headers = headers


@schemathesis.hook
def after_call(context, case, response):
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return
    _remember(body)
    if case.operation.path == "/gnap" and response.status_code == 200 and isinstance(body, dict):
        code = (body.get("interact") or {}).get("user_code")
        if code and _approvals.random() < 0.5:
            _approve_out_of_band(code)
