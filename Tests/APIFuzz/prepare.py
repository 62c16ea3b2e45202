"""Enrolls the fuzz run's admin device with the bootstrap code of a fresh `gnapterm serve` and writes the state file
the schemathesis hooks read (hooks.py).

Usage: prepare.py BASE_URL DATA_DIR STATE_FILE
"""

import json
import pathlib
import sys

import gnapsign


def main(base, data_dir, state_path):
    code = (pathlib.Path(data_dir) / "bootstrap-enrollment-code").read_text(encoding="utf-8").strip()
    key, enrollment = gnapsign.enroll(base, code, device_name="api fuzz admin")
    state = {
        "base": base,
        "admin_key": gnapsign.b64url(key.private_bytes()),
        "admin_device": enrollment["device_id"],
        "admin_username": enrollment["account"]["username"],
    }
    path = pathlib.Path(state_path)
    path.write_text(json.dumps(state), encoding="utf-8")
    path.chmod(0o600)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
