"""`tidings watch SOURCES... [--every 15m] [--db FILE] [--out DIR]`"""

from __future__ import annotations

import re
import signal

import click

from .dbopt import db_option
from .options import published_option


def _every(ctx, param, value):
    """--every as seconds (a usage error naming the option when it cannot be read, or is 0)."""
    seconds = parse_every(value)
    if seconds <= 0:
        raise click.BadParameter(f"{value!r}: the time between cycles must be more than 0")
    return seconds


def parse_every(value: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*", str(value))
    if not m:
        raise click.BadParameter(f"{value!r}: use a number of seconds or e.g. 30s, 15m, 1h")
    return float(m.group(1)) * {"s": 1, "m": 60, "h": 3600, None: 1}[m.group(2)]


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True, callback=_every, help="Time between cycles: 30s, 15m, 1h.")
@click.option(
    "--out",
    "out_dir",
    default="updates",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the GDELT-style update files and the watch state.",
)
@click.option(
    "--cycles",
    type=click.IntRange(min=1),
    default=None,
    help="Stop after this many cycles (default: run until stopped).",
)
@click.option("--base-url", default="", help="URL prefix written in lastupdate.txt and masterfilelist.txt.")
@click.option(
    "--rate",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between two requests to one host.",
)
@click.option(
    "--timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds before a request times out.",
)
@published_option
def command(sources, db, every, out_dir, cycles, base_url, rate, timeout, published):
    """Poll feeds (RSS/Atom URLs), URL lists (files of URLs) and folders on a schedule.

    New items are fetched, coded and stored; items already seen (same URL and content) are
    skipped; a page that changed is stored as a new version. Each cycle writes its new
    events as YYYYMMDDHHMMSS.export.CSV.zip and .mentions.CSV.zip with lastupdate.txt and
    masterfilelist.txt; a cycle with no new events writes no files. Each cycle prints a
    summary on standard error, with what it skipped and why (a file of no supported format,
    an article not in English, a URL waiting to be tried again) and its errors. SIGTERM or
    Ctrl-C ends the current cycle early and cleanly; running the same command again resumes.
    """
    from ..store import default_db_path
    from ..watch import FetchOptions, Watcher, WatchOptions

    try:
        w = Watcher(
            list(sources),
            db or default_db_path(),
            WatchOptions(
                every=every,
                out_dir=out_dir,
                base_url=base_url,
                published=published,
                fetch=FetchOptions(per_host_interval=rate, timeout=timeout),
            ),
            log=lambda s: click.echo(s, err=True),
        )
    except ValueError as exc:
        raise click.ClickException(str(exc))

    def stop(signum, frame):
        click.echo("stopping after the current cycle...", err=True)
        w.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    w.run(cycles)
