"""Read PETRARCH/TABARI actor and agent dictionaries into lexicon entries.

Actor files (Phoenix.Countries.actors.txt and the like):

    VLADIMIR_PUTIN_  # comment
    +PUTIN_
    +PRESIDENT_VLADIMIR_PUTIN_
        [RUSGOV 120507-]          one code per line or several on one line
        [RUSGOV >080508]          from that date (YYMMDD or YYYYMMDD)
        [USRARM <900823]          until that date
        [RUSELI]                  undated: the code outside every dated range
    UNITED_NATIONS_ [IGOUNO]      phrase and code on one line

Agent files (Phoenix.agents.txt): `!SET! = A, B` substitution sets, then lines like
`POLICE!PERSON! [~COP]` or `CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]`: "~COP" is a
role appended to the country ("Russian police" -> RUSCOP), "IGO~" a prefix. Regular plurals
are generated, as PETRARCH does; `{...}` lists irregular ones.

A malformed line is reported with its file and line number: by default with a warning (the line
is skipped and the rest of the file is read, since real dictionaries carry small slips), or by
raising `DataError` with `strict=True`.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

from .lexicon import ACTOR, ROLE, DataError, Entry, Period, plural

__all__ = ["load_petrarch", "parse_petrarch", "PetrarchWarning"]

_CODE = re.compile(r"^(~?[A-Z0-9]{3,15}~?|---)$")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_SET = re.compile(r"^!([A-Z_]+)!\s*=\s*(.+)$")


class PetrarchWarning(UserWarning):
    pass


def _date(text: str, path: str, no: int) -> dt.date:
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise DataError(path, no, f"bad date {text!r} in a date restriction (want YYMMDD or YYYYMMDD)")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 40 else 1900 + yy
        m, d = int(text[2:4]), int(text[4:6])
    else:
        year, m, d = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, max(m, 1), max(d, 1))
    except ValueError:
        raise DataError(path, no, f"bad date {text!r} in a date restriction") from None


def _restriction(body: str, path: str, no: int) -> tuple[str | None, dt.date | None, dt.date | None, bool]:
    """'RUSGOV >080508' -> (code, start, end, dated)."""
    parts = body.split()
    if not parts:
        raise DataError(path, no, "empty code brackets []")
    given = parts[0]
    if not _CODE.match(given):
        raise DataError(path, no, f"bad code {given!r}")
    code = None if given == "---" else given
    rest = "".join(parts[1:])
    if not rest:
        return code, None, None, False
    if rest.startswith(">"):
        return code, _date(rest[1:], path, no), None, True
    if rest.startswith("<"):
        return code, None, _date(rest[1:], path, no), True
    if "-" in rest:
        a, b = rest.split("-", 1)
        return code, _date(a, path, no) if a else None, _date(b, path, no) if b else None, True
    raise DataError(path, no, f"bad date restriction {rest!r}")


def _words(phrase: str) -> str:
    phrase = phrase.strip().rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", phrase).strip()


def parse_petrarch(path: str | Path, strict: bool = False) -> list[Entry]:
    """All entries of one PETRARCH/TABARI actor or agent file."""
    path = Path(path)
    name = path.name
    if path.is_dir():
        raise DataError(str(path), 0, "is a folder, not a dictionary file (a folder of dictionaries: --dictionaries)")
    reader = _DictionaryReader(name, strict)
    with open(path, encoding="utf-8", errors="replace") as fh:
        for no, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if "VERB PATTERNS" in line:
                raise DataError(name, no, "this is a verb dictionary ('VERB PATTERNS'), not an actor or agent one")
            body = line.split("#", 1)[0].rstrip()
            if not body.strip():
                continue
            try:
                reader.read_line(body, no)
            except DataError as exc:
                reader.report(exc)
                if reader.block is not None and no == reader.block.get("line"):
                    reader.block = None
    reader.close()
    if not reader.entries:  # empty, or another kind of file: loading it would add nothing, silently
        why = f" ({reader.problems} line(s) could not be read)" if reader.problems else ""
        raise DataError(name, 0, f"no actor or agent entries{why}: not a PETRARCH/TABARI actor or agent dictionary")
    return reader.entries


class _DictionaryReader:
    """The state of reading one dictionary file line by line: the entries so far, the `!SET!`
    substitution sets, the actor block being read and the count of lines that could not be read."""

    def __init__(self, name: str, strict: bool):
        self.name = name
        self.strict = strict
        self.entries: list[Entry] = []
        self.sets: dict[str, list[str]] = {}
        self.problems = 0
        # an actor block: primary phrase, synonyms, codes
        self.block: dict | None = None

    def report(self, exc: DataError) -> None:
        """Raise a malformed line's error when strict, else warn (pointing at parse_petrarch's caller)."""
        if self.strict:
            raise exc
        self.problems += 1
        warnings.warn(str(exc), PetrarchWarning, stacklevel=3)

    def close(self) -> None:
        """Turn the actor block being read into entries, one per phrase, and forget it."""
        block = self.block
        if block is None:
            return
        codes = block["codes"]
        undated = [c for c, a, b, d in codes if not d]
        dated = [(c, a, b) for c, a, b, d in codes if d and c]
        fallback = undated[-1] if undated else (dated[-1][0] if dated else None)
        if not codes:
            self.block = None
            return
        name = self.name
        periods = tuple(Period(a, b, c, "", f"{name}:{block['line']} [{c} {_label(a, b)}]") for c, a, b in dated)
        primary = block["phrases"][0]
        key = f"{name}:{primary.lower().replace(' ', '_')}"
        country = None
        if fallback and len(fallback) >= 3 and fallback[:3] not in ("IGO", "NGO", "IMG", "MNC", "INT", "NGM"):
            country = fallback[:3]
        for ph in block["phrases"]:
            letters = re.sub(r"[^A-Za-z]", "", ph)
            exact = " " not in ph and len(letters) <= 3
            self.entries.append(
                Entry(
                    ACTOR,
                    ph if not exact else ph.upper(),
                    fallback,
                    primary.title(),
                    key,
                    f"{name}:{block['line']}",
                    country=country,
                    periods=periods,
                    exact=exact,
                    proper=True,
                )
            )
        self.block = None

    def read_line(self, body: str, no: int) -> None:
        """One line that is not blank once its comment is cut off (raises DataError if malformed)."""
        m = _SET.match(body.strip())
        if m:
            self.sets[m.group(1)] = [w.strip().replace("_", " ") for w in m.group(2).split(",") if w.strip()]
            return
        if body.count("[") != body.count("]") or body.count("{") != body.count("}"):
            raise DataError(self.name, no, f"unbalanced brackets in {body.strip()!r}")
        if body[:1] in (" ", "\t"):
            self.code_line(body, no)
        elif body.startswith("+"):
            self.synonym_line(body, no)
        else:
            self.entry_line(body, no)

    def code_line(self, body: str, no: int) -> None:
        """An indented line: code lines of the current block."""
        if self.block is None:
            if body.strip():
                raise DataError(self.name, no, "indented code line outside an actor entry")
            return
        for b in _BRACKET.findall(body):
            if b.strip() in ("", "s"):
                continue
            self.block["codes"].append(_restriction(b, self.name, no))

    def synonym_line(self, body: str, no: int) -> None:
        """A `+PHRASE_` line: another phrase of the current block, perhaps with codes."""
        if self.block is None:
            raise DataError(self.name, no, "synonym line (+) before any actor entry")
        phrase = _words(_BRACKET.sub("", body[1:]).split("{")[0])
        if phrase:
            self.block["phrases"].append(phrase)
        for b in _BRACKET.findall(body):
            self.block["codes"].append(_restriction(b, self.name, no))

    def entry_line(self, body: str, no: int) -> None:
        """A line that starts a new entry: an agent (its entries at once) or an actor block."""
        self.close()
        brackets = _BRACKET.findall(body)
        head = _BRACKET.sub(" ", body)
        irregular = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", " ", head)
        if any(b.strip().startswith("~") or b.strip().endswith("~") for b in brackets):
            self.entries.extend(_agent(head, brackets, irregular, self.sets, self.name, no))
            return
        phrase = _words(head)
        if not phrase:
            raise DataError(self.name, no, "entry without a phrase")
        self.block = {"phrases": [phrase], "codes": [], "line": no}
        for b in brackets:
            if b.strip() in ("", "s"):
                continue
            self.block["codes"].append(_restriction(b, self.name, no))


def _label(a, b) -> str:
    return f"{a.isoformat() if a else ''}..{b.isoformat() if b else ''}"


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!([A-Z_]+)!", phrase)
    if not m:
        return [phrase]
    out = []
    for alt in sets.get(m.group(1), []):
        out.extend(_expand(phrase[: m.start()] + alt + phrase[m.end() :], sets))
    return out


def _agent(head: str, brackets: list[str], irregular: list[str], sets, name: str, no: int) -> list[Entry]:
    code_text = brackets[0].strip()
    if not re.match(r"^~?[A-Z]{3,15}~?$", code_text):
        raise DataError(name, no, f"bad agent code [{code_text}]")
    role = code_text.strip("~")
    raw = head.strip().rstrip("_")
    if not raw:
        raise DataError(name, no, "agent without a phrase")
    out = []
    for form in _expand(raw.replace("_", " "), sets):
        form = re.sub(r"\s+", " ", form).strip().lower()
        if not form:
            continue
        out.append(Entry(ROLE, form, role, form, f"agent:{form}", f"{name}:{no}", role_kind="person", proper=False))
        if not form.endswith(("s", "men", "people")):
            out.append(
                Entry(
                    ROLE,
                    plural(form),
                    role,
                    form,
                    f"agent:{form}",
                    f"{name}:{no}",
                    role_kind="group",
                    plural=True,
                    proper=False,
                )
            )
    for irr in irregular:
        for form in irr.split(","):
            form = form.strip().replace("_", " ").lower()
            if form:
                out.append(
                    Entry(
                        ROLE,
                        form,
                        role,
                        form,
                        f"agent:{form}",
                        f"{name}:{no}",
                        role_kind="group",
                        plural=True,
                        proper=False,
                    )
                )
    return out


def load_petrarch(paths, strict: bool = False) -> list[Entry]:
    out: list[Entry] = []
    for p in paths:
        out.extend(parse_petrarch(p, strict=strict))
    return out
