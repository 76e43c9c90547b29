"""The actor network of `tidings.query.network` written as GEXF 1.3 (Gephi) or GraphML."""

from __future__ import annotations

import html
import os

import pandas as pd

__all__ = ["write_gexf", "write_graphml", "write_network"]


def _nodes(edges: pd.DataFrame) -> list[tuple[str, str, int]]:
    labels: dict[str, str] = {}
    degree: dict[str, int] = {}
    for row in edges.itertuples(index=False):
        for node, name in (
            (row.source, getattr(row, "source_name", None)),
            (row.target, getattr(row, "target_name", None)),
        ):
            labels.setdefault(node, name if isinstance(name, str) and name else node)
            degree[node] = degree.get(node, 0) + int(row.weight)
    return [(n, labels[n], degree[n]) for n in sorted(labels)]


def _escaped(v: object) -> str:
    return html.escape(str(v), quote=True)


def write_gexf(edges: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """GEXF 1.3 (Gephi): nodes with label and event count, directed edges with weight,
    mean Goldstein and quad-class counts."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        "  <meta><creator>tidings</creator><description>actor network</description></meta>",
        '  <graph mode="static" defaultedgetype="directed">',
        '    <attributes class="node"><attribute id="0" title="events" type="integer"/></attributes>',
        '    <attributes class="edge">',
        '      <attribute id="0" title="goldstein_mean" type="double"/>',
        '      <attribute id="1" title="q1" type="integer"/><attribute id="2" title="q2" type="integer"/>',
        '      <attribute id="3" title="q3" type="integer"/><attribute id="4" title="q4" type="integer"/>',
        "    </attributes>",
        "    <nodes>",
    ]
    for node, label, deg in _nodes(edges):
        lines.append(
            f'      <node id="{_escaped(node)}" label="{_escaped(label)}"><attvalues>'
            f'<attvalue for="0" value="{deg}"/></attvalues></node>'
        )
    lines.append("    </nodes>")
    lines.append("    <edges>")
    for i, r in enumerate(edges.itertuples(index=False)):
        lines.append(
            f'      <edge id="{i}" source="{_escaped(r.source)}" target="{_escaped(r.target)}" weight="{int(r.weight)}">'
            f'<attvalues><attvalue for="0" value="{float(r.goldstein_mean):.4f}"/>'
            f'<attvalue for="1" value="{int(r.q1)}"/><attvalue for="2" value="{int(r.q2)}"/>'
            f'<attvalue for="3" value="{int(r.q3)}"/><attvalue for="4" value="{int(r.q4)}"/>'
            "</attvalues></edge>"
        )
    lines += ["    </edges>", "  </graph>", "</gexf>"]
    _write_text(path, "\n".join(lines) + "\n")


def write_graphml(edges: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """GraphML: nodes with label and event count, directed edges with weight, mean Goldstein
    and quad-class counts."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
        '  <key id="events" for="node" attr.name="events" attr.type="int"/>',
        '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
        '  <key id="goldstein_mean" for="edge" attr.name="goldstein_mean" attr.type="double"/>',
    ]
    for q in range(1, 5):
        lines.append(f'  <key id="q{q}" for="edge" attr.name="q{q}" attr.type="int"/>')
    lines.append('  <graph id="actors" edgedefault="directed">')
    for node, label, deg in _nodes(edges):
        lines.append(
            f'    <node id="{_escaped(node)}"><data key="label">{_escaped(label)}</data><data key="events">{deg}</data></node>'
        )
    for i, r in enumerate(edges.itertuples(index=False)):
        lines.append(
            f'    <edge id="e{i}" source="{_escaped(r.source)}" target="{_escaped(r.target)}">'
            f'<data key="weight">{int(r.weight)}</data>'
            f'<data key="goldstein_mean">{float(r.goldstein_mean):.4f}</data>'
            + "".join(f'<data key="q{q}">{int(getattr(r, f"q{q}"))}</data>' for q in range(1, 5))
            + "</edge>"
        )
    lines += ["  </graph>", "</graphml>"]
    _write_text(path, "\n".join(lines) + "\n")


def write_network(edges: pd.DataFrame, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    fmt = fmt or ("gexf" if str(path).endswith(".gexf") else "graphml")
    if fmt == "gexf":
        write_gexf(edges, path)
    elif fmt == "graphml":
        write_graphml(edges, path)
    else:
        raise ValueError("network format must be gexf or graphml")


def _write_text(path: str | os.PathLike[str], text: str) -> None:
    import sys

    if str(path) == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
