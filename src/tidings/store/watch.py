"""What `tidings watch` keeps in the database (tables of migration 0005_watch_tables): which
events have gone out in an update file (watch_exports) and each cycle (watch_cycles). An event
stored by a cycle that died before its update file was written goes out in the next one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = ["ensure_baseline", "mark_pending", "record_cycle"]


def ensure_baseline(conn: duckdb.DuckDBPyConnection) -> None:
    """The first time a database is watched, the events already in it are the baseline:
    they are marked as gone out, so only what watching adds appears in update files."""
    for table in ("watch_cycles", "watch_exports"):
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        if row and row[0]:
            return
    conn.execute("INSERT INTO watch_exports SELECT id, 'baseline' FROM events ON CONFLICT DO NOTHING")


def mark_pending(conn: duckdb.DuckDBPyConnection) -> None:
    """The events no update file has carried yet, in this session's temporary table
    watch_pending (read by `Filters(waiting_for_update=True)`)."""
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE watch_pending AS "
        "SELECT id AS event_id FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM watch_exports x WHERE x.event_id = e.id)"
    )


def record_cycle(
    conn: duckdb.DuckDBPyConnection,
    stamp: str,
    started: dt.datetime,
    ended: dt.datetime,
    fetched: int,
    stored: int,
    new_events: int,
    errors: int,
) -> None:
    """The pending events have gone out in the update file `stamp`; the cycle is recorded."""
    conn.execute("BEGIN")
    conn.execute("INSERT INTO watch_exports SELECT event_id, ? FROM watch_pending ON CONFLICT DO NOTHING", [stamp])
    conn.execute(
        "INSERT INTO watch_cycles VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [stamp, started, ended, fetched, stored, new_events, errors],
    )
    conn.execute("COMMIT")
