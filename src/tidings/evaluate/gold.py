"""Gold data: load every supported gold format into one shape, and validate it.

Formats (detected by file name and keys):

* sentence JSONL (``gold/sentences.jsonl``): ``{"id", "text", "published", "events": [...]}``,
  each event ``{"code", "source", "target", "status", "source_text", "target_text"}``;
* article JSONL (``gold/articles.jsonl``): ``{"id", "text", "published", "events_required",
  "events_acceptable", "events_forbidden_as_asserted", "quotes", "dates", "actors"}``;
* PETRARCH validation XML (``<Sentence date= id=>`` with ``<EventCoding>`` and ``<Text>``);
* sentence TSV (``text<TAB>label``), the label a pentacode 0-4 or a CAMEO code.

Everything becomes a :class:`GoldDoc`; the scoring functions in
:mod:`tidings.evaluate.scoring` only ever see GoldDocs and contract dicts.
"""

from __future__ import annotations

import csv
import html
import json
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..records.errors import DataFileError

if TYPE_CHECKING:
    from typing_extensions import TypeIs

__all__ = [
    "ANY",
    "GoldEvent",
    "GoldDoc",
    "GoldSet",
    "load_gold",
    "load_paths",
    "validate_gold",
    "load_codebook",
    "find_codebook",
    "actor_key",
    "root_of",
    "penta_of",
    "PENTA",
    "GoldError",
    "phenomena",
]

STATUSES = ("asserted", "negated", "hypothetical", "future")

# CAMEO pentacode of each root (docs/contract.md): 0 statement/appeal, 1 verbal cooperation,
# 2 material cooperation, 3 verbal conflict, 4 material conflict.
PENTA = {
    "01": 0,
    "02": 0,
    "03": 1,
    "04": 1,
    "05": 1,
    "06": 2,
    "07": 2,
    "08": 2,
    "09": 3,
    "10": 3,
    "11": 3,
    "12": 3,
    "13": 3,
    "14": 4,
    "15": 4,
    "16": 3,
    "17": 4,
    "18": 4,
    "19": 4,
    "20": 4,
}

# Codes of the same organisation spelled differently by CAMEO's manual, the Phoenix
# dictionaries and coders; scoring compares organisations by whole code after this mapping.
# The canonical code (the value) is the one tidings gives: the CAMEO 1.1b3 manual's table
# where it lists the organisation, since story-level scoring compares the block after the
# IGO/NGO prefix (IGOIMF and IGOBUSIMF would compare as IMF and BUS).
IGO_ALIASES = {
    "NATO": "IGOWSTNAT",
    "NAT": "IGOWSTNAT",
    "IGONAT": "IGOWSTNAT",
    "UNO": "IGOUNO",
    "UN": "IGOUNO",
    "EU": "IGOEUREEC",
    "IGOEEC": "IGOEUREEC",
    "IGOEUR": "IGOEUREEC",
    "AU": "IGOAFRAFU",
    "IGOAFRAU": "IGOAFRAFU",
    "IGOAFU": "IGOAFRAFU",
    "ASEAN": "IGOASN",
    "IGOSEAASN": "IGOASN",
    "IGOMEAARL": "IGOARL",
    "IGOARBARL": "IGOARL",
    "ECOWAS": "IGOWAS",
    "IGOWAFWAS": "IGOWAS",
    "IGOWAFBUSWAS": "IGOWAS",
    "IGOAMROAS": "IGOOAS",
    "OAS": "IGOOAS",
    "IAEA": "IGOUNOIAE",
    "IGOIAE": "IGOUNOIAE",
    "WHO": "IGOUNOHLHWHO",
    "IGOUNOWHO": "IGOUNOHLHWHO",
    "IMF": "IGOIMF",
    "IGOBUSIMF": "IGOIMF",
    "ICC": "IGOICC",
    "IGOJUDICC": "IGOICC",
    "IGOMEAGCC": "IGOGCC",
    "IGOPGSGCC": "IGOGCC",
    "IGOBUSWTO": "IGOWTO",
    "IGOBUSOPC": "IGOOPC",
    "IGOMOSOIC": "IGOOIC",
    "IGOBUSGOS": "IGOGOS",
    "IGOEURSCE": "IGOSCE",
    "IGOEURCOE": "IGOCOE",
    "IGOCASCIS": "IGOCIS",
    "IGOSAFDEVSAD": "IGOSAD",
    "IGOEAFDEVIAD": "IGOIAD",
    "IGOCAFECA": "IGOECA",
    "NGOHRIHRW": "NGOHRW",
    "NGOHLHMSF": "NGOMSF",
    "NGOHLHRCR": "NGORCR",
    "NGOIRC": "NGOHLHIRC",
    "NGOCRC": "NGOHLHIRC",
    "NGOAMN": "NGOHRIAMN",
    "IMGMOSALQ": "IMGMUSALQ",
}
ORG_PREFIXES = ("IGO", "NGO", "MNC", "IMG")  # IMG: international militarised groups (IMGMUSISI)


