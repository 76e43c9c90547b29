"""Polite HTTP fetching: per-host rate limit, timeouts, retries with backoff, conditional
requests (ETag / Last-Modified), a clear User-Agent, robots.txt. The HTTP client is
injectable (any object with httpx.Client's `get`), so tests use a local server."""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import __version__

USER_AGENT = f"tidings/{__version__} (news event coder; polite, honours robots.txt)"


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds for connect and read
    retries: int = 2  # further tries after a timeout, a connection error or a 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    per_host_interval: float = 1.0  # at least this long between two requests to one host
    respect_robots: bool = True
    max_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int | None = None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why nothing usable came back

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.body is not None


@dataclass
class Fetcher:
    options: FetchOptions = FetchOptions()
    client: object = None  # an httpx.Client-like object; made on first use when None
    sleep: Callable[[float], object] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict = field(default_factory=dict)
    _robots: dict = field(default_factory=dict)

    def _client(self):
        if self.client is None:
            import httpx

            self.client = httpx.Client(
                follow_redirects=True, timeout=self.options.timeout, headers={"User-Agent": self.options.user_agent}
            )
        return self.client

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            gap = self.options.per_host_interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)
        self._last[host] = self.clock()

    def allowed(self, url: str) -> bool:
        if not self.options.respect_robots:
            return True
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            rp = urllib.robotparser.RobotFileParser()
            res = self._raw(host + "/robots.txt", {}, retries=0)
            if res.status == 200 and res.body is not None:
                rp.parse(res.body.decode("utf-8", "replace").splitlines())
            elif res.status in (401, 403):
                # the flags RobotFileParser.read itself sets (here and below); typeshed does not declare them
                rp.disallow_all = True  # type: ignore[attr-defined]
            else:  # no robots.txt (404) or unreachable: allowed
                rp.allow_all = True  # type: ignore[attr-defined]
            self._robots[host] = rp
        return self._robots[host].can_fetch(self.options.user_agent, url)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        if not self.allowed(url):
            return FetchResult(url, error="disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._raw(url, headers, retries=self.options.retries)

    def _raw(self, url: str, headers: dict, retries: int) -> FetchResult:
        import httpx

        host = urlsplit(url).netloc
        delay = self.options.backoff
        error = None
        for attempt in range(retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            self._wait_turn(host)
            try:
                r = self._client().get(
                    url, headers={"User-Agent": self.options.user_agent, **headers}, timeout=self.options.timeout
                )
            except httpx.TimeoutException:
                error = f"timed out after {self.options.timeout:g}s"
                continue
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
                continue
            if r.status_code >= 500:
                error = f"HTTP {r.status_code}"
                continue
            if r.status_code == 304:
                return FetchResult(url, 304, None, headers.get("If-None-Match"), headers.get("If-Modified-Since"))
            if r.status_code != 200:
                return FetchResult(url, r.status_code, error=f"HTTP {r.status_code}")
            body = r.content
            if len(body) > self.options.max_bytes:
                return FetchResult(url, r.status_code, error=f"response over {self.options.max_bytes} bytes")
            return FetchResult(url, 200, body, r.headers.get("etag"), r.headers.get("last-modified"))
        return FetchResult(url, None, error=error)
