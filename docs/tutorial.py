"""Tutorial: from news articles to a dyad time series and a chart, with the tidings library.

Run it from the root of the checkout (after `make demo` or `make test` made .venv):

    .venv/bin/python docs/tutorial.py                 # writes tutorial-out/dyad.html
    .venv/bin/python docs/tutorial.py OUT_DIR         # somewhere else
    .venv/bin/python docs/tutorial.py OUT_DIR --db events.duckdb --source RUS --target UKR

Without --db it codes the bundled example articles into OUT_DIR/tutorial.duckdb (a minute
at most); with --db it uses your own database and codes nothing. Open dyad.html in a
browser: it needs no network (plotly.js is written into the file). tests/test_docs.py runs
this script.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd


def build_database(db: Path) -> None:
    """Step 1: code the bundled examples and store them (idempotent: a second run skips them)."""
    from importlib import resources

    from tidings.run.ingest import ingest
    from tidings.readers import example_paths  # the files under src/tidings/data/examples

    demo = resources.files("tidings") / "data" / "demo"  # three copies of one wire story
    paths = [str(p) for p in example_paths()] + sorted(str(p) for p in demo.iterdir() if p.name.endswith(".txt"))
    report = ingest(paths, db)
    print(report.summary())


def busiest_pair(db: Path) -> tuple[str, str]:
    """Step 2: the country pair with the most events (every status), from the actor network."""
    from tidings import query

    edges = query.network(db, by="country", status="all")  # a DataFrame, one row per directed edge
    print("busiest country pairs:")
    print(edges.head(5)[["source", "target", "weight", "goldstein_mean", "q1", "q2", "q3", "q4"]].to_string(index=False))
    if edges.empty:
        raise SystemExit("no events between two countries in this database")
    top = edges.iloc[0]
    return top["source"], top["target"]


def dyad(db: Path, source: str, target: str, freq: str = "month") -> pd.DataFrame:
    """Step 3: the dyad time series: events per period and quad class, Goldstein sum and mean.

    Both directions (directed=False) and every status: in a small corpus we want to see
    threats and denials too. For real work keep the default status ("asserted") so that
    "did not attack" is not counted as an attack."""
    from tidings import query

    return query.dyad_series(db, source=source, target=target, freq=freq, directed=False, status="all")


def actor_series(db: Path, actor: str, freq: str = "month") -> pd.DataFrame:
    """Everything one country did or had done to it, per period (actor as source OR target)."""
    from tidings import query

    return query.dyad_series(db, actor=actor, freq=freq, status="all")


def plot(pair: tuple[str, str], series: pd.DataFrame, context: dict[str, pd.DataFrame], out: Path) -> Path:
    """Step 4: a chart with plotly, written as one self-contained HTML file."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from tidings.query import QUAD_NAMES

    fig = make_subplots(rows=2, cols=1, shared_xaxes=False, vertical_spacing=0.15,
                        subplot_titles=(f"{pair[0]} <-> {pair[1]}: events per month by quad class",
                                        "Goldstein mean per month, each country with anyone"))
    colours = {1: "#4c9a2a", 2: "#1f6f8b", 3: "#e09f3e", 4: "#b23a48"}
    for q in (1, 2, 3, 4):
        fig.add_trace(go.Bar(x=series["period"], y=series[f"q{q}"], name=f"{q} {QUAD_NAMES[q]}",
                             marker_color=colours[q]), row=1, col=1)
    for name, df in context.items():
        fig.add_trace(go.Scatter(x=df["period"], y=df["goldstein_mean"], mode="lines+markers", name=name),
                      row=2, col=1)
    fig.update_layout(barmode="stack", title="tidings tutorial: a dyad time series from the bundled examples",
                      height=700)
    path = out / "dyad.html"
    fig.write_html(path, include_plotlyjs=True)  # no CDN: the file works offline
    return path


def main(argv: list[str] | None = None) -> Path:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default="tutorial-out", help="output folder")
    ap.add_argument("--db", default=None, help="use this database instead of coding the examples")
    ap.add_argument("--source", default=None, help="one side of the dyad (default: the busiest pair)")
    ap.add_argument("--target", default=None, help="the other side")
    args = ap.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = Path(args.db) if args.db else out / "tutorial.duckdb"
    if not args.db:
        build_database(db)
    pair = (args.source, args.target) if args.source and args.target else busiest_pair(db)

    series = dyad(db, *pair)
    print(f"\ndyad {pair[0]} <-> {pair[1]}:")
    print(series.to_string(index=False))
    context = {c: actor_series(db, c) for c in pair}
    path = plot(pair, series, context, out)
    print(f"\nchart written to {path}")
    return path


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