class _Any:
    """Gold field left open: anything matches."""

    def __repr__(self) -> str:
        return "ANY"

    def __bool__(self) -> bool:
        return False


ANY = _Any()


def is_any(value: object) -> TypeIs[_Any]:
    """Whether a gold field is ANY (left open)."""
    return value is ANY


class GoldError(DataFileError):
    """A gold file that cannot be read (the message names the file and, where known, the line)."""


def root_of(code: str | None) -> str | None:
    if not code:
        return None
    code = str(code)
    return code[:2].zfill(2) if len(code) >= 2 else code.zfill(2)


def penta_of(code: str | None) -> int | None:
    r = root_of(code)
    return PENTA.get(r) if r else None


def actor_key(code: str | None) -> str | None:
    """The unit actors are scored by: the country (first three letters of a CAMEO actor code),
    or for an international, non-governmental, multinational organisation or an international
    militarised group (IMG) its whole code."""
    if not code:
        return None
    code = str(code).strip().upper()
    if code in IGO_ALIASES:
        return IGO_ALIASES[code]
    if code.startswith(ORG_PREFIXES):
        return IGO_ALIASES.get(code, code)
    return code[:3]


def _as_tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


@dataclass(frozen=True)
class GoldEvent:
    """One event a careful human coder takes from the text.

    `codes` are acceptable CAMEO codes (a two-digit root accepts every code under it);
    `sources`/`targets` are acceptable actor codes, ``ANY`` when left open, and for the
    target ``(None,)`` when the event has no target.
    """

    codes: tuple[str, ...]
    sources: tuple | _Any = ANY
    targets: tuple | _Any = ANY
    status: str = "asserted"
    source_text: str | None = None
    target_text: str | None = None
    date: str | None = None
    why: str = ""

    @property
    def code(self) -> str:
        return self.codes[0]

    @property
    def roots(self) -> tuple[str, ...]:
        # root_of gives None only for an empty code, which validate_gold reports (not in the codebook)
        return tuple(dict.fromkeys(root_of(c) for c in self.codes))  # type: ignore[misc]

    @property
    def source(self):
        return ANY if self.sources is ANY else self.sources[0]

    @property
    def target(self):
        return ANY if self.targets is ANY else self.targets[0]

    def label(self) -> str:
        def show(x):
            if x is ANY:
                return "*"
            return "|".join("-" if c is None else str(c) for c in x)

        return f"{'|'.join(self.codes)} {show(self.sources)}->{show(self.targets)}"


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    published: str | None
    kind: str  # sentence | article | petrarch | tsv
    required: tuple[GoldEvent, ...] = ()
    acceptable: tuple[GoldEvent, ...] = ()
    forbidden: tuple[GoldEvent, ...] = ()  # must never be predicted as asserted
    nonasserted: tuple[GoldEvent, ...] = ()  # events in the text that did not happen (yet)
    penta: int | None | _Any = ANY  # sentence-level pentacode of the main event; None = no event
    quotes: tuple[dict, ...] = ()
    dates: tuple[dict, ...] = ()
    actors: tuple[dict, ...] = ()
    note: str = ""
    origin: str = ""  # file:line
    title: str | None = None


