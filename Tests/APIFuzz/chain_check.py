"""One hand-made chain through the AS with the hooks' own signing and client memory, before schemathesis runs:
grant request -> approval by the admin device -> continuation after `wait` (tokens) -> rotation to a new key
(§6.1.1, two signatures) -> rotation signed by the new key -> revocation. If any step is refused, the stateful
phase's chains cannot work either, and this says which step and why instead of leaving it to the fuzzer's luck.

Usage: chain_check.py STATE_FILE
"""

import json
import sys
import time

import requests

import gnapsign
from client_memory import ClientMemory


def expect(response, status, step):
    if response.status_code != status:
        sys.exit(f"api-fuzz chain check: {step} answered {response.status_code}, not {status}: {response.text[:300]}")


def main(state_path):
    with open(state_path, encoding="utf-8") as state_file:
        state = json.load(state_file)
    base = state["base"]
    admin = gnapsign.device_signer(
        gnapsign.Key.from_private_bytes(gnapsign.b64url_decode(state["admin_key"])), state["admin_device"]
    )
    client = gnapsign.Key()
    memory = ClientMemory(client)

    grant = requests.post(
        base + "/gnap",
        json={
            "access_token": {"access": ["chain-check"]},
            "client": {"key": {"proof": "httpsig", "jwk": client.jwk}, "display": {"name": "api-fuzz chain check"}},
            "interact": {"start": ["user_code"]},
        },
        auth=gnapsign.client_signer(client),
        timeout=30,
    )
    expect(grant, 200, "the grant request")
    memory.remember(grant.json())
    grant_id = memory.grant_id(grant.json())

    review = requests.post(
        base + "/interact/v1/code", json={"user_code": grant.json()["interact"]["user_code"]}, auth=admin, timeout=30
    )
    expect(review, 200, "the code entry")
    approval = requests.post(
        base + f"/interact/v1/grants/{review.json()['grant_id']}/approve",
        json={"rights": ["0.0"], "subject_formats": []},
        auth=admin,
        timeout=30,
    )
    expect(approval, 200, "the approval")

    time.sleep(max(0.0, memory.grant(grant_id).next_call_at - time.monotonic()))
    continued = requests.post(
        grant.json()["continue"]["uri"],
        headers={"Authorization": "GNAP " + memory.grant(grant_id).token},
        auth=gnapsign.client_signer(client),
        timeout=30,
    )
    expect(continued, 200, "the continuation after the approval")
    memory.remember(continued.json())
    manage_uri = continued.json()["access_token"]["manage"]["uri"]
    token_id = manage_uri.rsplit("/", 1)[-1]

    new_key = gnapsign.Key()
    rotated = requests.post(
        manage_uri,
        json={"key": {"proof": "httpsig", "jwk": new_key.jwk}},
        headers={"Authorization": "GNAP " + memory.token(token_id).management_token},
        auth=gnapsign.RotationSigner(memory.token(token_id).key, new_key),
        timeout=30,
    )
    expect(rotated, 200, "the rotation to a new key")
    memory.remember(rotated.json(), bound_key=new_key)

    again = requests.post(
        manage_uri,
        headers={"Authorization": "GNAP " + memory.token(token_id).management_token},
        auth=gnapsign.client_signer(memory.token(token_id).key),
        timeout=30,
    )
    expect(again, 200, "the rotation signed by the token's new key")
    memory.remember(again.json())

    revoked = requests.delete(
        manage_uri,
        headers={"Authorization": "GNAP " + memory.token(token_id).management_token},
        auth=gnapsign.client_signer(memory.token(token_id).key),
        timeout=30,
    )
    expect(revoked, 204, "the revocation")
    print("api-fuzz chain check: grant, approval, continuation, rotation to a new key, rotation, revocation: all accepted")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
