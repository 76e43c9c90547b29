"""Names for the codes the pages show: CAMEO event codes from the project's codebook
(tidings.export.codes.code_name), actor codes from the actor data (countries.tsv, regions.tsv,
orgs.tsv) and the CAMEO role types, quad classes from the query module.

    event_name("1832") -> "Carry out vehicular bombing"      root_name("17") -> "Coerce"
    actor_name("USAGOV") -> "United States government"      actor_name("IGOUNO") -> "United Nations"

A code nothing names comes back as "" (event) or as its own blocks (actor), never invented."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["event_name", "root_name", "quad_name", "actor_name", "country_name"]


def _sentence_case(name: str) -> str:
    """The codebook writes root names in capitals ("MAKE PUBLIC STATEMENT")."""
    return name[:1] + name[1:].lower() if name.isupper() else name


def event_name(code) -> str:
    from ..export.codes import code_name

    return _sentence_case(code_name(str(code))) if code not in (None, "") else ""


def root_name(root) -> str:
    return event_name(str(root).zfill(2)) if root not in (None, "") else ""


def quad_name(quad) -> str:
    from ..query import QUAD_NAMES

    try:
        return QUAD_NAMES.get(int(quad), "")
    except (TypeError, ValueError):
        return ""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(country code -> name, region code -> name, organisation code -> its first-listed name)."""
    from ..actors.lexicon import COUNTRY, ORG, REGION, data_dir, load_countries, load_orgs, load_regions

    d = data_dir()
    countries = {e.code: e.name for e in load_countries(d / "countries.tsv") if e.kind == COUNTRY and e.code}
    regions = {e.code: e.name for e in load_regions(d / "regions.tsv") if e.kind == REGION and e.code}
    orgs: dict[str, str] = {}
    for e in load_orgs(d / "orgs.tsv"):
        if e.kind == ORG and e.code:
            orgs.setdefault(e.code, e.name)
    return countries, regions, orgs


def country_name(code) -> str:
    if not code:
        return ""
    countries, regions, _ = _tables()
    return countries.get(str(code)) or regions.get(str(code)) or ""


def actor_name(code) -> str:
    """The name of a CAMEO actor code: a country (or region) and its roles ("United States
    government", "Russia military"), or an international organisation's name. Blocks nothing
    names stay as they are ("Syria rebels XYZ")."""
    if not code:
        return ""
    from ..export.codes import TYPES

    code = str(code).strip().upper()
    countries, regions, orgs = _tables()
    blocks = [code[i : i + 3] for i in range(0, len(code), 3)]
    head = countries.get(blocks[0]) or regions.get(blocks[0])
    if head is None and code in orgs:  # IGOUNO, IMGMUSISI: no country, one organisation
        return orgs[code]
    words = [head] if head else []
    for b in blocks[1:] if head else blocks:
        words.append(TYPES[b].lower() if b in TYPES else regions.get(b) or b)
    return " ".join(words)
