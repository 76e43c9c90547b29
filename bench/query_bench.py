"""Query bench: one million synthetic events in a temporary store, then the time of
(1) a monthly dyad time series and (2) a filtered event page with keyset pagination.

    .venv/bin/python bench/query_bench.py [--events 1000000] [--db PATH] [--keep]

Target: under one second each. The data are generated inside DuckDB (a few seconds), with
realistic skew: 40 countries, a handful of big ones, 20 roots, five years of dates, one
mention and evidence sentence per event, 200,000 articles.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from tidings import query  # noqa: E402
from tidings.store import Store, open_reader  # noqa: E402

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "PSE", "SYR", "TUR", "IND", "PAK",
             "AFG", "IRQ", "SAU", "EGY", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ZAF", "ETH", "SDN", "LBY",
             "YEM", "POL", "BLR", "MDA", "GEO", "ARM", "AZE", "KAZ", "VEN", "COL", "CAN", "AUS"]
ROLES = ["", "GOV", "MIL", "OPP", "COP", "REB", "MED", "BUS"]


def generate(db: str, n: int) -> float:
    t0 = time.perf_counter()
    with Store(db) as store, store.session() as conn:
        conn.execute("CREATE TEMP TABLE c AS SELECT unnest(?::VARCHAR[]) AS code, "
                     "generate_subscripts(?::VARCHAR[], 1) AS i", [COUNTRIES, COUNTRIES])
        conn.execute("CREATE TEMP TABLE r AS SELECT unnest(?::VARCHAR[]) AS role, "
                     "generate_subscripts(?::VARCHAR[], 1) AS i", [ROLES, ROLES])
        # skewed picks: squaring a uniform number favours the first (big) countries
        conn.execute(f"""
            INSERT INTO events
            WITH g AS (
                SELECT i,
                       1 + floor(power(random(), 2.2) * {len(COUNTRIES)})::INT AS si,
                       1 + floor(power(random(), 2.2) * {len(COUNTRIES)})::INT AS ti,
                       1 + floor(random() * {len(ROLES)})::INT AS sr,
                       1 + floor(random() * {len(ROLES)})::INT AS tr,
                       1 + floor(power(random(), 1.5) * 20)::INT AS root_i,
                       floor(random() * 10)::INT AS sub,
                       DATE '2018-01-01' + floor(random() * 1826)::INT AS d
                FROM range({n}) t(i))
            SELECT 'e' || g.i::VARCHAR, g.i, 's' || (g.i // 3)::VARCHAR, g.d, NULL,
                   lpad(g.root_i::VARCHAR, 2, '0') || g.sub::VARCHAR, lpad(g.root_i::VARCHAR, 2, '0') || g.sub::VARCHAR,
                   lpad(g.root_i::VARCHAR, 2, '0'),
                   CASE WHEN g.root_i <= 5 THEN 1 WHEN g.root_i <= 8 THEN 2 WHEN g.root_i <= 14 THEN 3 ELSE 4 END,
                   CASE WHEN g.root_i <= 2 THEN 0 WHEN g.root_i <= 5 THEN 1 WHEN g.root_i <= 8 THEN 2
                        WHEN g.root_i <= 13 OR g.root_i = 16 THEN 3 ELSE 4 END,
                   round(10 - g.root_i, 1), NULL, NULL,
                   sc.code || sr.role, sc.code, sc.code, tc.code || tr.role, tc.code, tc.code,
                   CASE WHEN g.i % 10 = 0 THEN 'negated' WHEN g.i % 10 = 1 THEN 'hypothetical' ELSE 'asserted' END,
                   'trig', NULL, NULL, NULL, NULL, 0.8, 'bench', 'a' || (g.i % 200000)::VARCHAR, g.i % 12,
                   1 + g.i % 3, 1 + g.i % 3, 1 + g.i % 2
            FROM g JOIN c sc ON sc.i = g.si JOIN c tc ON tc.i = g.ti
                   JOIN r sr ON sr.i = g.sr JOIN r tr ON tr.i = g.tr""")
        conn.execute("""
            INSERT INTO mentions
            SELECT id, first_article_id, id, first_sentence,
                   'Synthetic evidence sentence for event ' || id || ' between ' || source_code || ' and ' || target_code || '.',
                   0, 80, 'trig', 10, 14, source_code, 0, 6, target_code, 20, 26, status, NULL, NULL, NULL, 0.8, 'bench'
            FROM events""")
        conn.execute(f"""
            INSERT INTO articles (id, content_hash, version, story_id, title, outlet, published, published_date, url,
                                  language, text, n_events, n_quotes, ingested_at)
            SELECT 'a' || i::VARCHAR, 'h' || i::VARCHAR, 1, 's' || i::VARCHAR, 'Synthetic article ' || i::VARCHAR,
                   'outlet' || (i % 50)::VARCHAR, '2020-01-01', DATE '2020-01-01',
                   'https://example.org/' || i::VARCHAR, 'en', 'text', 5, 0, TIMESTAMP '2020-01-01'
            FROM range(200000) t(i)""")
        conn.execute("CHECKPOINT")
    return time.perf_counter() - t0


def timed(fn, repeat: int = 5) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times[0], statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=None, help="Database path (default: a temporary file).")
    ap.add_argument("--keep", action="store_true", help="Keep the database.")
    args = ap.parse_args()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = os.path.join(tmp.name, "bench.duckdb")
    if not os.path.exists(db):
        gen = generate(db, args.events)
        print(f"generated {args.events:,} events, {args.events:,} mentions, 200,000 articles in {gen:.1f}s")
    conn = open_reader(db)
    n = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    size = os.path.getsize(db) / 1e6
    print(f"database: {db} ({size:.0f} MB, {n:,} events)")

    first, med, df = timed(lambda: query.dyad_series(conn, source="RUS", target="USA", freq="month"))
    ok1 = med < 1.0
    print(f"monthly dyad time series RUS->USA: {len(df)} months, {int(df.events.sum()):,} events; "
          f"first {first * 1000:.0f} ms, median {med * 1000:.0f} ms  [{'ok' if ok1 else 'SLOW'}]")

    flt = dict(actor="RUS", roots=["14", "15", "17", "18", "19", "20"], start="2019-01-01", end="2021-12-31")
    first, med, (page, cursor) = timed(lambda: query.event_page(conn, limit=50, **flt))
    first2, med2, (page2, _) = timed(lambda: query.event_page(conn, limit=50, after=cursor, **flt))
    ok2 = max(med, med2) < 1.0
    print(f"filtered event page (actor RUS, material conflict roots, 2019-2021, 50 rows + evidence): "
          f"first {first * 1000:.0f} ms, median {med * 1000:.0f} ms; next page (keyset) first "
          f"{first2 * 1000:.0f} ms, median {med2 * 1000:.0f} ms  [{'ok' if ok2 else 'SLOW'}]")
    assert len(page) == 50 and len(page2) == 50 and not set(page.id) & set(page2.id)

    first, med, (page3, _) = timed(lambda: query.event_page(conn, limit=50, text="between RUSGOV and UKR"), repeat=3)
    print(f"text search page ('between RUSGOV and UKR' in 1,000,000 evidence sentences, 50 rows): "
          f"first {first * 1000:.0f} ms, median {med * 1000:.0f} ms")
    first, med, df = timed(lambda: query.events(conn, source="USA", target="RUS", one_a_day=True, limit=1000))
    print(f"one-a-day events USA->RUS (1000 rows): first {first * 1000:.0f} ms, median {med * 1000:.0f} ms")
    first, med, df = timed(lambda: query.network(conn, by="country", min_count=100))
    print(f"country network ({len(df)} edges): first {first * 1000:.0f} ms, median {med * 1000:.0f} ms")
    conn.close()
    if tmp and not args.keep:
        tmp.cleanup()
    elif tmp:
        print(f"kept {db}")
    return 0 if ok1 and ok2 else 1


if __name__ == "__main__":
    sys.exit(main())
