"""Schemathesis hooks for `scripts/api-fuzz`: they let generated requests past the AS's key proofs.

Every request is signed on the wire (a requests auth object on the prepared request, so the signature covers the
exact bytes sent): `/gnap...` with the client key this run made (`gnap` profile), `/interact/v1...` and `/admin/v1...`
with the admin device that `prepare.py` enrolled (`gnapterm` profile). Grant requests name that client key, so the
continuation and token management calls the OpenAPI links chain after them are signed by the key the grant is bound
to. As a client would (client_memory.py), the hooks present the newest continuation and management token of every
grant and token they saw, sign token management with the key the token is bound to (a §6.1.1 rotation to a new key
carries both signatures, §7.3.1.1), wait out the grant's `wait` before continuing (§5), and continue a grant that has
a finish method with the interaction reference its approval produced (§5.1). Most grants are decided out of band
by the admin device (the resource owner), so that continuation answers carry access tokens or a denial and token
management can be reached. Introspection and resource set registration are signed by the run's pre-registered
resource server (RFC 9767 §3.2).

The state file named by GNAPTERM_FUZZ_STATE (JSON: base URL, admin device key and id, resource server id and key)
comes from prepare.py.
"""

import json
import os
import random
import threading
import time
from urllib.parse import quote

import requests
import schemathesis
from hypothesis.internal import lambda_sources

import gnapsign
from client_memory import ClientMemory


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
# The resource server pre-registered for this run (prepare.py): it signs introspection and resource set registration.
RESOURCE_SERVER = STATE["resource_server"]
RESOURCE_SERVER_KEY = gnapsign.Key.from_private_bytes(gnapsign.b64url_decode(STATE["resource_server_key"]))
RESOURCE_SERVER_PATHS = ("/gnap/introspect", "/gnap/resource")

MEMORY = ClientMemory(CLIENT)

# Seeded draws, shared by the worker threads: which grants the resource owner decides, and the few continuation calls
# that are left as the fuzzer made them (too early, or with its own interaction reference) so that the AS's answers
# to a careless client keep being checked too.
_draws_lock = threading.Lock()
_draws = random.Random(9635)
# The longest the hooks wait for a grant's `wait` (seconds): the run's AS is started with a 1 s poll interval.
LONGEST_WAIT = 3.0
# The new key of each §6.1.1 rotation on its way, by case id: the token is bound to it once the AS answers 200.
_rotated_keys = {}


def _draw():
    with _draws_lock:
        return _draws.random()


def _client_member():
    return {"key": {"proof": "httpsig", "jwk": CLIENT.jwk}, "display": {"name": "schemathesis"}}


def _decide_out_of_band(grant_response, grant_id):
    """The resource owner takes most requests at the admin's terminal: enters the user code, or opens the interaction
    link, and approves every right and subject format it reviews (three in four requests) or denies (one in ten)."""
    roll = _draw()
    if roll >= 0.85:
        return
    interact = grant_response.get("interact") or {}
    signer = gnapsign.device_signer(ADMIN, ADMIN_DEVICE)
    code = interact.get("user_code") or (interact.get("user_code_uri") or {}).get("code")
    if code:
        review = requests.post(BASE + "/interact/v1/code", json={"user_code": code}, auth=signer, timeout=30)
    elif isinstance(interact.get("redirect") or interact.get("app"), str):
        link = interact.get("redirect") or interact.get("app")
        review = requests.post(BASE + "/interact/v1/interaction", json={"interaction": link}, auth=signer, timeout=30)
    else:
        return
    if review.status_code != 200:
        return
    body = review.json()
    if roll < 0.75:
        subject = body.get("subject") or {}
        decision = requests.post(
            BASE + f"/interact/v1/grants/{body['grant_id']}/approve",
            json={
                "rights": [right["id"] for token in body.get("tokens", []) for right in token.get("rights", [])],
                "subject_formats": subject.get("sub_id_formats", []),
                "assertion_formats": subject.get("assertion_formats", []),
            },
            auth=signer,
            timeout=30,
        )
    else:
        decision = requests.post(
            BASE + f"/interact/v1/grants/{body['grant_id']}/deny",
            json={"reason": "denied by the resource owner"},
            auth=signer,
            timeout=30,
        )
    if decision.status_code == 200:
        MEMORY.note_decision(grant_id, decision.json())


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