@dataclass
class GoldSet:
    docs: list[GoldDoc] = field(default_factory=list)
    verb_dictionaries: tuple[str, ...] = ()
    actor_dictionaries: tuple[str, ...] = ()
    name: str = ""


# --- the project's JSONL formats -------------------------------------------------------


def _event(raw: dict, open_target: bool, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: an event must be an object")
    codes = _as_tuple(raw.get("code")) or _as_tuple(raw.get("root"))
    if not codes:
        raise GoldError(f"{where}: event has no code")
    codes = tuple(str(c) for c in codes)
    sources: tuple[Any, ...] | _Any
    targets: tuple[Any, ...] | _Any
    if "source" in raw:
        sources = _as_tuple(raw["source"]) or (None,)
    else:
        sources = ANY
    if "target" in raw:
        targets = _as_tuple(raw["target"]) or (None,)
    else:
        targets = ANY if open_target else (None,)
    status = raw.get("status") or "asserted"
    if status not in STATUSES:
        raise GoldError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    return GoldEvent(
        codes=codes,
        sources=sources,
        targets=targets,
        status=status,
        source_text=raw.get("source_text"),
        target_text=raw.get("target_text"),
        date=raw.get("date"),
        why=raw.get("why") or raw.get("note") or "",
    )


def _main_penta(events: Iterable[GoldEvent]) -> int | None:
    for e in events:
        return penta_of(e.code)
    return None


def sentence_doc(raw: dict, where: str = "") -> GoldDoc:
    events = [_event(e, open_target=False, where=f"{where} event {i}") for i, e in enumerate(raw.get("events") or [])]
    asserted = tuple(e for e in events if e.status == "asserted")
    other = tuple(e for e in events if e.status != "asserted")
    return GoldDoc(
        id=str(raw["id"]),
        text=raw["text"],
        published=raw.get("published"),
        kind="sentence",
        required=asserted,
        nonasserted=other,
        forbidden=other,
        acceptable=tuple(_event(e, True, f"{where} acceptable {i}") for i, e in enumerate(raw.get("acceptable") or [])),
        penta=_main_penta(asserted),
        note=raw.get("note") or "",
        origin=where,
    )


def article_doc(raw: dict, where: str = "") -> GoldDoc:
    def evs(key, status=None):
        out = []
        for i, e in enumerate(raw.get(key) or []):
            ev = _event(e, open_target=True, where=f"{where} {key} {i}")
            out.append(ev)
        return tuple(out)

    forbidden = evs("events_forbidden_as_asserted")
    return GoldDoc(
        id=str(raw["id"]),
        text=raw["text"],
        published=raw.get("published"),
        kind="article",
        required=evs("events_required"),
        acceptable=evs("events_acceptable"),
        forbidden=forbidden,
        nonasserted=tuple(e for e in forbidden if e.status != "asserted"),
        quotes=tuple(raw.get("quotes") or ()),
        dates=tuple(raw.get("dates") or ()),
        actors=tuple(raw.get("actors") or ()),
        note=raw.get("note") or "",
        origin=where,
        title=raw.get("title"),
    )


def _load_jsonl(path: Path) -> list[GoldDoc]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            where = f"{path.name}:{n}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not JSON: {exc}") from None
            if "events_required" in raw or "events_acceptable" in raw or "quotes" in raw:
                docs.append(article_doc(raw, where))
            elif "events" in raw:
                docs.append(sentence_doc(raw, where))
            elif "label" in raw or "penta" in raw:
                docs.append(
                    _tsv_doc(
                        raw.get("id") or f"{path.stem}-{n}", raw["text"], str(raw.get("label", raw.get("penta"))), where
                    )
                )
            else:
                raise GoldError(
                    f"{where}: neither sentence gold (events) nor article gold "
                    "(events_required) nor labelled text (label)"
                )
    return docs


