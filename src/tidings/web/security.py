"""The web attack surface: the Host check (DNS rebinding), same-origin writes (CSRF), write
tokens, body limits, security headers on every response."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Mapping

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
DEFAULT_MAX_BODY = 10 * 1024 * 1024  # bytes
ANY_ADDRESS = {"0.0.0.0", "::", ""}


def is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def token_ok(given: str | None, expected: str | None) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(str(given), str(expected))


SECURITY_HEADERS = {
    # scripts and styles only from this server; no inline script, no framing, no sniffing
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # not no-referrer: under that policy a browser sends 'Origin: null' with the page's own form
    # POST, and origin_problem refuses it; same-origin keeps the referrer from other sites only
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_RAW_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


def host_name(value: str) -> str:
    """The name in a Host header, without its port: "127.0.0.1:8000" -> "127.0.0.1",
    "[::1]:8000" -> "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(bound: str, extra=()) -> set[str] | None:
    """The Host names a server bound to `bound` answers: a loopback server only its own
    names (a page on another site that rebinds its name to 127.0.0.1 gets 400); a server on
    one address that address and `extra`; one on every address (0.0.0.0) only `extra`, or any
    name when none is given (None)."""
    names = {host_name(h) for h in extra if h}
    if is_local(bound):
        return names | LOCAL_HOSTS
    if bound in ANY_ADDRESS:
        return names or None
    return names | {host_name(bound)}


def origin_problem(headers: Mapping[str, str], host: str, scheme: str) -> str | None:
    """Why a write is not from this site, or None. A browser says where a request comes from
    (Origin, Sec-Fetch-Site) and a page cannot forge either: a write must come from this origin.
    A client that sends neither (curl, a script) is not a browser and may write."""
    origin = headers.get("origin")
    if origin is not None:
        if origin != f"{scheme}://{host}":
            return f"cross-origin write refused (Origin {origin[:100]!r} is not this server)"
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"cross-site write refused (Sec-Fetch-Site: {site[:40]})"
    return None


def csrf_token(secret: bytes, purpose: str = "ingest") -> str:
    """The token a form of this server carries (a page elsewhere cannot read it)."""
    return hmac.new(secret, purpose.encode(), hashlib.sha256).hexdigest()[:32]


class SecurityHeaders:
    """ASGI middleware: the security headers on every response (413s included), and the Host
    check before anything else runs."""

    def __init__(self, app, hosts: set[str] | None = None):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(msg):
            if msg["type"] == "http.response.start":
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = list(msg.get("headers", [])) + [h for h in _RAW_HEADERS if h[0] not in have]
            await send(msg)

        if self.hosts is not None:
            host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
            if host_name(host) not in self.hosts:
                return await respond(
                    with_headers,
                    400,
                    {"error": f"unknown Host {host[:100]!r}: this server answers only {', '.join(sorted(self.hosts))}"},
                )
        return await self.app(scope, receive, with_headers)


async def respond(send, status: int, payload: dict) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """ASGI middleware refusing request bodies over `max_body` bytes with 413, whether or not
    the client sent a Content-Length (a chunked body is counted as it comes, and refused as
    soon as it is over, before the app has seen any of it)."""

    def __init__(self, app, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        return await _too_large(send, self.max_body)
                except ValueError:
                    return await _too_large(send, self.max_body)
        chunks, seen = [], 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":  # the client went away
                return
            body = msg.get("body", b"")
            seen += len(body)
            if seen > self.max_body:
                return await _too_large(send, self.max_body)
            chunks.append(body)
            if not msg.get("more_body"):
                break
        whole = b"".join(chunks)
        given = False

        async def replay():
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)


async def _too_large(send, limit: int):
    await respond(send, 413, {"error": f"request body over the limit of {limit} bytes"})
