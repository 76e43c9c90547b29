"""The actor lexicon: gazetteer entries (countries, regions, metonyms, organisations, people,
roles) loaded from the TSV files in tidings/data/actors/, with a validator.

Every entry knows where it came from (`source`, e.g. "people.tsv:putin_vladimir"), so a coded
actor can always say why it got its code. User dictionaries in the PETRARCH/TABARI format are
read by `tidings.actors.petrarch` into the same `Entry` type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..records.errors import DataFileError

__all__ = ["Entry", "Period", "Lexicon", "DataError", "load_default_lexicon", "validate_data", "plural", "data_dir"]

# kinds of entry
COUNTRY, DEMONYM, CAPITAL, METONYM, REGION, REGION_ADJ, ORG, PERSON, ROLE, ACTOR, STOP = (
    "country",
    "demonym",
    "capital",
    "metonym",
    "region",
    "region_adj",
    "org",
    "person",
    "role",
    "actor",
    "stop",
)
UNIT, UNIT_ADJ = "unit", "unit_adj"  # a sub-national unit ("Johor", "Bavaria") and its adjective ("Bavarian")
LOCATOR_KINDS = {COUNTRY, DEMONYM, CAPITAL, METONYM, REGION, REGION_ADJ, ORG, UNIT, UNIT_ADJ}
UNIT_TYPES = {
    "state",
    "province",
    "region",
    "territory",
    "governorate",
    "oblast",
    "republic",
    "krai",
    "autonomous_community",
    "land",
    "prefecture",
    "county",
    "district",
    "department",
    "municipality",
    "city",
    "island_group",
    "constituent_country",
}
ROLE_CODES = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "REB",
    "INS",
    "SEP",
    "OPP",
    "SPY",
    "UAF",
    "BUS",
    "CRM",
    "CVL",
    "DEV",
    "EDU",
    "ELI",
    "ENV",
    "HLH",
    "HRI",
    "LAB",
    "MED",
    "REF",
    "AGR",
    "MOD",
    "RAD",
    "PTY",
    "REL",
    "NGO",
    "IGO",
    "IMG",
    "MUS",
    "CHR",
    "JEW",
    "HIN",
    "BUD",
    "PPL",
}
_CODE_RE = re.compile(r"^[A-Z0-9]{3}([A-Z0-9]{3})*$")


class DataError(DataFileError):
    """A malformed line in an actor data file: names the file and the line."""

    def __init__(self, path: str, line: int, problem: str):
        super().__init__(problem, path, line)


@dataclass(frozen=True, slots=True)
class Period:
    """A role held over [start, end): None means open on that side."""

    start: dt.date | None
    end: dt.date | None
    code: str
    office: str = ""
    source: str = ""

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def label(self) -> str:
        a = self.start.isoformat() if self.start else ""
        b = self.end.isoformat() if self.end else ""
        return f"{a}..{b}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of the lexicon and what it means."""

    kind: str  # country | demonym | capital | metonym | region | region_adj | unit | unit_adj | org | person | role | actor
    phrase: str  # as written in the data (for `rule` and messages)
    code: str | None  # full code (country "RUS", metonym "RUSGOV", org "IGOWSTNAT"); role: the role code
    name: str  # canonical name ("Russia", "Vladimir Putin", "NATO"); role: the phrase
    key: str  # identity ("RUS", "putin_vladimir", "IGOWSTNAT:NATO")
    source: str  # "countries.tsv:RUS", "people.tsv:putin_vladimir", "Phoenix.agents.txt:812"
    country: str | None = None  # the country part, when there is one
    role_kind: str = ""  # roles: title | person | group | body
    office: str = ""  # roles and people: normalised office
    plural: bool = False
    periods: tuple[Period, ...] = ()  # people and dated PETRARCH actors
    exact: bool = False  # match case-sensitively (short all-capital aliases like "US", "IS")
    proper: bool = True  # the first token must be capitalised in the text

    def at(self, day: dt.date | None) -> tuple[str | None, str, Period | None]:
        """(code, office, period) at this date; None date means the most recent role."""
        if not self.periods:
            return self.code, self.office, None
        if day is None:
            # the most recent role: the open-ended one, or the one that started last
            best = max(self.periods, key=lambda p: (p.end is None, p.start or dt.date.min))
            return best.code, best.office, best
        for p in sorted(self.periods, key=lambda p: p.start or dt.date.min, reverse=True):
            if p.covers(day):
                return p.code, p.office, p
        return self.code, "", None


