"""Small lookups for the export formats: ISO3 -> FIPS 10-4 (data/export/iso3_fips.tsv),
CAMEO actor-code parts (types, religions, known groups) and sector names for ICEWS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["fips", "country_name", "load_iso3_fips", "ActorParts", "split_actor", "sectors", "code_name", "plover_of"]

# CAMEO generic role ("type") codes
TYPES = {
    "GOV": "Government",
    "MIL": "Military",
    "REB": "Rebels",
    "OPP": "Opposition",
    "PTY": "Political Parties",
    "COP": "Police",
    "JUD": "Judiciary",
    "SPY": "Intelligence",
    "MED": "Media",
    "EDU": "Education",
    "BUS": "Business",
    "CRM": "Criminals",
    "CVL": "Civilians",
    "ELI": "Elites",
    "HLH": "Health",
    "HRI": "Human Rights",
    "LAB": "Labor",
    "LEG": "Legislature",
    "REF": "Refugees",
    "AGR": "Agriculture",
    "MOD": "Moderate",
    "RAD": "Radical",
    "UAF": "Unaffiliated Armed Forces",
    "IGO": "International Organization",
    "NGO": "Non-Governmental Organization",
    "NGM": "Non-Governmental Movement",
    "INS": "Insurgents",
    "SEP": "Separatists",
    "IMG": "International Militarized Group",
    "MNC": "Multinational Corporation",
    "ENV": "Environment",
    "DEV": "Development",
    "SET": "Settlers",
    "UIS": "Unidentified State Actor",
    "JEW": "Jewish",
    "CHR": "Christian",
    "MOS": "Muslim",
    "BUD": "Buddhist",
    "HIN": "Hindu",
}
RELIGIONS = {
    "CHR",
    "CTH",
    "ORT",
    "PRO",
    "MOS",
    "SHI",
    "SUN",
    "JEW",
    "BUD",
    "HIN",
    "JAN",
    "SIK",
    "TAO",
    "ZRO",
    "CNF",
    "SHN",
    "ATH",
    "DRZ",
    "ALE",
    "BAH",
    "ITR",
}
REGIONS = {
    "WST",
    "AFR",
    "ASA",
    "BLK",
    "CAS",
    "CAU",
    "CRB",
    "EAF",
    "EEU",
    "EUR",
    "LAM",
    "MDE",
    "MEA",
    "NAF",
    "NMR",
    "PGS",
    "SAF",
    "SAM",
    "SAS",
    "SEA",
    "SCN",
    "WAF",
    "WEU",
    "BAL",
    "CFR",
    "NAM",
}
ORG_TYPES = {"IGO", "NGO", "IMG", "MNC", "NGM"}


@lru_cache(maxsize=1)
def load_iso3_fips() -> dict[str, tuple[str, str]]:
    """ISO3 -> (FIPS 10-4 code, country name); validates the data file."""
    text = (resources.files("tidings") / "data" / "export" / "iso3_fips.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    header = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if cells[:3] != ["iso3", "fips", "name"]:
                raise ValueError(f"iso3_fips.tsv:{lineno}: unexpected header {cells!r}")
            continue
        if len(cells) < 3 or len(cells[0]) != 3 or len(cells[1]) != 2 or not cells[0].isupper():
            raise ValueError(f"iso3_fips.tsv:{lineno}: bad row {line!r}")
        if cells[0] in out:
            raise ValueError(f"iso3_fips.tsv:{lineno}: {cells[0]} listed twice")
        out[cells[0]] = (cells[1], cells[2])
    return out


def fips(iso3: str | None) -> str:
    """FIPS 10-4 code of an ISO3/CAMEO country code ("" when unknown)."""
    if not iso3:
        return ""
    return load_iso3_fips().get(iso3.upper(), ("", ""))[0]


def country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    return load_iso3_fips().get(iso3.upper(), ("", ""))[1]


@dataclass(frozen=True)
class ActorParts:
    country: str = ""
    known_group: str = ""
    religion1: str = ""
    religion2: str = ""
    types: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()


def split_actor(code: str | None, country: str | None = None) -> ActorParts:
    """Split a CAMEO actor code into its 3-letter parts: country, types (roles), religions,
    known group (e.g. IGOWSTNAT -> type IGO, group NAT)."""
    if not code:
        return ActorParts(country=country or "")
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    cty = ""
    if country and code.startswith(country):
        cty = country
        parts = parts[1:]
    elif parts and parts[0] in load_iso3_fips():
        cty = parts[0]
        parts = parts[1:]
    types, religions, others = [], [], []
    for p in parts:
        if p in RELIGIONS:
            religions.append(p)
        elif p in TYPES:
            types.append(p)
        else:
            others.append(p)
    group = ""
    if others and (not cty or any(t in ORG_TYPES for t in types)):
        group = next((o for o in others if o not in REGIONS and len(o) == 3), "")
    return ActorParts(
        country=cty,
        known_group=group,
        religion1=religions[0] if religions else "",
        religion2=religions[1] if len(religions) > 1 else "",
        types=tuple(types),
        attributes=tuple(o for o in others if o != group),
    )


def sectors(code: str | None, country: str | None = None) -> str:
    """ICEWS-style comma-separated sector names of an actor code."""
    return ",".join(TYPES[t] for t in split_actor(code, country).types)


@lru_cache(maxsize=1)
def _codebook():
    try:
        from ..events.codebook import load_codebook

        return load_codebook()
    except Exception:  # the codebook is optional for exports
        return None


def code_name(code: str | None) -> str:
    cb = _codebook()
    if not code or cb is None:
        return ""
    info = cb.get(code)
    return info.name if info else ""


def plover_of(code: str | None) -> tuple[str | None, str | None]:
    """PLOVER (event, mode) of a CAMEO code from the codebook, for events coded without one."""
    cb = _codebook()
    if not code or cb is None:
        return None, None
    info = cb.get(code)
    return (info.plover_event, info.plover_mode) if info else (None, None)
