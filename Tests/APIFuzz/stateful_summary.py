"""Reads the NDJSON event report of a schemathesis stateful run and says how far its scenarios chained: the OpenAPI
links it followed, and what the continuation and token management operations answered. Exits 1 when no
continuation call (`POST /gnap/continue/{grant}`) was answered 2xx: then the chain grant -> continue -> token
management is broken again (a token or key the hooks fail to present, a link that no longer resolves), and the
stateful phase would only be testing 401s.

Usage: stateful_summary.py EVENTS.ndjson
"""

import collections
import json
import sys

CONTINUATION = ("POST /gnap/continue/{grant}", "PATCH /gnap/continue/{grant}", "DELETE /gnap/continue/{grant}")
TOKEN_MANAGEMENT = ("POST /gnap/token/{token}", "DELETE /gnap/token/{token}")
REQUIRED_2XX = "POST /gnap/continue/{grant}"


def read(path):
    """(links declared, steps): each step is (operation, status or None, link id or None, link applied)."""
    declared = None
    steps = []
    with open(path, encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            if "LoadingFinished" in event:
                declared = event["LoadingFinished"]["statistic"]["transitions"]["total"]
            finished = event.get("ScenarioFinished")
            if not finished or finished.get("phase") != "stateful":
                continue
            recorder = finished["recorder"]
            for case_id, case in recorder.get("cases", {}).items():
                value = case["value"]
                interaction = recorder.get("interactions", {}).get(case_id) or {}
                status = (interaction.get("response") or {}).get("status_code")
                transition = case.get("transition")
                steps.append(
                    (
                        value["method"] + " " + value["path"],
                        status,
                        transition["id"] if transition else None,
                        bool(transition) and bool(case.get("is_transition_applied")),
                    )
                )
    return declared, steps


def main(path):
    declared, steps = read(path)
    applied = [step for step in steps if step[3]]
    links = collections.Counter(step[2] for step in applied)
    print(
        f"api-fuzz stateful: {len(steps)} calls, {len(applied)} of them through an OpenAPI link; "
        f"{len(links)} of {declared} links followed"
    )
    for link, count in sorted(links.items()):
        print(f"  {count:5d}  {link}")
    for operation in CONTINUATION + TOKEN_MANAGEMENT:
        statuses = collections.Counter(step[1] for step in steps if step[0] == operation)
        total = sum(statuses.values())
        not_401 = total - statuses.get(401, 0)
        success = sum(count for status, count in statuses.items() if status is not None and 200 <= status < 300)
        shown = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=lambda s: str(s[0])))
        print(f"  {operation}: {total} calls, {not_401} not 401, {success} 2xx ({shown})")
    if not any(step[0] == REQUIRED_2XX and step[1] is not None and 200 <= step[1] < 300 for step in steps):
        print(
            f"api-fuzz stateful: no {REQUIRED_2XX} was answered 2xx: the links and hooks no longer chain a grant "
            "to its continuation",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