# --- sentence TSV ------------------------------------------------------------------------


def _label_penta(label: str) -> int | None:
    label = label.strip()
    if label.lower() in ("", "none", "-", "null"):
        return None
    if label.isdigit() and len(label) == 1 and int(label) in range(5):
        return int(label)
    p = penta_of(label)
    if p is None:
        raise GoldError(f"label {label!r} is neither a pentacode 0-4 nor a CAMEO code")
    return p


def _tsv_doc(id_: str, text: str, label: str, where: str) -> GoldDoc:
    try:
        penta = _label_penta(label)
    except GoldError as exc:
        raise GoldError(f"{where}: {exc}") from None
    return GoldDoc(id=str(id_), text=text, published=None, kind="tsv", penta=penta, origin=where)


def _load_tsv(path: Path) -> list[GoldDoc]:
    docs = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not any(c.strip() for c in row):
                continue
            if n == 1 and [c.strip().lower() for c in row[:2]] in (["text", "label"], ["sentence", "label"]):
                continue
            if len(row) < 2:
                raise GoldError(f"{path.name}:{n}: expected text<TAB>label")
            text, label = row[0], row[1]
            if text.strip().isdigit() and not label.strip().isdigit():  # label first
                text, label = label, text
            docs.append(_tsv_doc(f"{path.stem}-{n}", text, label, f"{path.name}:{n}"))
    return docs


# --- PETRARCH validation XML -------------------------------------------------------------

_SENT = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S | re.I)
_ATTR = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.I)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _env_files(env: str, tag: str) -> list[str]:
    out = []
    for m in re.finditer(rf"<{tag}\b([^>]*)>(?:(.*?)</{tag}>)?", env, re.S | re.I):
        attrs = dict(_ATTR.findall(m.group(1)))
        name = (attrs.get("name") or m.group(2) or "").strip()
        if name:
            out.append(name)
    return out


def _petrarch_date(value: str) -> str | None:
    value = (value or "").strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None


def load_petrarch(path: Path, dict_dirs: Iterable[Path] = ()) -> GoldSet:
    """PETRARCH validation records: every <Sentence> with its <EventCoding>s, up to a <Stop>
    record, keeping the categories <Include> names and dropping those <Exclude> names.

    Dictionaries named in <Environment> (Verbfile, Actorfile, Agentfile) are looked for
    beside the file and in `dict_dirs`; those found are returned for coding with."""
    raw = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    env = re.search(r"<Environment>(.*?)</Environment>", raw, re.S | re.I)
    verbs: list[str] = []
    actors: list[str] = []
    if env:
        dirs = [path.parent, *map(Path, dict_dirs)]
        for tag, sink in (("Verbfile", verbs), ("Actorfile", actors), ("Agentfile", actors)):
            for name in _env_files(env.group(1), tag):
                for d in dirs:
                    cand = d / name
                    if cand.is_file():
                        sink.append(str(cand))
                        break
    include = exclude = set()
    if env:
        inc = re.search(r"<Include>(.*?)</Include>", env.group(1), re.S | re.I)
        exc = re.search(r"<Exclude>(.*?)</Exclude>", env.group(1), re.S | re.I)
        include = set(inc.group(1).split()) if inc else set()
        exclude = set(exc.group(1).split()) if exc else set()
    stop = re.search(r"<Stop\s*/?>", raw[env.end() if env else 0 :], re.I)
    if stop:  # PETRARCH stops reading at the <Stop> record
        raw = raw[: (env.end() if env else 0) + stop.start()]
    docs: list[GoldDoc] = []
    for m in _SENT.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        category = attrs.get("category", "")
        if category and ((include and category not in include) or category in exclude):
            continue
        body = m.group(2)
        tm = _TEXT.search(body)
        if not tm:
            continue
        text = " ".join(html.unescape(tm.group(1)).split())
        sid = attrs.get("id") or f"{path.stem}-{len(docs) + 1}"
        events = []
        for cm in _CODING.finditer(body):
            ca = {k.lower(): v for k, v in _ATTR.findall(cm.group(1))}
            if ca.get("noevents", "").lower() == "true" or not ca.get("eventcode"):
                continue
            src, tgt = ca.get("sourcecode") or None, ca.get("targetcode") or None
            events.append(
                GoldEvent(
                    codes=(ca["eventcode"],), sources=(src,) if src else (None,), targets=(tgt,) if tgt else (None,)
                )
            )
        docs.append(
            GoldDoc(
                id=sid,
                text=text,
                published=_petrarch_date(attrs.get("date", "")),
                kind="petrarch",
                required=tuple(events),
                penta=_main_penta(events),
                note=attrs.get("category", ""),
                origin=f"{path.name}#{sid}",
            )
        )
    return GoldSet(docs=docs, verb_dictionaries=tuple(verbs), actor_dictionaries=tuple(actors), name=path.name)