def _noun_demonym(word: str) -> bool:
    """A demonym that is also a noun with a regular plural ("Kenyan", "Iraqi", "Briton",
    "Dane", "Serb", "Czech", "Frenchman"), as opposed to an adjective ("British", "Chinese",
    "Swiss", "French", "Icelandic") or a word that is already plural ("Frenchmen")."""
    if " " in word or not word[-1:].isalpha():
        return False
    return not word.endswith(("ish", "ese", "ss", "sh", "s", "x", "z", "nch", "tch", "ic", "men"))


def plural(phrase: str) -> str:
    """A regular English plural of a phrase's last word (spokesman -> spokesmen, army -> armies)."""
    words = phrase.split(" ")
    w = words[-1]
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("person"):
        w = w[:-6] + "people"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        w = w + "es"
    else:
        w = w + "s"
    return " ".join(words[:-1] + [w])


def _is_exact(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and letters.isupper() and len(letters) <= 5 and " " not in alias


@dataclass
class Lexicon:
    """All entries, indexed by phrase, plus indexes for people and offices."""

    entries: list[Entry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)  # ISO 3166 alpha-3 -> CAMEO country code

    def gender(self, name: str) -> str:
        """'m', 'f' or '' from a person's name (full name first, then the given name)."""
        low = name.lower()
        if low in self.genders:
            return self.genders[low]
        first = low.replace(".", "").split(" ")[0] if low else ""
        return self.genders.get(first, "")

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def extend(self, entries: Iterable[Entry]) -> None:
        self.entries.extend(entries)

    def people_by_office(self) -> dict[tuple[str, str], list[tuple[Period, Entry]]]:
        """(country, office) -> [(period, person entry)] for "his US counterpart"."""
        out: dict[tuple[str, str], list[tuple[Period, Entry]]] = {}
        seen = set()
        for e in self.entries:
            if e.kind != PERSON or (e.key, e.periods) in seen:
                continue
            seen.add((e.key, e.periods))
            for p in e.periods:
                if p.office and p.code:
                    owner = p.code if p.code[:3] in ("IGO", "NGO", "IMG") else p.code[:3]
                    out.setdefault((owner, p.office), []).append((p, e))
        return out


def data_dir() -> Path:
    return Path(str(resources.files("tidings") / "data" / "actors"))


def _rows(path: Path, ncols: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows (line number, cells) of a TSV file: comments and the header skipped."""
    header_seen = False
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                header_seen = True
                continue
            if len(cells) < ncols:
                cells += [""] * (ncols - len(cells))
            if len(cells) != ncols:
                raise DataError(path.name, no, f"expected {ncols} tab-separated columns, got {len(cells)}")
            yield no, [c.strip() for c in cells]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _check_code(code: str, path: Path, no: int) -> str:
    if not _CODE_RE.match(code):
        raise DataError(path.name, no, f"bad CAMEO code {code!r} (three-letter blocks of A-Z/0-9)")
    return code


def _date(cell: str, path: Path, no: int) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise DataError(path.name, no, f"bad date {cell!r} (want YYYY-MM-DD)") from None


def load_countries(path: Path) -> Iterator[Entry]:
    for no, (code, iso3, name, aliases, adjs, capitals, status) in _rows(path, 7):
        _check_code(code, path, no)
        if len(code) != 3:
            raise DataError(path.name, no, f"country code {code!r} must have three letters")
        src = f"{path.name}:{code}"
        for a in [name] + _split(aliases):
            yield Entry(COUNTRY, a, code, name, code, src, country=code, exact=_is_exact(a), proper=a[:1].isupper())
        for a in _split(adjs):
            forms = [a]
            if _noun_demonym(a):
                forms.append(a[:-3] + "men" if a.endswith(("chman", "shman", "sman")) else a + "s")
            for f in forms:
                yield Entry(DEMONYM, f, code, name, code, src, country=code, plural=f is not a, proper=True)
        for a in _split(capitals):
            yield Entry(
                CAPITAL,
                a,
                code + "GOV",
                name,
                code + "GOV",
                f"{path.name}:{code} capital",
                country=code,
                proper=a[:1].isupper(),
            )


def load_regions(path: Path) -> Iterator[Entry]:
    for no, (code, name, aliases, adjs) in _rows(path, 4):
        _check_code(code, path, no)
        src = f"{path.name}:{code}"
        for a in [name] + _split(aliases):
            yield Entry(REGION, a, code, name, code, src, exact=_is_exact(a), proper=a[:1].isupper())
        for a in _split(adjs):
            yield Entry(REGION_ADJ, a, code, name, code, src, proper=True)


def load_subnational(path: Path) -> Iterator[Entry]:
    """First-level sub-national units: the unit's names (kind unit) and adjectives (unit_adj), each
    carrying its country. A name listed under two countries ("Punjab") gives one entry per country;
    the resolver decides between them from the text."""
    seen: dict[str, str] = {}  # (country, phrase) -> unit, so one country does not list a name twice
    for no, (country, unit, aliases, adjs, kind) in _rows(path, 5):
        _check_code(country, path, no)
        if len(country) != 3:
            raise DataError(path.name, no, f"country code {country!r} must have three letters")
        if not unit:
            raise DataError(path.name, no, "empty unit name")
        if kind not in UNIT_TYPES:
            raise DataError(path.name, no, f"unknown unit type {kind!r} ({', '.join(sorted(UNIT_TYPES))})")
        src = f"{path.name}:{country}:{unit}"
        key = f"{country}:{unit}"
        for a in [unit] + _split(aliases):
            k = f"{country}:{a.lower()}"
            if k in seen and seen[k] != unit:
                raise DataError(path.name, no, f"{a!r} is already a name of {seen[k]!r} in {country}")
            seen[k] = unit
            if not a[:1].isupper():
                raise DataError(path.name, no, f"unit name {a!r} must start with a capital letter")
            yield Entry(UNIT, a, country, unit, key, src, country=country, office=kind, exact=_is_exact(a), proper=True)
        for a in _split(adjs):
            forms = [a]
            if a.endswith("an") and " " not in a:
                forms.append(a + "s")  # "Texans", "Bavarians"
            for f in forms:
                yield Entry(
                    UNIT_ADJ, f, country, unit, key, src, country=country, office=kind, plural=f is not a, proper=True
                )


def load_metonyms(path: Path) -> Iterator[Entry]:
    for no, (phrase, code, note) in _rows(path, 3):
        _check_code(code, path, no)
        yield Entry(
            METONYM,
            phrase,
            code,
            phrase,
            f"{code}:{phrase.lower()}",
            f"{path.name}:{phrase}",
            country=code[:3] if not code.startswith(("IGO", "NGO", "IMG")) else None,
            exact=_is_exact(phrase),
            proper=phrase[:1].isupper(),
        )


def load_orgs(path: Path) -> Iterator[Entry]:
    for no, (code, name, aliases, kind) in _rows(path, 4):
        _check_code(code, path, no)
        if kind not in ("igo", "ngo", "armed", "media", "party", "mnc"):
            raise DataError(path.name, no, f"unknown organisation kind {kind!r}")
        country = None if code[:3] in ("IGO", "NGO", "IMG", "MNC", "INT") else code[:3]
        src = f"{path.name}:{name}"
        for a in [name] + _split(aliases):
            yield Entry(
                ORG,
                a,
                code,
                name,
                f"{code}:{name}",
                src,
                country=country,
                exact=_is_exact(a),
                proper=not a[:1].islower(),
                office=kind,
                plural=a.lower().endswith(
                    (
                        "houthis",
                        "huthis",
                        "taliban",
                        "peacekeepers",
                        "helmets",
                        "militants",
                        "rebels",
                        "fighters",
                        "forces",
                    )
                ),
            )


def load_roles(path: Path) -> Iterator[Entry]:
    for no, (phrase, role, kind, office) in _rows(path, 4):
        if role == "-":
            role = ""  # no role of its own: the phrase keeps its locator's code ("Taliban members")
        elif not _CODE_RE.match(role):
            raise DataError(path.name, no, f"bad role code {role!r} (a CAMEO role code or - for none)")
        if kind not in ("title", "person", "group", "body"):
            raise DataError(path.name, no, f"unknown role kind {kind!r} (title, person, group, body)")
        if phrase != phrase.lower():
            raise DataError(path.name, no, f"role phrase {phrase!r} must be lower-case")
        office = "" if office == "-" else office
        src = f"{path.name}:{phrase}"
        pl = kind == "group" and phrase.endswith("s")
        yield Entry(
            ROLE, phrase, role, phrase, f"role:{phrase}", src, role_kind=kind, office=office, plural=pl, proper=False
        )
        if (
            not phrase.endswith(
                ("s", "people", "men", "police", "media", "intelligence", "military", "artillery", "personnel", "staff")
            )
            and kind != "group"
            or phrase
            in (
                "troop",
                "force",
                "drone",
                "jet",
                "tank",
                "warship",
                "warplane",
                "fighter jet",
                "marine",
                "household",
                "family",
                "crew",
                "contingent",
                "population",
                "paramilitary",
            )
        ):
            p = plural(phrase)
            if p != phrase:
                yield Entry(
                    ROLE,
                    p,
                    role,
                    phrase,
                    f"role:{phrase}",
                    src,
                    role_kind=kind,
                    office=office,
                    plural=True,
                    proper=False,
                )


def load_people(path: Path) -> Iterator[Entry]:
    """People: rows sharing a key are merged into one entry per alias, with all periods."""
    people: dict[str, dict] = {}
    for no, (key, name, aliases, country, code, start, end, office) in _rows(path, 8):
        if not re.match(r"^[a-z0-9_]+$", key):
            raise DataError(path.name, no, f"bad person key {key!r} (lower-case letters, digits, _)")
        _check_code(code, path, no)
        if not country or len(country) != 3:
            raise DataError(path.name, no, f"person {key!r} needs a three-letter country")
        a, b = _date(start, path, no), _date(end, path, no)
        if a and b and b <= a:
            raise DataError(path.name, no, f"period ends ({end}) before it starts ({start})")
        p = people.setdefault(key, {"name": "", "aliases": [], "country": country, "periods": [], "line": no})
        if name:
            if p["name"] and p["name"] != name:
                raise DataError(path.name, no, f"person {key!r} has two names: {p['name']!r}, {name!r}")
            p["name"] = name
        p["aliases"] += _split(aliases)
        label = f"{a.isoformat() if a else ''}..{b.isoformat() if b else ''}"
        p["periods"].append(Period(a, b, code, office, f"{path.name}:{key} {label}"))
    for key, p in people.items():
        if not p["name"]:
            raise DataError(path.name, p["line"], f"person {key!r} has no name on any row")
        periods = tuple(p["periods"])
        seen = set()
        for alias in [p["name"]] + p["aliases"]:
            if alias in seen:
                continue
            seen.add(alias)
            yield Entry(
                PERSON,
                alias,
                p["country"],
                p["name"],
                key,
                f"{path.name}:{key}",
                country=p["country"],
                periods=periods,
                exact=_is_exact(alias),
                proper=alias[:1].isupper(),
            )


def load_stop(path: Path) -> Iterator[Entry]:
    for no, (phrase, note) in _rows(path, 2):
        if not phrase:
            raise DataError(path.name, no, "empty phrase")
        yield Entry(STOP, phrase, None, phrase, f"stop:{phrase.lower()}", f"{path.name}:{phrase}", proper=False)


def load_names(path: Path) -> dict[str, str]:
    """Given name (or full name) -> gender 'm'/'f'."""
    out = {}
    for no, (name, gender) in _rows(path, 2):
        if gender not in ("m", "f"):
            raise DataError(path.name, no, f"gender must be m or f, not {gender!r}")
        out[name.lower()] = gender
    return out


LOADERS = {
    "stop.tsv": load_stop,
    "countries.tsv": load_countries,
    "regions.tsv": load_regions,
    "subnational.tsv": load_subnational,
    "metonyms.tsv": load_metonyms,
    "orgs.tsv": load_orgs,
    "roles.tsv": load_roles,
    "people.tsv": load_people,
}


def load_default_lexicon(directory: Path | None = None) -> Lexicon:
    """The project's own gazetteer (raises DataError on the first malformed line)."""
    directory = directory or data_dir()
    lex = Lexicon()
    for name, loader in LOADERS.items():
        path = directory / name
        lex.extend(loader(path))
        lex.sources.append(str(path))
    lex.genders = load_names(directory / "names.tsv")
    lex.iso3 = {iso3: code for _, (code, iso3, *_rest) in _rows(directory / "countries.tsv", 7) if iso3}
    return lex


def _check_units(files: dict[str, list[Entry]]) -> list[str]:
    """A sub-national unit belongs to a listed country, and none of its names is already a country,
    capital, region, metonym or organisation (that entry would take the phrase, or lose it)."""
    units = [e for e in files.get("subnational.tsv", []) if e.kind in (UNIT, UNIT_ADJ)]
    if not units:
        return []
    countries = {e.code for e in files.get("countries.tsv", []) if e.kind == COUNTRY}
    taken: dict[str, str] = {}
    for name in ("countries.tsv", "regions.tsv", "metonyms.tsv", "orgs.tsv"):
        for e in files.get(name, []):
            taken.setdefault(e.phrase.lower(), f"{name} {e.kind} {e.code}")
    out = []
    for e in units:
        if countries and e.country not in countries:
            out.append(f"subnational.tsv: {e.name!r} belongs to {e.country}, which countries.tsv does not list")
        if e.phrase.lower() in taken:
            out.append(f"subnational.tsv: {e.kind} {e.phrase!r} is already {taken[e.phrase.lower()]}")
    return out


def validate_data(directory: Path | None = None) -> list[str]:
    """Every problem found in the data files (empty when all is well)."""
    directory = directory or data_dir()
    problems: list[str] = []
    all_entries: dict[str, list[Entry]] = {}
    for name, loader in LOADERS.items():
        path = directory / name
        if not path.exists():
            problems.append(f"{name}: missing")
            continue
        try:
            entries = list(loader(path))
        except DataError as exc:
            problems.append(str(exc))
            continue
        all_entries[name] = entries
        # the same phrase must not mean two different things within one file (a sub-national name
        # may belong to units of two countries: the loader has checked it is not twice in one)
        meaning: dict[tuple[str, str], str] = {}
        for e in entries:
            if e.kind in (UNIT, UNIT_ADJ):
                continue
            k = (e.kind, e.phrase if e.exact else e.phrase.lower())
            val = f"{e.code}" if e.kind == ROLE else f"{e.code}|{e.key}"
            if k in meaning and meaning[k] != val and e.kind not in (PERSON,):
                problems.append(f"{name}: {e.kind} {e.phrase!r} means both {meaning[k]} and {val}")
            meaning.setdefault(k, val)
    problems += _check_units(all_entries)
    try:
        load_names(directory / "names.tsv")
    except (DataError, OSError) as exc:
        problems.append(str(exc))
    return problems
