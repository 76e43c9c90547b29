"""`tidings watch` against local HTTP servers on 127.0.0.1 that the tests write."""

from __future__ import annotations

import hashlib
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from tidings.watch import Fetcher, FetchOptions, Watcher, WatchOptions, parse_feed


class Site:
    """A tiny web site: path -> (body, content type); honours ETag; can fail or hang."""

    def __init__(self):
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.mode = "ok"  # ok | 500 | hang
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                if site.mode == "500":
                    self.send_response(500)
                    self.end_headers()
                    return
                if site.mode == "hang":
                    time.sleep(1.5)
                    return
                if self.path not in site.pages:
                    self.send_response(404)
                    self.end_headers()
                    return
                body, ctype = site.pages[self.path]
                etag = '"' + hashlib.md5(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path, text, ctype="text/html"):
        self.pages[path] = (text.encode("utf-8"), ctype)

    def close(self):
        self.server.shutdown()


def page(title, body):
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in body)
        + "</article></body></html>"
    )


def rss(base, items):
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>Mon, 06 Mar 2023 10:00:00 GMT</pubDate></item>"
        for p, t in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'


A = [
    "Kenyan police arrested 40 protesters in Nairobi on Monday, officials said.",
    "The protesters had demanded lower food prices.",
]
B = [
    "Chile and Peru signed a trade agreement in Lima on Monday.",
    "The two governments said the deal would cut tariffs.",
]
B2 = B + ["Bolivia's president criticised the agreement on Tuesday."]
C = ["Turkey and Greece held talks on maritime borders in Athens on Monday."]


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def _watcher(site_sources, tmp_path, fetch=None):
    fetcher = Fetcher(fetch or FetchOptions(per_host_interval=0.0, timeout=0.5, retries=1, backoff=0.01))
    return Watcher(
        site_sources,
        str(tmp_path / "w.duckdb"),
        WatchOptions(every=0, out_dir=str(tmp_path / "updates"), published="2023-03-06"),
        fetcher=fetcher,
        log=lambda s: None,
    )


def _rows(zpath: Path) -> list[list[str]]:
    with zipfile.ZipFile(zpath) as zf:
        (name,) = zf.namelist()
        return [line.split("\t") for line in zf.read(name).decode().splitlines() if line]


@pytest.mark.slow
def test_three_cycles_new_repeated_changed(site, tmp_path):
    site.put("/a", page("Police arrest protesters in Nairobi", A))
    site.put("/b", page("Chile and Peru sign trade deal", B))
    site.put("/feed.xml", rss(site.base, [("/a", "A"), ("/b", "B")]), "application/rss+xml")
    w = _watcher([site.base + "/feed.xml"], tmp_path)

    c1 = w.cycle()
    assert (c1.stored, c1.errors) == (2, [])
    assert c1.new_events > 0
    ev1 = _rows(tmp_path / "updates" / c1.files[0])
    assert len(ev1) == c1.new_events and all(len(r) == 61 for r in ev1)
    assert len(_rows(tmp_path / "updates" / c1.files[1])[0]) == 16

    c2 = w.cycle()  # nothing changed: the feed answers 304, so do its pages
    assert (c2.stored, c2.new_events, c2.fetched) == (0, 0, 0)
    assert c2.not_modified >= 1

    site.put("/b", page("Chile and Peru sign trade deal", B2))  # a changed page
    site.put("/c", page("Turkey and Greece hold talks", C))  # a new item
    site.put("/feed.xml", rss(site.base, [("/a", "A"), ("/b", "B"), ("/c", "C")]), "application/rss+xml")
    c3 = w.cycle()
    assert c3.stored == 2 and not c3.errors
    assert c3.new_events > 0

    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 1  # the old /b
    exported = con.execute("SELECT stamp, count(*) FROM watch_exports GROUP BY 1 ORDER BY 1").fetchall()
    con.close()
    assert len(exported) >= 2

    upd = tmp_path / "updates"
    master = (upd / "masterfilelist.txt").read_text().splitlines()
    assert len(master) == 4  # two files per cycle with new events; the second cycle had none
    assert c2.files == []
    last = (upd / "lastupdate.txt").read_text().splitlines()
    assert [line.split()[2] for line in last] == c3.files
    for line in master:
        size, md5, name = line.split()
        data = (upd / name).read_bytes()
        assert int(size) == len(data) and md5 == hashlib.md5(data).hexdigest()
    # every new event went out exactly once across the update files
    ids = [r[0] for f in sorted(upd.glob("*.export.CSV.zip")) for r in _rows(f)]
    assert len(ids) == len(set(ids)) == c1.new_events + c3.new_events


