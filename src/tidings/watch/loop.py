"""The watch loop: each cycle fetches what is new or changed from feeds, URL lists and
folders, codes and stores it (one writer, idempotent), and writes the cycle's new events
as GDELT-style update files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..query import Filters
from ..records import Article, InputError
from .feeds import FeedError, FeedItem, parse_feed
from .fetch import Fetcher, FetchOptions
from .state import WatchState
from .updates import write_update


@dataclass(frozen=True)
class WatchOptions:
    every: float = 900.0  # seconds between the starts of two cycles
    out_dir: str = "updates"  # update files and watch-state.json
    base_url: str = ""  # prefix for file names in lastupdate.txt / masterfilelist.txt
    fetch: FetchOptions = FetchOptions()
    retry_after: float = 300.0  # first wait before retrying a failed URL (doubles, at most a day)
    published: str | None = None


@dataclass
class CycleReport:
    stamp: str
    fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    stored: int = 0
    new_events: int = 0  # rows of the cycle's update files (GDELT rows: dated events only)
    undated: int = 0  # new events stored without a date, which no GDELT row can carry
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "what: why", for what was seen but not stored
    files: list[str] = field(default_factory=list)
    interrupted: bool = False

    def summary(self) -> str:
        return (
            f"cycle {self.stamp}: {self.fetched} fetched, {self.not_modified} not modified, "
            f"{self.unchanged} unchanged, {self.stored} stored, {self.new_events} new events, "
            f"{len(self.skipped)} skipped, {len(self.errors)} errors"
            + (" (interrupted: finished early)" if self.interrupted else "")
        )

    def lines(self) -> list[str]:
        """The summary, then what was skipped and why, the errors, and the files written."""
        out = [self.summary()]
        out += [f"  skipped: {s}" for s in self.skipped]
        out += [f"  error: {e}" for e in self.errors]
        if self.undated:
            out.append(
                f"  {self.undated} new event(s) stored without a date: not in the update files "
                "(give the inputs a date, or --published)"
            )
        if self.files:
            out.append(f"  wrote {', '.join(self.files)}")
        elif self.stamp != "failed":
            out.append("  no new dated events: no update files written")
        return out


def classify(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return "feed"
    p = Path(source)
    if p.is_dir():
        return "folder"
    if p.is_file():
        lines = [x.strip() for x in p.read_text(encoding="utf-8", errors="replace").splitlines()]
        urls = [x for x in lines if x and not x.startswith("#")]
        if urls and all(u.startswith(("http://", "https://")) for u in urls):
            return "urls"
        return "file"
    raise ValueError(f"{source}: not a feed URL, a folder, a URL list or a file")


def _name_for(url: str) -> str:
    from ..readers.formats import input_suffixes

    path = urlsplit(url).path.lower()
    name = path.rsplit("/", 1)[-1]
    return name if Path(name).suffix in input_suffixes() else "page.html"


def _stamp(now: dt.datetime, out_dir: Path) -> str:
    while True:
        s = now.strftime("%Y%m%d%H%M%S")
        if not (out_dir / f"{s}.export.CSV.zip").exists():
            return s
        now += dt.timedelta(seconds=1)


class Watcher:
    def __init__(
        self,
        sources: list[str],
        db: str,
        options: WatchOptions = WatchOptions(),
        fetcher: Fetcher | None = None,
        log: Callable[[str], None] = print,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
    ):
        self.sources = [(s, classify(s)) for s in sources]
        self.db = db
        self.options = options
        self.fetcher = fetcher or Fetcher(options.fetch)
        self.log = log
        self.now = now
        self.out = Path(options.out_dir)
        self.state = WatchState.load(self.out / "watch-state.json")
        self.stop = threading.Event()

    # ---- one cycle ------------------------------------------------------------------------
    def cycle(self) -> CycleReport:
        from ..run.ingest import ingest

        from ..store import Store
        from ..store.watch import ensure_baseline

        started = self.now()
        report = CycleReport(stamp=_stamp(started, self.out))
        with Store(self.db) as store, store.session() as conn:
            ensure_baseline(conn)  # first run: events already stored are the baseline, not news
        articles: list[Article] = []
        pending_items: dict[str, dict] = {}
        pending_files: dict[str, list] = {}
        for source, kind in self.sources:
            if self.stop.is_set():
                report.interrupted = True
                break
            try:
                if kind == "feed":
                    self._feed(source, report, articles, pending_items)
                elif kind == "urls":
                    for url in self._url_list(source):
                        if self.stop.is_set():
                            report.interrupted = True
                            break
                        self._item(url, None, report, articles, pending_items)
                else:
                    self._files(source, kind, report, articles, pending_files)
            except Exception as exc:  # one bad source never stops the others
                report.errors.append(f"{source}: {type(exc).__name__}: {exc}")
        if articles:
            try:
                ing = ingest(articles, self.db, progress=False)
            except Exception as exc:  # the database is busy or failing: this cycle is tried again next time
                report.errors.append(f"storing failed, tried again next cycle: {type(exc).__name__}: {exc}")
                for line in report.lines()[:-1]:  # no files: the cycle did not get that far
                    self.log(line)
                return report
            report.stored = ing.new + ing.updated
            report.errors += [str(e) for e in ing.errors]
            for what, why in ing.skipped:
                failed = why.startswith(("could not be stored", "coding failed"))
                (report.errors if failed else report.skipped).append(f"{what}: {why}")
        self._export(report, started)
        # only now, with everything stored and exported, remember what was seen
        for url, st in pending_items.items():
            self.state.items[url] = st
        self.state.files.update(pending_files)
        self.state.cycles += 1
        self.state.save()
        for line in report.lines():
            self.log(line)
        return report

    def _feed(self, url, report, articles, pending_items):
        fs = self.state.feeds.get(url, {})
        res = self.fetcher.get(url, fs.get("etag"), fs.get("last_modified"))
        if res.error:
            report.errors.append(f"{url}: {res.error}")
            return
        if res.not_modified:  # the feed is the same; its pages may still have changed
            report.not_modified += 1
            items = [FeedItem(u) for u in fs.get("items", [])]
            res = dataclasses.replace(res, etag=fs.get("etag"), last_modified=fs.get("last_modified"))
        else:
            try:
                items = parse_feed(res.body, url)
            except FeedError as exc:
                report.errors.append(f"{url}: {exc}")
                return
        for item in items:
            if self.stop.is_set():
                report.interrupted = True
                return
            self._item(item.url, item, report, articles, pending_items)
        self.state.feeds[url] = {"etag": res.etag, "last_modified": res.last_modified, "items": [i.url for i in items]}

    def _url_list(self, path) -> list[str]:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        return list(dict.fromkeys(x.strip() for x in lines if x.strip() and not x.strip().startswith("#")))

    def _item(self, url, item, report, articles, pending_items):
        from ..readers import read_data

        if url in pending_items:
            return
        st = dict(self.state.items.get(url, {}))
        now = time.time()
        if st.get("next_try") and st["next_try"] > now:
            when = dt.datetime.fromtimestamp(st["next_try"], dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
            report.skipped.append(f"{url}: failed before ({st.get('error') or 'an error'}); tried again after {when}")
            return
        res = self.fetcher.get(url, st.get("etag"), st.get("last_modified"))
        if res.error:
            fails = st.get("failures", 0) + 1
            st.update(
                failures=fails, error=res.error, next_try=now + min(self.options.retry_after * 2 ** (fails - 1), 86400)
            )
            pending_items[url] = st
            report.errors.append(f"{url}: {res.error} (retry later)")
            return
        st.update(failures=0, error=None, next_try=None)
        if res.not_modified:
            report.not_modified += 1
            return
        report.fetched += 1
        digest = hashlib.sha1(res.body).hexdigest()
        st.update(etag=res.etag, last_modified=res.last_modified)
        if st.get("hash") == digest:
            report.unchanged += 1
            pending_items[url] = st
            return
        published = (item.published if item else None) or self.options.published
        got = list(read_data(res.body, _name_for(url), published=published))
        for a in got:
            if isinstance(a, InputError):
                report.errors.append(str(a))
                continue
            if len(got) == 1:  # a page: the URL is its identity, so a changed page is a new version
                a = dataclasses.replace(
                    a, url=url, id=Article.make_id(a.text, url=url), title=a.title or (item.title if item else None)
                )
            articles.append(a)
        st["hash"] = digest
        pending_items[url] = st

    def _files(self, source, kind, report, articles, pending_files):
        from ..readers import read_paths

        from ..readers import ReadOptions
        from ..readers.walk import iter_inputs

        # a folder is walked as ingest walks it: the formats' registry says which files are read;
        # the others are reported once (and again when they change), with the reason
        notes: list[str] = []
        paths = (
            [Path(source)]
            if kind == "file"
            else [Path(p) for p in iter_inputs([source], ReadOptions(note=notes.append)) if isinstance(p, str)]
        )
        for note in notes:
            self._skipped_file(note, report, pending_files)
        todo = []
        for p in paths:
            stat = p.stat()
            sig = [stat.st_mtime_ns, stat.st_size]
            if self.state.files.get(str(p)) == sig:
                report.unchanged += 1
                continue
            todo.append(str(p))
            pending_files[str(p)] = sig
        for a in read_paths(todo, published=self.options.published):
            if isinstance(a, InputError):
                report.errors.append(str(a))
            else:
                report.fetched += 1
                articles.append(a)

    def _skipped_file(self, note: str, report: CycleReport, pending_files) -> None:
        """A file the folder walk left out ("skipped PATH: why"): reported when it is new or changed."""
        m = re.match(r"skipped (.+?): (.*)$", note)
        if m is None:  # not about a file ("folder has no files")
            return
        path, why = m.groups()
        try:
            stat = Path(path).stat()
        except OSError:
            report.skipped.append(f"{path}: {why}")
            return
        sig = [stat.st_mtime_ns, stat.st_size, "skipped"]
        if self.state.files.get(path) != sig:
            report.skipped.append(f"{path}: {why}")
            pending_files[path] = sig

    def _export(self, report: CycleReport, started: dt.datetime) -> None:
        from ..export import gdelt_event_rows, gdelt_mention_rows
        from ..query.pages import undated_count
        from ..store import Store
        from ..store.watch import mark_pending, record_cycle

        with Store(self.db) as store, store.session() as conn:
            mark_pending(conn)
            f = Filters(waiting_for_update=True)
            events = list(gdelt_event_rows(conn, f))
            mentions = list(gdelt_mention_rows(conn, f))
            report.new_events = len(events)
            report.undated = undated_count(conn, f)
            if events or mentions:  # a cycle with nothing new writes no (empty) update files
                files = write_update(self.out, report.stamp, events, mentions, self.options.base_url)
                report.files = [p.name for p in files]
            record_cycle(
                conn,
                report.stamp,
                started,
                self.now(),
                report.fetched,
                report.stored,
                report.new_events,
                len(report.errors),
            )

    # ---- the loop --------------------------------------------------------------------------
    def run(self, cycles: int | None = None) -> list[CycleReport]:
        """Run cycles every `options.every` seconds until `cycles` are done or stop is set. A
        cycle that fails is logged and the next one runs: one bad input never stops the watch."""
        done: list[CycleReport] = []
        while not self.stop.is_set() and (cycles is None or len(done) < cycles):
            t = time.monotonic()
            try:
                done.append(self.cycle())
            except Exception as exc:
                self.log(f"cycle failed, the next one runs as planned: {type(exc).__name__}: {exc}")
                done.append(CycleReport(stamp="failed", errors=[f"{type(exc).__name__}: {exc}"]))
            if cycles is not None and len(done) >= cycles:
                break
            self.stop.wait(max(0.0, self.options.every - (time.monotonic() - t)))
        return done
