"""Load bench for the web app: concurrent clients on 127.0.0.1 against `tidings serve`'s app,
bounded in count and time. Prints requests per second, latency percentiles and errors.

    .venv/bin/python bench/web_load.py [--clients 8] [--seconds 10] [--max-requests 5000] [--db FILE]
                                       [--upload-chars 40000]

Without --db it builds a database from the bundled example articles first. With
--upload-chars N, one more client uploads an article of N characters (POST /api/ingest)
while the others read, after a small warm-up upload (the model loads once per server); the
latency of the requests made while the upload was coded is printed apart, and the bench
fails if their p99 reaches 1 s: ingest must not block the pages.
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
    ap.add_argument("--upload-chars", type=int, default=0, help="upload an article this long during the load")
    args = ap.parse_args(argv)

    import httpx
    import uvicorn

    from tidings.web import create_app

    db = args.db
    if not db:
        from tidings.run.ingest import ingest
        from tidings.readers import example_paths

        db = str(Path(tempfile.mkdtemp()) / "load.duckdb")
        ingest([str(p) for p in example_paths()], db, progress=False)
    port = _port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)

    base = f"http://127.0.0.1:{port}"
    upload: dict = {}
    if args.upload_chars:
        r = httpx.post(base + "/api/ingest", json={"text": article(600, seed=1), "published": "2024-03-01"},
                       timeout=300)  # warm-up: the server loads the model with its first ingest
        if r.status_code != 200:
            print(f"warm-up upload failed: {r.status_code} {r.text[:300]}")
            return 1
    lat: list[float] = []
    during: list[float] = []
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
                took = time.perf_counter() - t
                with lock:
                    lat.append(took)
                    if "start" in upload and t >= upload["start"] and t <= upload.get("end", float("inf")):
                        during.append(took)

    def uploader():
        time.sleep(min(1.0, args.seconds / 4))
        text = article(args.upload_chars, seed=2)
        upload["start"] = time.perf_counter()
        try:
            r = httpx.post(base + "/api/ingest", json={"text": text, "published": "2024-03-01"}, timeout=600)
            upload["status"] = r.status_code
            upload["summary"] = r.json().get("summary") or r.text[:200]
        except httpx.HTTPError as exc:
            upload["status"] = str(exc)
        upload["end"] = time.perf_counter()

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    if args.upload_chars:
        threads.append(threading.Thread(target=uploader))
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
    slow = False
    if args.upload_chars:
        if "end" not in upload:
            print(f"upload of {args.upload_chars} characters did not finish within the run")
            return 1
        during.sort()
        q = lambda x: during[min(len(during) - 1, int(x * len(during)))] * 1000 if during else float("nan")  # noqa: E731
        print(f"upload of {args.upload_chars:,} characters: status {upload.get('status')}, "
              f"{upload['end'] - upload['start']:.1f}s ({upload.get('summary')}); "
              f"{len(during)} other requests meanwhile: p50 {q(0.5):.1f} ms, p95 {q(0.95):.1f} ms, "
              f"p99 {q(0.99):.1f} ms, max {during[-1] * 1000 if during else float('nan'):.1f} ms")
        slow = upload.get("status") != 200 or not during or q(0.99) >= 1000
    return 1 if errors or slow else 0


ACTORS = ["Kenya", "Ethiopia", "Chile", "Peru", "Turkey", "Greece", "India", "Pakistan", "Japan", "South Korea",
          "Brazil", "Argentina", "Nigeria", "Ghana", "Egypt", "Jordan", "Poland", "Ukraine", "Vietnam", "Indonesia"]
ACTS = ["signed a trade agreement with", "accused", "held talks with", "condemned", "pledged aid to",
        "expelled diplomats from", "hosted a delegation from", "imposed sanctions on", "praised", "threatened"]


def article(chars: int, seed: int = 1) -> str:
    """A wire-like article of about `chars` characters: a title, then paragraphs of plain sentences."""
    import random

    rnd = random.Random(seed)
    paras, size, n = [], 0, 0
    while size < chars:
        sents = []
        for _ in range(3):
            a, b = rnd.sample(ACTORS, 2)
            sents.append(f"{a} {rnd.choice(ACTS)} {b} on Tuesday, officials said in statement {n}.")
            n += 1
        paras.append(" ".join(sents))
        size += len(paras[-1]) + 2
    return "Regional tensions rise as talks continue\n\n" + "\n\n".join(paras)[:chars]


if __name__ == "__main__":
    sys.exit(main())
