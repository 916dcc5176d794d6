"""Webhook signature check: HMAC-SHA256 over "<timestamp>.<body>", compared in constant time, with a timestamp tolerance against replays."""

import hashlib
import hmac
import re
from typing import Literal

Verdict = Literal["ok", "missing-headers", "stale-timestamp", "bad-signature"]


def sign(secret: str, timestamp: str, body: str) -> str:
    """The signature a sender computes: hex HMAC-SHA256 of f"{timestamp}.{body}" with the shared secret."""
    return hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()


def verify(secret: str, body: str, timestamp: str | None, signature: str | None, now_seconds: int, tolerance_seconds: int) -> Verdict:
    """
    Accepts a request only when its timestamp is within `tolerance_seconds` of `now_seconds` (a
    captured request replayed later is refused) and its signature matches. The comparison takes the
    same time whatever the bytes, so the signature cannot be guessed one byte at a time.
    """
    if not timestamp or not signature or not re.fullmatch(r"\d{1,12}", timestamp):
        return "missing-headers"
    if abs(now_seconds - int(timestamp)) > tolerance_seconds:
        return "stale-timestamp"
    if not hmac.compare_digest(signature.removeprefix("sha256=").encode(), sign(secret, timestamp, body).encode()):
        return "bad-signature"
    return "ok"