# --- entry points ------------------------------------------------------------------------


def load_gold(path: str | Path, dict_dirs: Iterable[Path] = ()) -> GoldSet:
    """One gold file, its format detected from its name and content."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xml", ".txt") and "<Sentence" in path.read_text(encoding="utf-8", errors="replace")[:200000]:
        return load_petrarch(path, dict_dirs)
    if suffix in (".tsv", ".tab"):
        return GoldSet(docs=_load_tsv(path), name=path.name)
    if suffix in (".jsonl", ".json", ".ndjson"):
        return GoldSet(docs=_load_jsonl(path), name=path.name)
    raise GoldError(f"{path}: unknown gold format (expected .jsonl, .tsv or PETRARCH .xml)")


def load_paths(paths: Iterable[str | Path], dict_dirs: Iterable[Path] = ()) -> list[GoldSet]:
    """Gold files and folders (a folder: every .jsonl, .tsv and .xml in it, sorted, except
    the adjudication record, adjudication.tsv)."""
    out: list[GoldSet] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(
                f
                for f in p.iterdir()
                if f.suffix.lower() in (".jsonl", ".tsv", ".xml") and f.is_file() and f.name != "adjudication.tsv"
            )
            out.extend(load_gold(f, dict_dirs) for f in files)
        else:
            out.append(load_gold(p, dict_dirs))
    return out


# --- validation --------------------------------------------------------------------------

_CODEBOOK_CANDIDATES = ("data/codebook.tsv", "data/cameo/codebook.tsv", "data/events/codebook.tsv")


def find_codebook() -> Path | None:
    """The project's own codebook (written by the events stage), if it exists."""
    pkg = Path(__file__).resolve().parent.parent
    for rel in _CODEBOOK_CANDIDATES:
        p = pkg / rel
        if p.is_file():
            return p
    return None


def load_codebook(path: str | Path | None = None) -> set[str]:
    """Every CAMEO code of a codebook TSV (first column, digits only)."""
    path = Path(path) if path else find_codebook()
    if path is None:
        raise GoldError("no codebook found: give one")
    codes = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cell = line.split("\t", 1)[0].strip()
        if cell.isdigit():
            codes.add(cell)
    return codes


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


