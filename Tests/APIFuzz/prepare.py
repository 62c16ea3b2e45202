"""Prepares a fresh `gnapterm serve` for the fuzz run (scripts/api-fuzz).

`prepare.py resource-server REGISTRY KEY` (before the AS starts): makes the run's resource server key and writes the
registry file for `serve --resource-servers` (RFC 9767 §3.2, a pre-registered RS) and the private key.

`prepare.py BASE_URL DATA_DIR STATE_FILE RS_KEY` (once it listens): enrolls the run's admin device with the bootstrap
code and writes the state file the schemathesis hooks read (hooks.py).
"""

import json
import pathlib
import sys

import gnapsign

RESOURCE_SERVER_ID = "api-fuzz-rs"


def write_private(path, text):
    path = pathlib.Path(path)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)


def resource_server(registry_path, key_path):
    key = gnapsign.Key()
    registry = {
        "resource_servers": [
            {
                "id": RESOURCE_SERVER_ID,
                "key": {"proof": "httpsig", "jwk": key.jwk},
                "display_name": "api fuzz resource server",
                "access_types": ["photo-api"],
            }
        ]
    }
    pathlib.Path(registry_path).write_text(json.dumps(registry), encoding="utf-8")
    write_private(key_path, gnapsign.b64url(key.private_bytes()))


def main(base, data_dir, state_path, rs_key_path):
    code = (pathlib.Path(data_dir) / "bootstrap-enrollment-code").read_text(encoding="utf-8").strip()
    key, enrollment = gnapsign.enroll(base, code, device_name="api fuzz admin")
    state = {
        "base": base,
        "admin_key": gnapsign.b64url(key.private_bytes()),
        "admin_device": enrollment["device_id"],
        "admin_username": enrollment["account"]["username"],
        "resource_server": RESOURCE_SERVER_ID,
        "resource_server_key": pathlib.Path(rs_key_path).read_text(encoding="utf-8").strip(),
    }
    write_private(state_path, json.dumps(state))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "resource-server":
        resource_server(*sys.argv[2:])
    elif len(sys.argv) == 5:
        main(*sys.argv[1:])
    else:
        sys.exit(__doc__)