def _continue_as_a_client(case, method, grant_id):
    """Waits out the grant's `wait` and presents the interaction reference a finish delivered (RFC 9635 §5, §5.1)."""
    grant = MEMORY.grant(grant_id)
    if grant is None:
        return
    if method in ("POST", "PATCH") and _draw() < 0.9:
        delay = grant.next_call_at - time.monotonic()
        if delay > 0:
            time.sleep(min(delay, LONGEST_WAIT))
    if method == "POST" and isinstance(case.body, dict) and _draw() < 0.8:
        if grant.interact_ref is not None:
            case.body["interact_ref"] = grant.interact_ref
        else:
            # A client presents only a reference it received.
            case.body.pop("interact_ref", None)


def _sign_token_management(case, kwargs, token_id):
    """Token management is signed by the key the token is bound to; a rotation to a new key (§6.1.1) by both. The new
    key is one the hooks hold, with the proofing method of the current key (`httpsig`, as §6.1.1 requires), so that a
    refused rotation is a disagreement, not the fuzzer's key that nobody can sign with."""
    managed = MEMORY.token(token_id)
    key = managed.key if managed else CLIENT
    rotation = case.body.get("key") if isinstance(case.body, dict) else None
    if case.method.upper() == "POST" and isinstance(rotation, dict):
        new_key = gnapsign.Key()
        rotation["jwk"] = new_key.jwk
        rotation["proof"] = "httpsig"
        with _draws_lock:
            _rotated_keys[case.id] = new_key
        kwargs["auth"] = gnapsign.RotationSigner(key, new_key)
    else:
        kwargs["auth"] = gnapsign.client_signer(key)


def _call_as_the_resource_server(case, kwargs):
    """RFC 9767 §3.2: the RS names itself (mostly by its identifier at the AS; now and then as the fuzzer made it, an
    RS the AS does not know) and signs like a client, with its key."""
    if isinstance(case.body, dict) and _draw() < 0.8:
        case.body["resource_server"] = RESOURCE_SERVER
    kwargs["auth"] = gnapsign.client_signer(RESOURCE_SERVER_KEY)


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
            if "interact" not in case.body and "user" not in case.body and _draw() < 0.8:
                # This run's AS has no standing access or asynchronous delivery for the client, so a request without
                # interaction can only be refused (`invalid_interaction`): most get the start mode a device uses.
                case.body["interact"] = {"start": ["user_code"]}
        if path == "/gnap/instances/{instance}/key" and isinstance(case.body, dict) and isinstance(case.body.get("key"), dict):
            # A client-instance key rotation: a key that exists (its second signature is missing, so it is refused).
            _fresh_jwk(case.body["key"])
        grant = (case.path_parameters or {}).get("grant")
        token = (case.path_parameters or {}).get("token")
        presented = None
        if grant:
            known = MEMORY.grant(grant)
            presented = known.token if known else None
            _continue_as_a_client(case, method, grant)
        elif token:
            managed = MEMORY.token(token)
            presented = managed.management_token if managed else None
        if presented is not None:
            headers["Authorization"] = "GNAP " + presented
        if token:
            _sign_token_management(case, kwargs, token)
        elif path in RESOURCE_SERVER_PATHS:
            _call_as_the_resource_server(case, kwargs)
        else:
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
    path = case.operation.path
    with _draws_lock:
        rotated_to = _rotated_keys.pop(case.id, None)
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return
    if not path.startswith("/gnap") or not isinstance(body, dict):
        return
    MEMORY.remember(body, bound_key=rotated_to if response.status_code == 200 else None)
    if path == "/gnap" and response.status_code == 200:
        grant_id = MEMORY.grant_id(body)
        if grant_id is None:
            return
        _decide_out_of_band(body, grant_id)