@pytest.mark.slow
def test_a_failing_host_does_not_stop_the_others(tmp_path):
    good, bad, slow = Site(), Site(), Site()
    try:
        good.put("/c", page("Turkey and Greece hold talks", C))
        bad.mode, slow.mode = "500", "hang"
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{bad.base}/x\n{slow.base}/y\n{good.base}/c\n")
        w = _watcher([str(urls)], tmp_path)
        rep = w.cycle()
        assert rep.stored == 1
        assert any("HTTP 500" in e for e in rep.errors) and any("timed out" in e for e in rep.errors)
        assert len([h for h in bad.hits if h == "/x"]) == 2  # one retry for a 5xx
        # failed URLs wait before they are tried again; the good one is not fetched again unchanged
        rep2 = w.cycle()
        assert rep2.errors == [] and rep2.stored == 0
    finally:
        for s in (good, bad, slow):
            s.close()


def test_robots_txt_is_respected(site, tmp_path):
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.put("/private/a", page("x", A))
    f = Fetcher(FetchOptions(per_host_interval=0.0))
    res = f.get(site.base + "/private/a")
    assert res.error == "disallowed by robots.txt"
    assert "/private/a" not in site.hits


def test_rate_limit_per_host(site):
    site.put("/a", "x", "text/plain")
    slept = []
    f = Fetcher(FetchOptions(per_host_interval=5.0, respect_robots=False), sleep=slept.append)
    f.get(site.base + "/a")
    f.get(site.base + "/a")
    assert slept and slept[0] > 4.0


def test_folders_are_watched_for_new_and_changed_files(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Chile and Peru sign trade deal\n\n" + " ".join(B))
    w = _watcher([str(inbox)], tmp_path)
    assert w.cycle().stored == 1
    assert w.cycle().stored == 0
    (inbox / "two.txt").write_text("Turkey and Greece hold talks\n\n" + " ".join(C))
    assert w.cycle().stored == 1


def test_atom_and_rss_feeds_parse():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>One</title><link href="/one"/><id>1</id><updated>2023-03-06T10:00:00Z</updated></entry>
      <entry><title>Two</title><link rel="alternate" href="http://x.test/two"/><id>2</id></entry></feed>"""
    items = parse_feed(atom, "http://x.test/feed")
    assert [i.url for i in items] == ["http://x.test/one", "http://x.test/two"]
    assert items[0].published == "2023-03-06T10:00:00"
    items = parse_feed(rss("http://y.test", [("/a", "A")]).encode())
    assert items[0].url == "http://y.test/a" and items[0].published == "2023-03-06T10:00:00"


def test_an_entity_bomb_is_not_expanded():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
      <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><title>&c;</title><link>http://z/a</link></item></channel></rss>"""
    items = parse_feed(bomb)
    assert items[0].url == "http://z/a"
    assert "aaaaaaaaaa" * 10 not in (items[0].title or "")


@pytest.mark.slow
def test_sigterm_stops_cleanly_and_a_rerun_resumes(tmp_path):
    import json
    import signal
    import subprocess
    import sys

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Chile and Peru sign trade deal\n\n" + " ".join(B))
    cmd = [
        sys.executable,
        "-m",
        "tidings.cli",
        "watch",
        str(inbox),
        "--every",
        "1s",
        "--db",
        str(tmp_path / "w.duckdb"),
        "--out",
        str(tmp_path / "updates"),
        "--published",
        "2023-03-06",
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in proc.stderr:  # wait for the first cycle to finish
        lines.append(line)
        if line.startswith("cycle "):
            break
    proc.send_signal(signal.SIGTERM)
    rest, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, "".join(lines) + rest
    assert "1 stored" in lines[-1]
    state = json.loads((tmp_path / "updates" / "watch-state.json").read_text())
    assert state["cycles"] >= 1 and str(inbox / "one.txt") in state["files"]
    again = subprocess.run(cmd + ["--cycles", "1"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "0 stored" in again.stderr
