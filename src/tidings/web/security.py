"""The web attack surface: write tokens, body limits, security headers."""
from __future__ import annotations

import hmac
import ipaddress

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
DEFAULT_MAX_BODY = 10 * 1024 * 1024  # bytes


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
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                                "form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class BodyLimit:
    """ASGI middleware refusing request bodies over `max_body` bytes with 413, whether or not
    the client sent a Content-Length."""

    def __init__(self, app, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        return await _too_large(send, self.max_body)
                except ValueError:
                    return await _too_large(send, self.max_body)
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return msg

        try:
            return await self.app(scope, limited, send)
        except _TooLarge:
            return await _too_large(send, self.max_body)


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int):
    body = f'{{"detail": "request body over the limit of {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
