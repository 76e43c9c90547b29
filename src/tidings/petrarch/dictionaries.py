"""Read PETRARCH/TABARI dictionaries as PETRARCH reads them: verbs (synsets, verb blocks,
verb forms, patterns), actors (phrases, synonyms, date-restricted codes), agents
(~CODE / CODE~ roles, plurals, !SET! substitutions), discards and issues.

Every file's kind is detected from its content (`sniff_kind`). A line that cannot be read
is reported as a `Problem` (file:line: what is wrong) and skipped; the rest of the file is
still read. Nothing here is kept in module globals: `load_dictionaries` returns one frozen
`Dictionaries` value that the coder reads.

Format notes (facts of the PETRARCH format, written here in our own words):
  comments    a line starting with '#' or '<!' is a comment; '#' ends a line's content;
              `<!-- ... -->` may span lines
  words       phrases join words with '_' (the next word must follow directly) or ' '
              (other words may come between); a final '_' only marks a whole word
  verbs       `&NAME` starts a synset of `+MEMBER` lines (plurals added unless the name or
              the member ends with '_'); `--- NAME [code] ---` starts a verb block; verb lines
              `VERB {FORMS} [code]` (regular forms S/ED/ING made unless {FORMS} lists them),
              multi-word verbs mark the verb with '+' (`+CORDON_OFF`, `WIRE_+TAP`); pattern
              lines `- upper * lower [code]  # comment`
  actors      `PHRASE [CODE]`, `+SYNONYM`, indented `[CODE <date]`, `[CODE >date]`,
              `[CODE date-date]` (YYMMDD or YYYYMMDD; YY up to 30 is 20YY)
  agents      `PHRASE {PLURALS} [~CODE]` (after the actor's code) or `[CODE~]` (before)
  discards    one phrase a line; '+' discards the whole story, else the sentence
  issues      `phrase [CODE]` with n: (noun, adds the plural), v: (verb forms) and '+'
              (space or hyphen) expansions; '~phrase' lines cancel issue coding
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..records.errors import DataFileError

__all__ = [
    "Problem",
    "Element",
    "Pattern",
    "VerbForm",
    "VerbBlock",
    "VerbDictionary",
    "ActorEntry",
    "AgentEntry",
    "Discard",
    "Issue",
    "Dictionaries",
    "load_dictionaries",
    "read_file",
    "sniff_kind",
    "KINDS",
    "parse_date",
    "DictionaryError",
]

KINDS = ("verbs", "actors", "agents", "discards", "issues")
NULL = "---"


class DictionaryError(DataFileError):
    """A dictionary folder or file that cannot be used at all (missing, empty, unreadable)."""


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# ------------------------------------------------------------------ verbs


@dataclass(frozen=True)
class Element:
    """One element of a pattern. kind: word | synset | source ($) | target (+) | skip (^) |
    compound (%). `tight`: joined by '_' to its neighbour nearer the verb (no words between)."""

    kind: str
    value: str = ""
    tight: bool = False

    def __str__(self) -> str:
        return {"source": "$", "target": "+", "skip": "^", "compound": "%"}.get(self.kind, self.value)


@dataclass(frozen=True)
class Pattern:
    upper: tuple[Element, ...]  # before the verb, nearest the verb first
    lower: tuple[Element, ...]  # after the verb, nearest the verb first
    code: str  # raw code: "064", "032:033" (symmetric), "---" (null: stops coding)
    where: str  # file:line
    text: str  # the pattern as written

    @property
    def size(self) -> int:
        return len(self.upper) + len(self.lower)


@dataclass(frozen=True)
class VerbForm:
    word: str  # the inflected verb word, upper case
    after: tuple[str, ...] = ()  # words that must follow it (multi-word verbs: BREAK_DOWN)
    before: tuple[str, ...] = ()  # words that must precede it, nearest first (WIRE_+TAP)
    block: str = ""  # the block whose patterns apply
    code: str = NULL  # the code of the verb alone
    where: str = ""


@dataclass(frozen=True)
class VerbBlock:
    name: str
    code: str
    where: str
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class VerbDictionary:
    forms: dict = field(default_factory=dict)  # word -> tuple[VerbForm, ...]
    blocks: dict = field(default_factory=dict)  # block name -> VerbBlock
    synsets: dict = field(default_factory=dict)  # &NAME -> tuple of member word tuples


# ------------------------------------------------------------------ actors, agents, ...


@dataclass(frozen=True)
class ActorEntry:
    words: tuple[str, ...]  # upper case
    joins: tuple[str, ...]  # connector after each word but the last: "_" or " "
    codes: tuple  # ((kind, start, end, code), ...) kind: "" (default), "<", ">", "-"
    where: str
    name: str  # the entry's primary phrase

    def code_on(self, day: dt.date | None) -> str | None:
        """The code on a date, as PETRARCH resolves it: the first restriction that holds, else
        the (last) undated code; None when there is none (a null actor)."""
        undated = [c for k, _, _, c in self.codes if not k]
        if day is not None:
            for kind, a, b, code in self.codes:
                if (kind == "<" and day <= b) or (kind == ">" and day >= a) or (kind == "-" and a <= day <= b):
                    return code
        if undated:
            return undated[-1]
        return None


@dataclass(frozen=True)
class AgentEntry:
    words: tuple[str, ...]
    joins: tuple[str, ...]
    code: str  # without the ~
    after: bool  # True: ~CODE, appended to the actor's code; False: CODE~, put before it
    where: str


@dataclass(frozen=True)
class Discard:
    words: tuple[str, ...]
    exact_end: bool  # phrase ended with '_': the last word must be whole
    story: bool  # '+': discard the whole story
    where: str


@dataclass(frozen=True)
class Issue:
    text: str  # upper case, padded with spaces
    code: str  # "" for an ignore phrase (~)
    where: str


@dataclass(frozen=True)
class Dictionaries:
    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    actors: dict = field(default_factory=dict)  # first word -> tuple[ActorEntry] (longest first)
    agents: dict = field(default_factory=dict)  # first word -> tuple[AgentEntry] (longest first)
    discards: tuple[Discard, ...] = ()
    issues: tuple[Issue, ...] = ()
    files: tuple[tuple[str, str, str], ...] = ()  # (path, kind, summary)
    problems: tuple[Problem, ...] = ()

    def summary(self) -> str:
        lines = [f"{Path(p).name}: {kind}, {what}" for p, kind, what in self.files]
        lines.append(
            f"{len(self.problems)} line(s) could not be read and were skipped"
            if self.problems
            else "every line was read"
        )
        return "\n".join(lines)


# ------------------------------------------------------------------ reading lines


def _lines(path: Path):
    """(line number, content) of the lines that carry something: comments removed."""
    in_comment = False
    text = path.read_text(encoding="utf-8", errors="replace")
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line[line.index("-->") + 3 :]
            else:
                continue
        if line.startswith("#") or line.startswith("<!"):
            if line.startswith("<!--") and "-->" not in line:
                in_comment = True
            continue
        while "<!--" in line:
            a = line.index("<!--")
            b = line.find("-->", a)
            if b < 0:
                in_comment = True
                line = line[:a]
                break
            line = line[:a] + line[b + 3 :]
        if "#" in line:
            line = line[: line.index("#")]
        if line.strip():
            yield no, line.rstrip()


def parse_date(text: str) -> dt.date:
    """YYYYMMDD or YYMMDD (YY <= 30 is 20YY, as in PETRARCH); ValueError if not a date."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r} (want YYMMDD or YYYYMMDD)")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _phrase(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """'CARAS GALADHON_' -> (('CARAS', 'GALADHON'), (' ',)): words and their connectors."""
    text = text.strip().upper()
    words, joins, cur = [], [], ""
    for ch in text:
        if ch in " _\t":
            if cur:
                words.append(cur)
                joins.append("_" if ch == "_" else " ")
                cur = ""
            elif joins and ch != "_":
                joins[-1] = " " if joins[-1] == " " else joins[-1]
        else:
            cur += ch
    if cur:
        words.append(cur)
        joins.append(" ")
    return tuple(words), tuple(joins[:-1]) if joins else ()


# ------------------------------------------------------------------ kind detection

_HEADER = re.compile(r"^---\s*\S.*---\s*$")


def sniff_kind(path: str | Path) -> str | None:
    """verbs | actors | agents | discards | issues, from what the lines look like; None if
    the file has no content lines."""
    headers = patterns = synsets = agents = coded = plain = issue = markers = 0
    n = 0
    for _, line in _lines(Path(path)):
        n += 1
        s = line.strip()
        if _HEADER.match(s):
            headers += 1
        elif s.startswith("- ") or s == "-":
            patterns += 1
        elif s.startswith("&"):
            synsets += 1
        if "<ISSUE" in s.upper() or re.match(r"^(~|[nv]:)", s) or re.search(r"\b[nv]:\w", s):
            issue += 1
        if re.match(r"^!\w+!\s*=", s):
            markers += 1
        brackets = re.findall(r"\[([^\]]*)\]", s)
        if any("~" in b for b in brackets):
            agents += 1
        elif brackets:
            coded += 1
        elif not s.startswith("+") and not line[:1].isspace() and not s.startswith("-") and not s.startswith("&"):
            plain += 1
        if n > 4000:
            break
    if not n:
        return None
    if headers and (patterns or headers > 2):
        return "verbs"
    if issue > n * 0.2 or any(True for _ in ()):
        return "issues"
    if agents + markers > max(coded, 1) * 0.5 and agents > 0:
        return "agents"
    if coded and coded + agents >= plain * 0.25:
        return "actors"
    return "discards"


# ------------------------------------------------------------------ verbs


def _verb_forms(word: str) -> list[str]:
    """PETRARCH's regular forms of a verb: +S (+ES after S/X/Z), +ED (+D after E), +ING (drop E)."""
    out = [word, word + ("ES" if word[-1:] in ("S", "X", "Z") else "S")]
    if word.endswith("E"):
        out += [word + "D", word[:-1] + "ING"]
    else:
        out += [word + "ED", word + "ING"]
    return out


def _plural(word: str) -> str:
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("S"):
        return word + "ES"
    return word + "S"


def _code_of(text: str) -> str | None:
    m = re.search(r"\[([^\]]*)\]", text)
    return m.group(1).strip() if m else None


def _pattern_elements(text: str, synsets: dict, lower: bool) -> tuple[Element, ...]:
    """Elements of one side of a pattern, nearest the verb first. Parentheses (PETRARCH-2
    prepositional phrases) and braces (its noun phrases) group words that are read in order."""
    text = text.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    items: list[tuple[str, str]] = []  # (token, connector after it)
    cur = ""
    for ch in text:
        if ch in " _\t":
            if cur:
                items.append((cur, "_" if ch == "_" else " "))
                cur = ""
            elif items and ch == "_":
                items[-1] = (items[-1][0], "_")
            elif not items and ch == "_" and lower:
                items.append(("", "_"))  # "*_OUT": the connector right after the verb
        else:
            cur += ch
    if cur:
        items.append((cur, " "))
    elems: list[Element] = []
    if lower:
        first_tight = bool(items) and items[0][0] == ""
        items = [it for it in items if it[0]]
        prev = "_" if first_tight else " "
        for tok, conn in items:
            elems.append(_element(tok, prev == "_", synsets))
            prev = conn
        return tuple(elems)
    # upper: written in sentence order, ending next to the verb; the last connector joins the verb
    for k, (tok, conn) in enumerate(items):
        elems.append(_element(tok, conn == "_", synsets))
    return tuple(reversed(elems))


def _element(tok: str, tight: bool, synsets: dict) -> Element:
    kinds = {"$": "source", "+": "target", "^": "skip", "%": "compound"}
    if tok in kinds:
        return Element(kinds[tok], "", tight)
    if tok.startswith("&"):
        name = tok.rstrip("_").upper()
        if name not in synsets:
            raise ValueError(f"synset {name} is not defined before this pattern")
        return Element("synset", name, tight)
    return Element("word", tok.upper(), tight)


def _read_verbs(path: Path, problems: list[Problem]) -> tuple[VerbDictionary, str]:
    return _VerbFileReader(path, problems).read()


class _VerbFileReader:
    """One PETRARCH verb file read line by line: synsets (&SET and its +members), verb blocks
    ('--- NAME [code] ---'), their verb lines and their patterns ('- ... * ... [code]')."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.name = path.name
        self.problems = problems
        self.forms: dict[str, list[VerbForm]] = {}
        self.blocks: dict[str, dict] = {}
        self.synsets: dict[str, list[tuple[str, ...]]] = {}
        self.syn_refs: dict[str, list[str]] = {}
        self.block: dict | None = None  # the block being read
        self.cur_set: str | None = None  # the synset whose members are being read
        self.cur_noplural = False
        self.skipped_transformations = 0

    def bad(self, no: int, msg: str) -> None:
        self.problems.append(Problem(str(self.path), no, msg))

    def read(self) -> tuple[VerbDictionary, str]:
        raw_text = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        starts = [i + 1 for i, t in enumerate(raw_text) if t.startswith("#") and "TRANSFORMATIONS" in t.upper()]
        for no, line in _lines(self.path):
            s = line.strip()
            if starts and no > starts[0] and s.startswith("~"):
                self.skipped_transformations += 1  # PETRARCH-2 tree transformations: not a verb pattern
                continue
            if s.startswith("+") and self.cur_set is not None:
                self._synset_member(no, s, self.cur_set)
                continue
            self.cur_set = None
            if s.startswith("&"):
                self._synset_header(no, s)
            elif s.startswith("---"):
                self._block_header(no, s)
            elif s.startswith("-"):
                self._pattern(no, s)
            else:
                self._verb_line(no, s)
        self._expand_synsets()
        return self._dictionary()

    def _synset_member(self, no: int, s: str, cur_set: str) -> None:
        member = s[1:].strip()
        if member.startswith("&"):
            self.syn_refs.setdefault(cur_set, []).append(member.rstrip("_").upper())
            return
        words, _ = _phrase(member)
        if not words:
            self.bad(no, "empty synset member")
            return
        self.synsets[cur_set].append(words)
        if not self.cur_noplural and not member.endswith("_"):
            self.synsets[cur_set].append(words[:-1] + (_plural(words[-1]),))

    def _synset_header(self, no: int, s: str) -> None:
        tok = s.split()[0]
        self.cur_noplural = tok.endswith("_")
        cur_set = self.cur_set = tok.rstrip("_").upper()
        if cur_set in self.synsets:
            self.bad(no, f"synset {cur_set} defined twice; its members are merged")
        self.synsets.setdefault(cur_set, [])

    def _block_header(self, no: int, s: str) -> None:
        # PETRARCH reads any line starting with '---' as a block header (a '#' comment may
        # have cut its closing '---')
        inner = re.sub(r"-{3,}\s*$", "", s[3:]).strip()
        title = re.sub(r"\[[^\]]*\]", " ", inner).strip()
        code: str | None = _code_of(inner) or NULL
        self.block = {"name": None, "title": title, "code": code, "where": f"{self.name}:{no}", "patterns": []}

    def _pattern(self, no: int, s: str) -> None:
        block, bad = self.block, self.bad
        if block is None or block["name"] is None:
            bad(no, "pattern outside a verb block (no verb line before it)")
            return
        body = s[1:]
        code = _code_of(body)
        if code is None:
            bad(no, f"pattern without a [code]: {s!r}")
            return
        text = body.split("[", 1)[0].rstrip()
        if text.count("*") != 1:
            bad(no, f"pattern needs exactly one '*' (the verb): {s!r}")
            return
        if "|" in text:
            bad(no, f"TABARI disjunction {{A | B}} is not read by PETRARCH (use a synset): {s!r}")
            return
        if text.count("(") != text.count(")") or text.count("{") != text.count("}"):
            bad(no, f"unbalanced brackets in pattern: {s!r}")
            return
        text = text.replace("_ ", " ")
        up, low = text.split("*", 1)
        try:
            pat = Pattern(
                _pattern_elements(up, self.synsets, False),
                _pattern_elements(low, self.synsets, True),
                code,
                f"{self.name}:{no}",
                "- " + text.strip(),
            )
        except ValueError as exc:
            bad(no, f"{exc}: {s!r}")
            return
        block["patterns"].append(pat)

    def _verb_line(self, no: int, s: str) -> None:
        block, bad, name = self.block, self.bad, self.name
        if block is None:
            bad(no, f"verb line outside a verb block: {s!r}")
            return
        code = _code_of(s)
        head = re.sub(r"\[[^\]]*\]", " ", s)
        listed = None
        if "{" in head:
            if "}" not in head:
                bad(no, f"missing '}}' in verb forms: {s!r}")
                return
            listed = head[head.index("{") + 1 : head.index("}")].replace(",", " ").split()
            head = head[: head.index("{")]
        head = head.strip().upper()
        if not head or not re.match(r"^[A-Z+][A-Z0-9'_+\- .]*$", head):
            bad(no, f"cannot read verb {head or s!r}")
            return
        own = code or block["code"]
        bname = self._block_name(block, head, no)
        if "_" in head or "+" in head:
            variants = [head] + [v.upper() for v in (listed or [])]
            if listed is None:
                variants = _multi_regular(head)
            for v in variants:
                parsed = _multi(v)
                if parsed is None:
                    bad(no, f"multi-word verb {v!r} needs '+' before its verb word")
                    continue
                word, after, before = parsed
                self.forms.setdefault(word, []).append(VerbForm(word, after, before, bname, own, f"{name}:{no}"))
            return
        base = head.split()[0]
        all_forms = [base] + [f.upper() for f in listed] if listed is not None else _verb_forms(base)
        for f in dict.fromkeys(all_forms):
            self.forms.setdefault(f, []).append(VerbForm(f, (), (), bname, own, f"{name}:{no}"))

    def _block_name(self, block: dict, head: str, no: int) -> str:
        if block["name"] is None:
            # the block is named by its header (PETRARCH keys it by its first verb line)
            bname = block["title"] or head.replace("+", "")
            if bname in self.blocks:
                bname = f"{bname}@{no}"
            block["name"] = bname
            self.blocks[bname] = block
        return block["name"]

    def _expand_synsets(self) -> None:
        """Embedded synsets (&A inside &B) are expanded once every set is known."""
        synsets = self.synsets
        for set_name, refs in self.syn_refs.items():
            seen = {set_name}
            todo = list(refs)
            while todo:
                ref = todo.pop()
                if ref in seen:
                    continue
                seen.add(ref)
                if ref not in synsets:
                    self.problems.append(Problem(str(self.path), 0, f"synset {set_name} includes undefined {ref}"))
                    continue
                synsets[set_name].extend(synsets[ref])
                todo.extend(self.syn_refs.get(ref, []))

    def _dictionary(self) -> tuple[VerbDictionary, str]:
        vd = VerbDictionary(
            forms={k: tuple(v) for k, v in self.forms.items()},
            blocks={k: VerbBlock(k, b["code"], b["where"], tuple(b["patterns"])) for k, b in self.blocks.items()},
            synsets={k: tuple(dict.fromkeys(v)) for k, v in self.synsets.items()},
        )
        npat = sum(len(b.patterns) for b in vd.blocks.values())
        what = f"{len(vd.blocks)} verb blocks, {len(vd.forms)} verb forms, {npat} patterns, {len(vd.synsets)} synsets"
        if self.skipped_transformations:
            what += f"; {self.skipped_transformations} PETRARCH-2 transformation lines not used"
        return vd, what


def _multi(text: str):
    """'+BREAK_DOWN' -> ('BREAK', ('DOWN',), ()); 'WIRE_+TAP' -> ('TAP', (), ('WIRE',))."""
    parts = [p for p in re.split(r"[_ ]+", text.strip()) if p]
    idx = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(idx) != 1:
        return None
    i = idx[0]
    word = parts[i][1:]
    if not word:
        return None
    return word, tuple(parts[i + 1 :]), tuple(reversed(parts[:i]))


def _multi_regular(head: str) -> list[str]:
    """Regular forms of a multi-word verb: the '+' word takes S/ED/ING."""
    parsed = _multi(head)
    if parsed is None:
        return [head]
    word = parsed[0]
    out = []
    for f in _verb_forms(word):
        out.append(head.replace("+" + word, "+" + f, 1))
    return out


# ------------------------------------------------------------------ actors


def _restriction(body: str):
    """'HOBGOV 19950601 - 19990815' -> ('-', start, end, 'HOBGOV'); raises ValueError."""
    body = body.strip()
    parts = body.split(None, 1)
    if not parts:
        raise ValueError("empty code brackets []")
    given = parts[0]
    if not re.match(r"^[A-Za-z0-9+#/\-]{3,}$", given) or (given.startswith("-") and given != NULL):
        raise ValueError(f"bad actor code {given!r}")
    code = None if given == NULL else given.upper()
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return ("", None, None, code)
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        return (rest[0], day if rest[0] == ">" else None, day if rest[0] == "<" else None, code)
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = parse_date(a), parse_date(b)
        if end < start:
            raise ValueError(f"date range {rest!r} ends before it starts")
        return ("-", start, end, code)
    raise ValueError(f"bad date restriction {rest!r}")


def _read_actors(path: Path, problems: list[Problem]) -> tuple[list[ActorEntry], str]:
    name = path.name
    out: list[ActorEntry] = []
    cur: dict | None = None

    def close():
        nonlocal cur
        if cur is not None:
            codes = tuple(cur["codes"])
            if not codes:
                problems.append(Problem(str(path), cur["line"], f"actor {cur['name']!r} has no code"))
            else:
                for words, joins in cur["phrases"]:
                    out.append(ActorEntry(words, joins, codes, f"{name}:{cur['line']}", cur["name"]))
        cur = None

    for no, line in _lines(path):
        if "---STOP---" in line:
            break
        s = line.strip()
        try:
            if s.count("[") != s.count("]"):
                raise ValueError(f"unbalanced brackets in {s!r}")
            if line[:1].isspace() and s.startswith("["):
                if cur is None:
                    raise ValueError("date restriction outside an actor entry")
                for b in re.findall(r"\[([^\]]*)\]", s):
                    cur["codes"].append(_restriction(b))
                continue
            brackets = re.findall(r"\[([^\]]*)\]", s)
            text = re.sub(r"\[[^\]]*\]", " ", s).strip()
            if s.startswith("+"):
                if cur is None:
                    raise ValueError("synonym (+) before any actor entry")
                words, joins = _phrase(text[1:])
                if words:
                    cur["phrases"].append((words, joins))
                for b in brackets:
                    cur["codes"].append(_restriction(b))
                continue
            close()
            words, joins = _phrase(text)
            if not words:
                raise ValueError(f"actor line without a phrase: {s!r}")
            cur = {"name": " ".join(words), "phrases": [(words, joins)], "codes": [], "line": no}
            for b in brackets:
                cur["codes"].append(_restriction(b))
        except ValueError as exc:
            problems.append(Problem(str(path), no, str(exc)))
    close()
    return out, f"{len(out)} actor phrases"


# ------------------------------------------------------------------ agents


def _read_agents(path: Path, problems: list[Problem]) -> tuple[list[AgentEntry], str]:
    name = path.name
    out: list[AgentEntry] = []
    sets: dict[str, list[str]] = {}
    for no, line in _lines(path):
        s = line.strip()
        where = f"{name}:{no}"
        if "!" in s and "=" in s:
            m = re.match(r"^!(\w+)!\s*=\s*(.+)$", s)
            if not m:
                problems.append(Problem(str(path), no, f"substitution set not read: {s!r}"))
                continue
            sets[m.group(1).upper()] = [w.strip().upper() for w in m.group(2).split(",") if w.strip()]
            continue
        if "[" not in s or "]" not in s:
            problems.append(Problem(str(path), no, f"agent without a [code]: {s!r}"))
            continue
        head, rest = s.split("[", 1)
        code = rest.split("]", 1)[0].replace(" ", "").upper()
        if not re.match(r"^(~[A-Z0-9]{2,}|[A-Z0-9]{2,}~)$", code):
            problems.append(Problem(str(path), no, f"agent code must start or end with '~': [{code}]"))
            continue
        after = code.startswith("~")
        code = code.strip("~")
        plurals: list[str] | None = None
        if "{" in head:
            if "}" not in head:
                problems.append(Problem(str(path), no, f"missing '}}' in {s!r}"))
                continue
            plurals = head[head.index("{") + 1 : head.index("}")].replace(",", " ").split()
            head = head[: head.index("{")]
        head = head.strip().upper()
        if not head:
            problems.append(Problem(str(path), no, "agent without a phrase"))
            continue
        variants = [head]
        if "!" in head:
            m = re.search(r"!(\w+)!", head)
            if not m or m.group(1).upper() not in sets:
                problems.append(Problem(str(path), no, f"undefined substitution marker in {head!r}"))
                continue
            variants = [head[: m.start()] + sub + head[m.end() :] for sub in sets[m.group(1).upper()]]
            plurals = []  # the set lists every form
        for v in variants:
            forms = [v]
            if plurals is None:
                forms.append(v[:-1] + "IES" if v.endswith("Y") else (v + "ES" if v.endswith("S") else v + "S"))
            else:
                forms.extend(p.upper() for p in plurals)
            for f in forms:
                words, joins = _phrase(f)
                if words:
                    out.append(AgentEntry(words, joins, code, after, where))
    return out, f"{len(out)} agent phrases"


# ------------------------------------------------------------------ discards, issues


def _read_discards(path: Path, problems: list[Problem]) -> tuple[list[Discard], str]:
    out = []
    for no, line in _lines(path):
        s = line.strip()
        story = s.startswith("+")
        s = s.lstrip("+").strip()
        if not s or "[" in s:
            problems.append(Problem(str(path), no, f"not a discard phrase: {line.strip()!r}"))
            continue
        words = tuple(w for w in re.split(r"[ _]+", s.upper()) if w)
        out.append(Discard(words, s.endswith("_"), story, f"{path.name}:{no}"))
    return out, f"{sum(not d.story for d in out)} sentence and {sum(d.story for d in out)} story discards"


def _read_issues(path: Path, problems: list[Problem]) -> tuple[list[Issue], str]:
    out = []
    for no, line in _lines(path):
        s = line.strip()
        if s.upper().startswith("<ISSUE") or s.upper().startswith("</ISSUE"):
            continue
        if s.startswith("~"):
            out.append(Issue(" " + s.lstrip("~").strip().upper() + " ", "", f"{path.name}:{no}"))
            continue
        if "[" not in s or "]" not in s:
            problems.append(Problem(str(path), no, f"issue phrase without a [CODE]: {s!r}"))
            continue
        code = s[s.index("[") + 1 : s.index("]")].strip()
        phrase = s[: s.index("[")].strip().upper()
        for form in _issue_forms(phrase):
            out.append(Issue(" " + " ".join(form.split()) + " ", code, f"{path.name}:{no}"))
    return out, f"{len(out)} issue phrases"


def _issue_forms(phrase: str) -> list[str]:
    forms = [phrase]
    changed = True
    while changed:
        changed = False
        nxt = []
        for f in forms:
            if "+" in f:
                nxt += [f.replace("+", " ", 1), f.replace("+", "-", 1)]
                changed = True
            elif "N:" in f:
                a, b = f.split("N:", 1)
                word, _, tail = b.partition(" ")
                nxt += [a + word + " " + tail, a + _plural(word) + " " + tail]
                changed = True
            elif "V:" in f:
                a, b = f.split("V:", 1)
                word, _, tail = b.partition(" ")
                nxt += [a + w + " " + tail for w in _verb_forms(word)]
                changed = True
            else:
                nxt.append(f)
        forms = nxt
    return [f.strip() for f in forms]


# ------------------------------------------------------------------ loading

_READERS = {
    "verbs": _read_verbs,
    "actors": _read_actors,
    "agents": _read_agents,
    "discards": _read_discards,
    "issues": _read_issues,
}


def read_file(path: str | Path, kind: str | None = None):
    """(kind, content, summary, problems) of one dictionary file."""
    path = Path(path)
    kind = kind or sniff_kind(path)
    problems: list[Problem] = []
    if kind is None:
        return None, None, "no dictionary lines", problems
    content, what = _READERS[kind](path, problems)
    return kind, content, what, problems


def _index(entries):
    out: dict[str, list] = {}
    for e in entries:
        out.setdefault(e.words[0], []).append(e)
    # the longest phrase is tried first (TABARI's rule), then the order of the file
    return {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in out.items()}


_NOT_DICT_NAMES = ("README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG")
_NOT_DICT_SUFFIXES = {
    ".md",
    ".rst",
    ".json",
    ".jsonl",
    ".py",
    ".xml",
    ".csv",
    ".html",
    ".htm",
    ".ini",
    ".cfg",
    ".gz",
    ".zip",
    ".pdf",
    ".yml",
    ".yaml",
    ".toml",
}


def not_a_dictionary(path: Path) -> bool:
    """Files in a dictionary folder that are documentation or data of another kind."""
    return path.name.upper().startswith(_NOT_DICT_NAMES) or path.suffix.lower() in _NOT_DICT_SUFFIXES


def load_dictionaries(paths) -> Dictionaries:
    """Every dictionary in the given files and folders (a folder: each file in it, sorted)."""
    files: list[Path] = []
    skipped: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")):
                (skipped if not_a_dictionary(f) else files).append(f)
        elif p.is_file():
            files.append(p)
        else:
            raise DictionaryError(f"{p}: no such dictionary file or folder")
    if not files:
        raise DictionaryError(f"no dictionary files in {', '.join(map(str, paths))}")
    verbs: list[VerbDictionary] = []
    actors: list[ActorEntry] = []
    agents: list[AgentEntry] = []
    discards: list[Discard] = []
    issues: list[Issue] = []
    loaded: list[tuple[str, str, str]] = []
    problems: list[Problem] = []
    loaded.extend((str(f), "skipped", "not a dictionary file (name)") for f in skipped)
    for f in files:
        try:
            kind, content, what, probs = read_file(f)
        except (OSError, UnicodeError) as exc:
            raise DictionaryError(f"{f}: {exc}") from exc
        problems.extend(probs)
        if kind is None:
            loaded.append((str(f), "skipped", what))
            continue
        loaded.append((str(f), kind, what))
        add: dict[str, Callable[[Any], None]] = {
            "verbs": verbs.append,
            "actors": actors.extend,
            "agents": agents.extend,
            "discards": discards.extend,
            "issues": issues.extend,
        }
        add[kind](content)
    merged = VerbDictionary()
    for vd in verbs:
        for k, v in vd.forms.items():
            merged.forms[k] = merged.forms.get(k, ()) + v
        merged.blocks.update(vd.blocks)
        merged.synsets.update(vd.synsets)
    return Dictionaries(
        verbs=merged,
        actors=_index(actors),
        agents=_index(agents),
        discards=tuple(discards),
        issues=tuple(issues),
        files=tuple(loaded),
        problems=tuple(problems),
    )
