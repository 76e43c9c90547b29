"""Load bench for the web app: concurrent clients on 127.0.0.1 against `tidings serve`'s app,
bounded in count and time. Prints requests per second, latency percentiles and errors.

    .venv/bin/python bench/web_load.py [--clients 8] [--seconds 10] [--max-requests 5000] [--db FILE]

Without --db it builds a database from the bundled example articles first.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

URLS = ["/api/overview", "/api/events?limit=50", "/api/events?source=RUS&limit=20", "/api/dyad?source=USA",
        "/api/network", "/events", "/", "/api/articles"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--max-requests", type=int, default=5000)
    ap.add_argument("--db")
    args = ap.parse_args(argv)

    import httpx
    import uvicorn

    from tidings.web import create_app

    db = args.db
    if not db:
        from tidings.ingest import ingest
        from tidings.readers import example_paths

        db = str(Path(tempfile.mkdtemp()) / "load.duckdb")
        ingest([str(p) for p in example_paths()], db, progress=False)
    port = _port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)

    base = f"http://127.0.0.1:{port}"
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    budget = [args.max_requests]

    def client(i: int):
        with httpx.Client(base_url=base, timeout=30) as c:
            n = i
            while time.monotonic() < deadline:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                url = URLS[n % len(URLS)]
                n += 1
                t = time.perf_counter()
                try:
                    r = c.get(url)
                    ok = r.status_code == 200
                    if not ok:
                        with lock:
                            errors.append(f"{url}: {r.status_code}")
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{url}: {exc}")
                with lock:
                    lat.append(time.perf_counter() - t)

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    server.should_exit = True
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    print(f"web load: {len(lat)} requests from {args.clients} clients in {wall:.1f}s: "
          f"{len(lat) / wall:.1f} req/s; latency p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, p99 {p(0.99):.1f} ms, "
          f"mean {statistics.mean(lat) * 1000 if lat else float('nan'):.1f} ms; errors {len(errors)}")
    for e in errors[:10]:
        print("  error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