_ACTOR_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def validate_gold(docs: Iterable[GoldDoc], codes: set[str]) -> list[str]:
    """Problems in the gold: unknown codes, duplicate ids, spans not in the text, bad
    dates and actor codes. An empty list means the gold is sound."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for d in docs:
        where = d.origin or d.id
        if d.id in seen:
            problems.append(f"{where}: id {d.id!r} already used at {seen[d.id]}")
        seen[d.id] = where
        if not d.text or not d.text.strip():
            problems.append(f"{where}: empty text")
        if d.published is not None and not _is_date(str(d.published)[:10]):
            problems.append(f"{where}: published {d.published!r} is not YYYY-MM-DD")
        if d.kind in ("sentence", "article") and not d.published:
            problems.append(f"{where}: no published date")
        for group in (d.required, d.acceptable, d.forbidden):
            for e in group:
                for c in e.codes:
                    if c not in codes:
                        problems.append(f"{where}: code {c!r} is not in the codebook")
                for side in (e.sources, e.targets):
                    if is_any(side):
                        continue
                    for a in side:
                        if a is not None and not _ACTOR_CODE.match(str(a)) and str(a) not in IGO_ALIASES:
                            problems.append(f"{where}: actor code {a!r} is not a CAMEO actor code")
                for span in (e.source_text, e.target_text):
                    if span and span not in d.text:
                        problems.append(f"{where}: span {span!r} is not in the text")
                if e.date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e.date):
                    problems.append(f"{where}: event date {e.date!r} is not ISO")
        if d.kind == "sentence":
            for e in d.required + d.nonasserted:
                if not is_any(e.sources) and e.sources[0] is not None and not e.source_text:
                    problems.append(f"{where}: event {e.label()} has no source_text")
        for q in d.quotes:
            if q.get("kind") not in ("direct", "indirect"):
                problems.append(f"{where}: quote kind {q.get('kind')!r}")
            for key in ("text_contains", "speaker"):
                if q.get(key) and q[key] not in d.text:
                    problems.append(f"{where}: quote {key} {q[key]!r} is not in the text")
        for t in d.dates:
            # operator.contains is `in`: a date without text is a TypeError, as it always was
            if not operator.contains(d.text, t.get("text")):
                problems.append(f"{where}: date text {t.get('text')!r} is not in the text")
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(t.get("value"))):
                problems.append(f"{where}: date value {t.get('value')!r} is not ISO")
        for a in d.actors:
            if not operator.contains(d.text, a.get("text")):
                problems.append(f"{where}: actor text {a.get('text')!r} is not in the text")
            for c in _as_tuple(a.get("code")):
                if not _ACTOR_CODE.match(str(c)) and str(c) not in IGO_ALIASES:
                    problems.append(f"{where}: actor code {c!r} is not a CAMEO actor code")
    return problems


_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ld|ght|ept|ot)\b(?!\s+(?:to|that)\b)"
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'/-]{2,}(?:,\s+\w+\.?\s+\d{1,2})?\s*(?:\([A-Za-z]+\))?\s+-\s")
_SPEECH = re.compile(r"\b(?:said|says|told|according to|announced|reported|warned|insisted|wrote)\b")


def phenomena(doc: GoldDoc) -> tuple[str, ...]:
    """Tags for the sentence-gold phenomena a document shows (derived from its text and
    annotation), so figures can be broken down by them."""
    tags = []
    events = doc.required + doc.nonasserted
    if not events:
        tags.append("no event")
    for status in ("negated", "hypothetical", "future"):
        if any(e.status == status for e in events):
            tags.append(status)
    codes = [e.code for e in events]
    if len(codes) != len(set(codes)):
        tags.append("coordination")
    if _PASSIVE.search(doc.text):
        tags.append("passive")
    if _SPEECH.search(doc.text):
        tags.append("reported speech")
    if '"' in doc.text or "\u201c" in doc.text:
        tags.append("direct quote")
    if _DATELINE.match(doc.text):
        tags.append("dateline")
    if any(not is_any(e.sources) and None in e.sources for e in events):
        tags.append("no source")
    return tuple(tags)


def iter_docs(sets: Iterable[GoldSet]) -> Iterator[GoldDoc]:
    for s in sets:
        yield from s.docs
