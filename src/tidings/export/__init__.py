"""Exports of the stored events in the formats people already use: gdelt, gdelt-mentions,
phoenix, icews, plover, csv and parquet, each registered in export.registry with a one-line
summary (`tidings export --help` and docs/cli.md list them from there).

    from tidings.export import export
    n = export("events.duckdb", "gdelt", "events.tsv", start="2021-12-01", actor="RUS")

Filters are those of tidings.query (status defaults to "asserted": negated, hypothetical
and future events are not events in GDELT's sense). No spaCy here.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from typing import Any, Callable, Iterator, TextIO

from ..query import Filters, as_filters, connection
from ..query.rows import event_rows, events_with_sources, mention_rows
from .codes import code_name, country_name, fips, plover_of, sectors, split_actor
from .registry import Destination, ExportFormat, format_names, get_format, register

__all__ = [
    "export",
    "FORMATS",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "PHOENIX_COLUMNS",
    "ICEWS_COLUMNS",
    "gdelt_event_rows",
    "gdelt_mention_rows",
]

GDELT_EVENT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor1{c}"
        for c in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    *(
        f"Actor2{c}"
        for c in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{g}_{c}"
        for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
)
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)
PHOENIX_COLUMNS = (
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
)
ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)
CSV_COLUMNS = (
    "id",
    "num_id",
    "date",
    "code",
    "root",
    "quad_class",
    "penta_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "source_code",
    "source_country",
    "source_name",
    "target_code",
    "target_country",
    "target_name",
    "status",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "n_mentions",
    "n_articles",
    "n_sources",
    "story_id",
    "article_id",
    "sentence",
    "trigger",
    "title",
    "outlet",
    "url",
    "published",
    "agency",
    "byline",
    "reported_by_code",
    "reported_by_name",
)


def _flat(text: str) -> str:
    """A text on one line of a tab-separated file: each tab, carriage return and newline a space."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _cell(v) -> str:
    """A cell: None -> "", tabs and newlines flattened."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        return f"{v:g}" if abs(v) >= 1e-4 or v == 0 else f"{v:.6f}"
    return _flat(str(v))


def _stamp(published: str | None, date) -> str:
    """YYYYMMDDHHMMSS from an ISO timestamp (or the event date at midnight)."""
    if published and len(published) >= 10:
        digits = "".join(ch for ch in published[:19] if ch.isdigit())
        return (digits + "000000")[:14]
    return date.strftime("%Y%m%d") + "000000" if date else ""


def _geo_block(name, iso3, lat, lon, *, country_level: bool) -> list[str]:
    f = fips(iso3)
    if not name and not f and lat is None:
        return ["0", "", "", "", "", "", "", ""]
    if country_level or not name:
        cname = country_name(iso3) or name or ""
        return ["1", _cell(cname), f, f, "", _cell(lat), _cell(lon), f]
    geo_type = "3" if iso3 == "USA" else "4"
    cname = country_name(iso3)
    full = f"{name}, {cname}" if cname and cname != name else name
    return [geo_type, _cell(full), f, f, "", _cell(lat), _cell(lon), ""]


def _actor_block(code, name, country) -> list[str]:
    if not code and not name:
        return [""] * 10
    p = split_actor(code, country)
    types = list(p.types) + ["", "", ""]
    return [
        _cell(code),
        _cell(name).upper(),
        _cell(p.country or country),
        p.known_group,
        "",
        p.religion1,
        p.religion2,
        types[0],
        types[1],
        types[2],
    ]


def gdelt_event_rows(conn, filters: Filters) -> Iterator[list[str]]:
    for r in event_rows(conn, filters, dated_only=True):
        d = r["date"]
        frac = d.year + ((d.month - 1) * 30 + d.day) / 365  # GDELT: (days into the year, months of 30) / 365
        place_country_level = bool(r["place_name"]) and r["place_name"] == country_name(r["place_country"])
        row = [
            str(r["num_id"]),
            d.strftime("%Y%m%d"),
            d.strftime("%Y%m"),
            str(d.year),
            f"{frac:.4f}",
            *_actor_block(r["source_code"], r["source_name"], r["source_country"]),
            *_actor_block(r["target_code"], r["target_name"], r["target_country"]),
            "1" if (r["first_sentence"] or 0) == 0 else "0",
            r["code"],
            r["base_code"] or r["code"][:3],
            r["root"] or r["code"][:2],
            str(r["quad_class"]),
            _cell(float(r["goldstein"] or 0.0)),
            str(r["n_mentions"] or 0),
            str(r["n_sources"] or 0),
            str(r["n_articles"] or 0),
            "0",
            *_geo_block(None, r["source_country"], None, None, country_level=True),
            *_geo_block(None, r["target_country"], None, None, country_level=True),
            *_geo_block(r["place_name"], r["place_country"], r["lat"], r["lon"], country_level=place_country_level),
            _stamp(r["published"], d),
            _cell(r["url"] or f"tidings:article:{r['first_article_id']}"),
        ]
        yield row


def gdelt_mention_rows(conn, filters: Filters) -> Iterator[list[str]]:
    for r in mention_rows(conn, filters):
        conf = int(round((r["confidence"] if r["confidence"] is not None else 1.0) * 100))
        conf = min(100, max(10, conf))
        source = r["outlet"] or _domain(r["url"]) or r["agency"] or "tidings"
        yield [
            str(r["num_id"]),
            _stamp(r["event_published"], r["date"]),
            _stamp(r["published"], r["date"]),
            "1",
            _cell(source),
            _cell(r["url"] or f"tidings:article:{r['article_id']}"),
            str((r["sentence"] or 0) + 1),
            str(r["source_start"] if r["source_start"] is not None else -1),
            str(r["target_start"] if r["target_start"] is not None else -1),
            str(r["trigger_start"] if r["trigger_start"] is not None else -1),
            "1",
            str(conf),
            str(r["doc_len"] or 0),
            "0",
            "",
            "",
        ]


def _domain(url: str | None) -> str:
    if not url or "://" not in url:
        return ""
    host = url.split("://", 1)[1].split("/", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _phoenix_actor(code, country) -> list[str]:
    """Full code; Entity (the country, or IGO/NGO/IMG/MNC); Role (GOV, MIL, ...); Attribute (the
    rest), as Phoenix fills them (USAGOV: Entity USA, Role GOV). The Entity is the code's own
    country or organisation type, else the actor's country as the event gives it: a code without
    its country ("GOV", "COP") still has one when it is known."""
    if not code:
        return ["", "", "", ""]
    p = split_actor(code, country)
    entity = p.country or next((t for t in p.types if t in ("IGO", "NGO", "IMG", "MNC")), "") or (country or "")
    role = next((t for t in p.types if t not in ("IGO", "NGO", "IMG", "MNC")), "")
    rest = [t for t in p.types if t not in (entity, role)] + list(p.attributes)
    rest += [x for x in (p.known_group, p.religion1, p.religion2) if x]
    return [code, entity, role, ";".join(rest)]


def phoenix_rows(conn, filters: Filters) -> Iterator[list[str]]:
    for r in events_with_sources(conn, filters):
        d = r["date"]
        yield [
            r["id"],
            d.strftime("%Y%m%d"),
            str(d.year),
            f"{d.month:02d}",
            f"{d.day:02d}",
            *_phoenix_actor(r["source_code"], r["source_country"]),
            *_phoenix_actor(r["target_code"], r["target_country"]),
            r["code"],
            r["root"],
            str(r["penta_class"]),
            _cell(float(r["goldstein"] or 0.0)),
            "",
            _cell(r["lat"]),
            _cell(r["lon"]),
            _cell(r["place_name"]),
            "",
            _cell(r["place_country"]),
            f"{r['article_id']}-{(r['first_sentence'] or 0) + 1}",
            _cell(r["urls"]),
            _cell(r["sources"]),
        ]


def icews_rows(conn, filters: Filters) -> Iterator[list[str]]:
    for r in event_rows(conn, filters):
        place_country = country_name(r["place_country"]) or _cell(r["place_country"])
        city = r["place_name"] if r["place_name"] and r["place_name"] != place_country else ""
        yield [
            str(r["num_id"]),
            r["date"].isoformat() if r["date"] else "",
            _cell(r["source_name"] or r["source_code"]),
            sectors(r["source_code"], r["source_country"]),
            country_name(r["source_country"]) or _cell(r["source_country"]),
            code_name(r["code"]),
            r["code"],
            _cell(float(r["goldstein"] or 0.0)),
            _cell(r["target_name"] or r["target_code"]),
            sectors(r["target_code"], r["target_country"]),
            country_name(r["target_country"]) or _cell(r["target_country"]),
            _cell(r["story_id"]),
            str((r["sentence_no"] if r["sentence_no"] is not None else r["first_sentence"] or 0) + 1),
            _cell(r["outlet"] or r["agency"]),
            _cell(city),
            "",
            "",
            place_country if r["place_country"] else "",
            _cell(r["lat"]),
            _cell(r["lon"]),
        ]


def plover_records(conn, filters: Filters) -> Iterator[dict]:
    for r in event_rows(conn, filters):

        def actor(side, r=r):
            if not r[f"{side}_code"] and not r[f"{side}_name"]:
                return []
            return [{"code": r[f"{side}_code"], "name": r[f"{side}_name"], "country": r[f"{side}_country"]}]

        plover_event, plover_mode = r["plover_event"], r["plover_mode"]
        if not plover_event:  # coded without one: the codebook's mapping of the CAMEO code
            plover_event, plover_mode = plover_of(r["code"])
        rec = {
            "id": r["id"],
            "date": r["date"].isoformat() if r["date"] else None,
            "actor": actor("source"),
            "recipient": actor("target"),
            "event": [plover_event] if plover_event else [],
            "mode": [plover_mode] if plover_mode else [],
            "context": [],
            "quad_code": r["quad_class"],
            "event_scale": r["goldstein"],
            "event_loc": (
                {"name": r["place_name"], "country": r["place_country"], "lat": r["lat"], "lon": r["lon"]}
                if r["place_name"] or r["place_country"]
                else None
            ),
            "event_text": [r["trigger"]] if r["trigger"] else [],
            "text": r["sentence"],
            "cite_info": {
                "article_id": r["first_article_id"],
                "story_id": r["story_id"],
                "url": r["url"],
                "outlet": r["outlet"],
                "agency": r["agency"],
                "byline": r["byline"],
                "title": r["title"],
                "published": r["published"],
                "reported_by": (
                    {"code": r["reported_by_code"], "name": r["reported_by_name"]}
                    if r["reported_by_code"] or r["reported_by_name"]
                    else None
                ),
            },
            "coder": "tidings",
            "cameo": {"code": r["code"], "root": r["root"], "status": r["status"]},
            "mentions": r["n_mentions"],
            "articles": r["n_articles"],
            "sources": r["n_sources"],
        }
        yield rec


def _csv_rows(conn, filters: Filters) -> Iterator[list]:
    for r in event_rows(conn, filters):
        r["article_id"] = r["first_article_id"]
        yield [r.get(c) for c in CSV_COLUMNS]


def _frame(conn, filters: Filters):
    import pandas as pd

    return pd.DataFrame(list(_csv_rows(conn, filters)), columns=list(CSV_COLUMNS))


@contextlib.contextmanager
def _open_out(out):
    if out is None or str(out) == "-":
        yield sys.stdout
    elif hasattr(out, "write"):
        yield out
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


def export(
    db=None,
    fmt: str = "gdelt",
    out=None,
    *,
    filters: Filters | None = None,
    partition: str = "date",
    overwrite: bool = False,
    **kw,
) -> int:
    """Write the events (matching the filters) in `fmt` (a name in export.registry) to `out`
    (a path, a file object, or None/"-" for standard output; a directory for parquet, which
    must be new or empty unless overwrite=True replaces an earlier parquet export there).
    Returns the number of rows."""
    chosen = get_format(fmt)
    f = as_filters(filters, kw)
    with connection(db) as conn:
        if chosen.to_directory:
            if out is None or str(out) == "-":
                raise ValueError(f"{fmt} export needs an output directory (-o DIR)")
            return chosen.write(conn, f, Destination(path=str(out), partition=partition, overwrite=overwrite))
        with _open_out(out) as fh:
            return chosen.write(conn, f, Destination(stream=fh))


def _stream(dest: Destination) -> TextIO:
    """The stream of a format that writes one file (set by export for every such format)."""
    if dest.stream is None:
        raise ValueError("this format writes a stream, and the destination has none")
    return dest.stream


def _path(dest: Destination) -> str:
    """The directory of a format that writes a directory (set by export for every such format)."""
    if dest.path is None:
        raise ValueError("this format writes a directory, and the destination has none")
    return dest.path


def _tab_writer(rows: Callable[[Any, Filters], Iterator[list[str]]], header: tuple[str, ...] | None = None):
    """A writer of tab-separated rows (with `header` as the first line when given). Every cell
    is flattened here, whatever the row builder gave: a tab or a line break inside a text of
    the store never splits a row."""

    def write(conn, filters: Filters, dest: Destination) -> int:
        stream = _stream(dest)
        if header:
            stream.write("\t".join(header) + "\n")
        n = 0
        for row in rows(conn, filters):
            stream.write("\t".join(_flat(cell) for cell in row) + "\n")
            n += 1
        return n

    return write


def _write_plover(conn, filters: Filters, dest: Destination) -> int:
    stream = _stream(dest)
    n = 0
    for rec in plover_records(conn, filters):
        stream.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _write_csv(conn, filters: Filters, dest: Destination) -> int:
    w = csv.writer(_stream(dest))
    w.writerow(CSV_COLUMNS)
    n = 0
    for row in _csv_rows(conn, filters):
        w.writerow(["" if v is None else v for v in row])
        n += 1
    return n


def _write_parquet_dir(conn, filters: Filters, dest: Destination) -> int:
    path = _path(dest)
    _prepare_dir(path, dest.overwrite)
    return _write_parquet(_frame(conn, filters), path, dest.partition)


for _fmt in (
    ExportFormat(
        "gdelt",
        "GDELT 2.0 Events: 61 tab-separated columns, no header (dated events only)",
        _tab_writer(gdelt_event_rows),
        dated_only=True,
        has_status=False,
    ),
    ExportFormat(
        "gdelt-mentions",
        "GDELT 2.0 Mentions: 16 tab-separated columns, no header (dated events only)",
        _tab_writer(gdelt_mention_rows),
        dated_only=True,
        has_status=False,
    ),
    ExportFormat(
        "phoenix",
        "Phoenix: 26 tab-separated columns, no header (dated events only)",
        _tab_writer(phoenix_rows),
        dated_only=True,
        has_status=False,
    ),
    ExportFormat(
        "icews",
        "ICEWS-like: 20 tab-separated columns with the ICEWS header",
        _tab_writer(icews_rows, ICEWS_COLUMNS),
        has_status=False,
    ),
    ExportFormat("plover", "PLOVER JSON lines", _write_plover),
    ExportFormat("csv", "one row per event with its evidence sentence (header)", _write_csv),
    ExportFormat(
        "parquet",
        "a directory of Parquet files partitioned by date (hive style: event_date=YYYY-MM-DD)",
        _write_parquet_dir,
        to_directory=True,
    ),
):
    register(_fmt)
FORMATS = format_names()  # the built-in formats (export.registry holds every registered one)


def _prepare_dir(out: str, overwrite: bool) -> None:
    """A parquet export goes to a new or empty directory; overwrite=True clears an earlier
    export (only partition folders of ours are removed, anything else is refused)."""
    import shutil

    if not os.path.isdir(out) or not os.listdir(out):
        return
    entries = os.listdir(out)
    ours = all(
        os.path.isdir(os.path.join(out, e)) and e.split("=", 1)[0] in ("event_date", "month", "year") for e in entries
    )
    if not overwrite:
        raise ValueError(
            f"{out} is not empty: choose a new directory, or pass --overwrite to replace "
            "an earlier parquet export there"
        )
    if not ours:
        raise ValueError(f"{out} holds files that are not a tidings parquet export; not overwriting it")
    for e in entries:
        shutil.rmtree(os.path.join(out, e))


def _write_parquet(df, out, partition: str) -> int:
    import pyarrow as pa
    import pyarrow.dataset as ds

    df = df.copy()
    if partition not in ("date", "month", "year"):
        raise ValueError("partition must be date, month or year")
    dates = df["date"].map(lambda d: d.isoformat() if d is not None else "unknown")
    key = {"date": dates, "month": dates.str[:7], "year": dates.str[:4]}[partition]
    part_col = partition if partition != "date" else "event_date"
    df[part_col] = key
    table = pa.Table.from_pandas(df, preserve_index=False)
    os.makedirs(out, exist_ok=True)
    ds.write_dataset(
        table,
        out,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([(part_col, pa.string())]), flavor="hive"),
        existing_data_behavior="delete_matching",
        basename_template="part-{i}.parquet",
    )
    return len(df)
