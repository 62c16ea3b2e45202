"""What a GNAP client remembers between calls, kept by the schemathesis hooks (hooks.py) for every grant and token
the AS handed out in this run.

RFC 9635 §5: every continuation response replaces the continuation access token and says how long to `wait`
before the next call; §5.1: a grant with a finish method continues with the `interact_ref` the finish delivered;
§6: a token is managed with its newest management token, signed by the key the token is bound to (§6.1.1 moves it
to a new key). The OpenAPI links hand the fuzzer the values of one response; a client presents the newest ones.
"""

import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

CONTINUE_PATH = re.compile(r"/gnap/continue/([^/?#]+)$")
TOKEN_PATH = re.compile(r"/gnap/token/([^/?#]+)$")


@dataclass
class Grant:
    token: str | None = None
    # The monotonic instant before which a continuation call is `too_fast` (§5).
    next_call_at: float = 0.0
    # The interaction reference a redirect finish delivered when the grant was decided (§4.2.1).
    interact_ref: str | None = None


@dataclass
class ManagedToken:
    management_token: str
    key: object


@dataclass
class ClientMemory:
    client_key: object
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _grants: dict = field(default_factory=dict)
    _tokens: dict = field(default_factory=dict)

    def remember(self, body, bound_key=None):
        """Takes the continuation and the management tokens out of a grant, continuation or rotation answer."""
        if not isinstance(body, dict):
            return
        cont = body.get("continue")
        if isinstance(cont, dict):
            match = CONTINUE_PATH.search(str(cont.get("uri", "")))
            token = (cont.get("access_token") or {}).get("value")
            if match and isinstance(token, str):
                wait = cont.get("wait")
                wait = wait if isinstance(wait, int) and 0 <= wait <= 60 else 0
                with self._lock:
                    grant = self._grants.setdefault(match.group(1), Grant())
                    grant.token = token
                    grant.next_call_at = time.monotonic() + wait
        tokens = body.get("access_token")
        for token in tokens if isinstance(tokens, list) else [tokens]:
            if not isinstance(token, dict) or not isinstance(token.get("manage"), dict):
                continue
            match = TOKEN_PATH.search(str(token["manage"].get("uri", "")))
            value = (token["manage"].get("access_token") or {}).get("value")
            if match and isinstance(value, str):
                with self._lock:
                    previous = self._tokens.get(match.group(1))
                    key = bound_key or (previous.key if previous else self.client_key)
                    self._tokens[match.group(1)] = ManagedToken(value, key)

    def grant_id(self, body):
        match = CONTINUE_PATH.search(str(((body or {}).get("continue") or {}).get("uri", "")))
        return match.group(1) if match else None

    def note_decision(self, grant_id, decision):
        """Keeps the interaction reference a redirect finish carries (§4.2.1: appended to the client's URI)."""
        finish = (decision or {}).get("finish") if isinstance(decision, dict) else None
        if not isinstance(finish, dict):
            return
        references = parse_qs(urlsplit(str(finish.get("uri", ""))).query).get("interact_ref")
        if references:
            with self._lock:
                self._grants.setdefault(grant_id, Grant()).interact_ref = references[0]

    def grant(self, grant_id):
        with self._lock:
            known = self._grants.get(grant_id)
            return Grant(**vars(known)) if known else None

    def token(self, token_id):
        with self._lock:
            return self._tokens.get(token_id)
