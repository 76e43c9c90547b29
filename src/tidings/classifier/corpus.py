"""The training-corpus generator: template data x actors x phrasings x syntactic frames.

    python -m tidings.classifier.corpus [--seed 13] [--out src/tidings/data/training/corpus.jsonl]

Reads the template data in ``tidings/data/training/templates/`` (all written by the
project) and writes one JSON object per sentence::

    {"id", "text", "code", "root", "penta", "status", "source": {"text","start","end"}|null,
     "target": ...|null, "origin": "generated", "phrasing": "<code>:<line>", "frame": "<kind>:<line>"}

Sentences with no codable event have code "" and root "none". The output is a pure
function of the template files and the seed (one ``random.Random`` per template line,
seeded with the seed and the line's text, so editing one line changes only its own
sentences), so the committed corpus can be rebuilt and compared byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TEMPLATES", "CORPUS", "HANDWRITTEN", "generate", "handwritten", "write_corpus", "root_penta", "inflect"]

DATA = Path(__file__).resolve().parent.parent / "data" / "training"
TEMPLATES = DATA / "templates"
CORPUS = DATA / "corpus.jsonl"

ROOTS = [f"{i:02d}" for i in range(1, 21)]
#: the CAMEO pentacode of each root (0 statement/appeal, 1 verbal coop, 2 material coop,
#: 3 verbal conflict, 4 material conflict)
PENTA = {
    **{r: 0 for r in ("01", "02")},
    **{r: 1 for r in ("03", "04", "05")},
    **{r: 2 for r in ("06", "07", "08")},
    **{r: 3 for r in ("09", "10", "11", "12", "13", "16")},
    **{r: 4 for r in ("14", "15", "17", "18", "19", "20")},
}


def root_penta(root: str) -> int | None:
    return PENTA.get(root)


# who usually does what: actor kinds for source and target, by root, then by code
SOURCE_KINDS = {
    "01": "gov gov gov opp igo ngo",
    "02": "gov gov igo ngo opp",
    "03": "gov gov igo",
    "04": "gov gov gov igo",
    "05": "gov gov igo",
    "06": "gov gov mil igo",
    "07": "gov igo ngo",
    "08": "gov gov mil reb",
    "09": "gov judicial igo police",
    "10": "gov opp reb igo",
    "11": "gov gov opp igo ngo",
    "12": "gov gov reb opp",
    "13": "gov gov mil reb",
    "14": "opp",
    "15": "gov mil police",
    "16": "gov gov igo",
    "17": "police gov mil",
    "18": "reb reb mil",
    "19": "mil mil reb",
    "20": "mil reb gov",
}
TARGET_KINDS = {
    "14": "gov",
    "17": "opp civ reb",
    "18": "civ civ mil police gov",
    "19": "mil reb mil civ",
    "20": "civ",
}
CODE_KINDS = {  # code: (source kinds, target kinds)
    "116": ("judicial", "opp civ gov"),
    "115": ("gov opp ngo", "gov"),
    "173": ("police judicial", "opp civ reb"),
    "174": ("gov police", "civ"),
    "175": ("police", "opp"),
    "0831": ("gov", "gov"),
    "142": ("opp civ", "gov"),
    "143": ("opp", "gov"),
    "145": ("opp", "police"),
    "0874": ("mil reb", "mil"),
    "185": ("reb", "gov"),
    "186": ("reb", "gov opp"),
    "1823": ("reb mil", "civ police mil"),
    "0873": ("reb", "gov"),
    "091": ("judicial gov police", "gov opp"),
    "1125": ("gov", "gov opp civ"),
}
DEFAULT_TARGET = "gov gov gov igo mil opp"

_CHOICE = re.compile(r"\{([^{}]*\|[^{}]*)\}")
_BARE = re.compile(r"(?<![A-Za-z{])(ISSUE|PLACE|NUM|CITY|PERSONS|WEAPON)(?![A-Za-z}])")
_BARE_T = re.compile(r"(?<![A-Za-z{])T(?=['\s.,]|$)")
_SLOT = re.compile(r"\{([A-Za-z.\-]+)\}")
S_OPEN, S_CLOSE, T_OPEN, T_CLOSE = "\x01", "\x02", "\x03", "\x04"


def _read_tsv(name: str) -> list[tuple[int, list[str]]]:
    return _read_tsv_path(TEMPLATES / name)


def _read_tsv_path(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((i, line.split("\t")))
    return rows


IRREGULAR = {
    "withdraw": "withdraw/withdrew/withdrawn",
    "expel": "expel/expelled/expelled/expelling",
    "scrap": "scrap/scrapped/scrapped/scrapping",
    "stop": "stop/stopped/stopped/stopping",
    "plan": "plan/planned/planned/planning",
    "ban": "ban/banned/banned/banning",
    "cut": "cut/cut/cut/cutting",
    "put": "put/put/put/putting",
    "set": "set/set/set/setting",
    "hit": "hit/hit/hit/hitting",
    "shut": "shut/shut/shut/shutting",
    "give": "give/gave/given",
    "take": "take/took/taken",
    "hold": "hold/held/held",
    "meet": "meet/met/met",
    "send": "send/sent/sent",
    "fight": "fight/fought/fought",
    "shoot": "shoot/shot/shot",
    "strike": "strike/struck/struck",
    "freeze": "freeze/froze/frozen",
    "forgive": "forgive/forgave/forgiven",
    "begin": "begin/began/begun/beginning",
    "drive": "drive/drove/driven",
    "break": "break/broke/broken",
    "overthrow": "overthrow/overthrew/overthrown",
    "seek": "seek/sought/sought",
    "lead": "lead/led/led",
    "tell": "tell/told/told",
    "say": "say/said/said",
    "speak": "speak/spoke/spoken",
    "rebut": "rebut/rebutted/rebutted/rebutting",
    "commit": "commit/committed/committed/committing",
    "admit": "admit/admitted/admitted/admitting",
    "submit": "submit/submitted/submitted/submitting",
    "regret": "regret/regretted/regretted/regretting",
    "kidnap": "kidnap/kidnapped/kidnapped/kidnapping",
    "bar": "bar/barred/barred/barring",
    "ship": "ship/shipped/shipped/shipping",
    "drop": "drop/dropped/dropped/dropping",
    "stab": "stab/stabbed/stabbed/stabbing",
    "ram": "ram/rammed/rammed/ramming",
    "slam": "slam/slammed/slammed/slamming",
    "slap": "slap/slapped/slapped/slapping",
    "grab": "grab/grabbed/grabbed/grabbing",
    "gun": "gun/gunned/gunned/gunning",
    "seize": "seize/seized/seized",
    "win": "win/won/won/winning",
    "sit": "sit/sat/sat/sitting",
    "sell": "sell/sold/sold",
    "spend": "spend/spent/spent",
    "lay": "lay/laid/laid",
    "pay": "pay/paid/paid",
    "fly": "fly/flew/flown",
    "go": "go/went/gone",
    "come": "come/came/come",
    "blow": "blow/blew/blown",
    "beat": "beat/beat/beaten",
    "find": "find/found/found",
    "bring": "bring/brought/brought",
    "rebuff": "rebuff/rebuffed/rebuffed",
    "quit": "quit/quit/quit/quitting",
    "run": "run/ran/run/running",
    "shell": "shell/shelled/shelled",
    "spot": "spot/spotted/spotted/spotting",
    "sue": "sue/sued/sued/suing",
    "draw": "draw/drew/drawn",
    "throw": "throw/threw/thrown",
    "hide": "hide/hid/hidden",
    "flee": "flee/fled/fled/fleeing",
    "swap": "swap/swapped/swapped/swapping",
    "plot": "plot/plotted/plotted/plotting",
    "rob": "rob/robbed/robbed/robbing",
}


def inflect(verb: str) -> dict[str, str]:
    """Verb forms from "base" or "base/past/participle[/ing]" (regular English rules otherwise).

    A multi-word verb inflects its first word ("step down" -> "stepped down")."""
    parts = verb.split("/")
    if len(parts) > 1:
        base = parts[0]
        p = parts[1]
        pp = parts[2] if len(parts) > 2 else p
        head, _, tail = base.partition(" ")
        g = parts[3] if len(parts) > 3 else _ing(head) + (" " + tail if tail else "")
        return {"base": base, "past": p, "pp": pp, "ing": g, "pres": _pres(head) + (" " + tail if tail else "")}
    head, _, tail = verb.partition(" ")
    tail = (" " + tail) if tail else ""
    if head in IRREGULAR:
        forms = IRREGULAR[head].split("/")
        p, pp = forms[1], forms[2]
        g = forms[3] if len(forms) > 3 else _ing(head)
    else:
        p = pp = _past(head)
        g = _ing(head)
    return {"base": verb, "past": p + tail, "pp": pp + tail, "ing": g + tail, "pres": _pres(head) + tail}


def _past(w: str) -> str:
    if w.endswith("e"):
        return w + "d"
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ied"
    return w + "ed"


def _pres(w: str) -> str:
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        return w + "es"
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def _ing(w: str) -> str:
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return w[:-1] + "ing"
    return w + "ing"


@dataclass(frozen=True)
class Country:
    name: str
    demonym: str
    capital: str
    cities: tuple[str, ...]
    region: str
    groups: tuple[str, ...]


class Templates:
    """All template data, read once."""

    def __init__(self) -> None:
        self.countries = [
            Country(
                r[0],
                r[1],
                r[2],
                tuple(c for c in r[3].split(";") if c),
                r[4],
                tuple(g for g in (r[5] if len(r) > 5 else "").split(";") if g),
            )
            for _, r in _read_tsv("actors.tsv")
        ]
        self.names = {r[0]: (r[1].split(";"), r[2].split(";")) for _, r in _read_tsv("names.tsv")}
        self.forms: dict[str, list[tuple[bool, str]]] = {}
        for _, r in _read_tsv("actor_forms.tsv"):
            self.forms.setdefault(r[0], []).append((r[1] == "1", r[2]))
        self.slots: dict[str, list[str]] = {}
        for _, r in _read_tsv("slots.tsv"):
            self.slots.setdefault(r[0], []).append(r[1] if len(r) > 1 else "")
        self.frames = [(i, r[0], r[1], int(r[2]), r[3]) for i, r in _read_tsv("frames.tsv")]
        self.phrasings = []
        for fname in ("phrasings_a.tsv", "phrasings_b.tsv", "phrasings_c.tsv"):
            for i, r in _read_tsv(fname):
                self.phrasings.append((f"{fname[10]}{i}", r[0], r[1], r[2] if len(r) > 2 else ""))
        self.negatives = [(i, r[0], r[1]) for i, r in _read_tsv("negatives.tsv")]
        self.derived = {
            r[0]: {"intent": r[1], "refuse": r[2], "threat": r[3]} for _, r in _read_tsv("derived_codes.tsv")
        }

    def derive(self, act: str, kind: str) -> str | None:
        """The code of announcing/refusing/threatening this act (None if there is none)."""
        if kind == "consider":
            return "014"
        for n in range(len(act), 1, -1):
            row = self.derived.get(act[:n])
            if row:
                return None if row[kind] == "-" else row[kind]
        return None


class _SentenceWriter:
    """One sentence being written: the country context and the rng."""

    def __init__(self, tpl: Templates, rng: random.Random):
        self.tpl, self.rng = tpl, rng
        self.c = rng.choice(tpl.countries)

    def name(self, country: Country) -> str:
        given, family = self.tpl.names.get(country.region, self.tpl.names["europe"])
        return f"{self.rng.choice(given)} {self.rng.choice(family)}"

    def choices(self, text: str) -> str:
        """Resolve every {a|b|c} choice (choices may hold slots and other choices)."""
        out, i = [], 0
        while i < len(text):
            if text[i] != "{":
                out.append(text[i])
                i += 1
                continue
            depth, j, bars = 0, i, []
            while j < len(text):
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                elif text[j] == "|" and depth == 1:
                    bars.append(j)
                j += 1
            if not bars:  # a slot: keep it, resolving choices inside (there are none)
                out.append(text[i : j + 1])
                i = j + 1
                continue
            cuts = [i] + bars + [j]
            opts = [text[a + 1 : b] for a, b in zip(cuts, cuts[1:])]
            opt = self.rng.choice(opts)
            opt = _BARE_T.sub("{T}", _BARE.sub(r"{\1}", opt))
            out.append(self.choices(opt))
            i = j + 1
        return _BARE.sub(r"{\1}", "".join(out))

    def fill(self, text: str, country: Country | None = None) -> str:
        """Expand choices and filler slots (no actors) into plain text."""
        c = country or self.c
        text = self.choices(text)

        def sub(m: re.Match) -> str:
            key = m.group(1)
            before = text[max(0, m.start() - 1) : m.start()]
            if key == "C":
                return self.rng.choice(self.tpl.countries).name if country is None else c.name
            if key == "D":
                return c.demonym
            if key == "CAP":
                return c.capital
            if key == "CAPU":
                return c.capital.upper()
            if key == "CITY":
                return self.rng.choice(c.cities or (c.capital,))
            if key == "NAME":
                return self.name(c)
            if key == "GROUP":
                return self.rng.choice(c.groups or ("rebels", "militants"))
            if key == "NUM" and before == "$":
                return str(self.rng.choice((2, 3, 5, 10, 50, 100, 250, 400, 1.5)))
            if key in self.tpl.slots:
                return self.fill(self.rng.choice(self.tpl.slots[key]), country)
            return m.group(0)

        prev = None
        while prev != text:
            prev, text = text, _SLOT.sub(sub, text)
        return text

    def actor(self, kinds: str, avoid: Country | None = None) -> tuple[str, bool, Country]:
        kind = self.rng.choice(kinds.split())
        country = self.rng.choice([c for c in self.tpl.countries if c is not avoid])
        if kind == "reb" and not country.groups:
            country = self.rng.choice([c for c in self.tpl.countries if c.groups])
        plural, form = self.rng.choice(self.tpl.forms[kind])
        return self.fill(form, country), plural, country


def _finish(text: str) -> tuple[str, dict | None, dict | None]:
    """Tidy spacing and punctuation, capitalise, and turn the markers into offsets."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" +([,.;:])", r"\1", text)
    text = re.sub(r",([\x02\x04]?)[,.]", r"\1.", text) if re.search(r",[\x02\x04]?\.$", text) else text
    text = re.sub(r",\s*,", ",", text)
    text = text.replace(" ,", ",").replace("..", ".").strip()
    text = re.sub(r"^([\x01-\x04\"]*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    text = re.sub(r"(\w)s's\b", r"\1s'", text)
    text = re.sub(r"\b([Aa]) ([\x01-\x04]?)([AEIOaeio]|Uzbek)", r"\1n \2\3", text)
    text = re.sub(
        r"([.!?] |- |-- )([\x01-\x04\"]*)([a-z])", lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text
    )
    text = re.sub(r"([.!?] [\x01-\x04\"]*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    spans: dict[str, dict] = {}
    out: list[str] = []
    for ch in text:
        if ch in (S_OPEN, T_OPEN):
            spans["source" if ch == S_OPEN else "target"] = {"start": len("".join(out))}
        elif ch in (S_CLOSE, T_CLOSE):
            span = spans["source" if ch == S_CLOSE else "target"]
            span["end"] = len("".join(out))
        else:
            out.append(ch)
    plain = "".join(out)
    for span in spans.values():
        span["text"] = plain[span["start"] : span["end"]]
    return plain, spans.get("source"), spans.get("target")


_US = [
    (re.compile(a), b)
    for a, b in (
        (
            r"\b(mobil|normal|critic|recogn|apolog|organ|demobil|real|author|stabil|legal|jeopard|summar|emphas|destabil)is(e|ed|es|ing|ation)\b",
            r"\1iz\2",
        ),
        (r"\bdefence\b", "defense"),
        (r"\bDefence\b", "Defense"),
        (r"\bcentre\b", "center"),
        (r"\bprogramme\b", "program"),
        (r"\bhonour", "honor"),
        (r"\blabour\b", "labor"),
        (r"\bneighbour", "neighbor"),
        (r"\barmour", "armor"),
        (r"\bfavour", "favor"),
        (r"\bscepticism\b", "skepticism"),
        (r"\btravelled\b", "traveled"),
        (r"\btonnes\b", "tons"),
    )
]


def american(text: str) -> str:
    """The same sentence in American spelling (wire services use both)."""
    for pat, rep in _US:
        text = pat.sub(rep, text)
    return text


def _kinds(code: str) -> tuple[str, str]:
    root = code[:2]
    s, t = CODE_KINDS.get(code, (SOURCE_KINDS[root], TARGET_KINDS.get(root, DEFAULT_TARGET)))
    return s, t


def _sentence(tpl: Templates, rng: random.Random, phr, frame) -> dict:
    pid, code, verb, rest = phr
    fid, kind, status, _, ftext = frame
    ctx = _SentenceWriter(tpl, rng)
    skinds, tkinds = _kinds(code)
    s_text, s_plural, s_country = ctx.actor(skinds)
    t_text, t_plural, t_country = ctx.actor(tkinds, avoid=s_country)
    ctx.c = rng.choice((s_country, t_country, s_country))
    s_mark = S_OPEN + s_text + S_CLOSE
    t_mark = T_OPEN + t_text + T_CLOSE
    values = {"S": s_mark, "T": t_mark}
    if kind in ("nominal", "clause"):
        np_ = ctx.choices(rest.replace("${NUM}", "$NUM"))
        np_ = ctx.fill(np_.replace("{S}", "\x05").replace("{T}", "\x06"))
        np_ = np_.replace("\x05's", s_mark + "'s").replace("\x05", s_mark).replace("\x06", t_mark)
        values["NP"] = np_
    else:
        forms = inflect(verb)
        r = rest
        if kind == "passive":
            r = rest[len("{T}") :]
            values["BE"] = "were" if t_plural else "was"
        comp = ctx.fill(ctx.choices(r).replace("{T}", "\x06")).replace("\x06", t_mark)
        values["R"] = values["R-T"] = comp
        for k, v in forms.items():
            values[f"V.{k}"] = v
        if s_plural:
            values["V.pres"] = forms["base"]
    values["HAS"] = "have" if s_plural else "has"
    values["IS"] = "are" if s_plural else "is"
    filled = ctx.choices(ftext)
    text = _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), filled)
    text = ctx.fill(text.replace(S_OPEN, "\x0e").replace(S_CLOSE, "\x0f"))
    text = text.replace("\x0e", S_OPEN).replace("\x0f", S_CLOSE)
    if rng.random() < 0.5:
        text = american(text)
    plain, source, target = _finish(text)
    act = None
    if kind in ("intent", "refuse", "threat", "consider"):
        act, code = code, tpl.derive(code, kind)
    elif status == "hypothetical":  # "would withdraw if ..." offers; "could strike if ..." threatens
        derived = tpl.derive(code, "intent") or tpl.derive(code, "threat")
        if derived:
            act, code = code, derived
    root = code[:2]
    return {
        "text": plain,
        "code": code,
        "root": root,
        "penta": PENTA[root],
        "status": status,
        "source": source,
        "target": target,
        "origin": "generated",
        "phrasing": pid,
        "frame": f"{kind}:{fid}",
        "act": act,
    }


def _pick_frame(rng: random.Random, frames: list, kind: str, status: str | None = None):
    pool = [f for f in frames if f[1] == kind and (status is None or f[2] == status)]
    return rng.choices(pool, weights=[f[3] for f in pool])[0]


def generate(seed: int = 13, per_root: int = 700, negatives: int = 700, status_share: float = 0.12) -> list[dict]:
    """The whole generated corpus for this seed, in a fixed order with stable ids."""
    tpl = Templates()
    by_root: dict[str, list] = {}
    for p in tpl.phrasings:
        by_root.setdefault(p[1][:2], []).append(p)
    out = []
    for root in ROOTS:
        phrs = by_root.get(root, [])
        if not phrs:
            continue
        n_each = max(3, -(-per_root // len(phrs)))
        for phr in phrs:
            # one generator per phrasing: editing one template line leaves the others' sentences as they were
            rng = random.Random(f"{seed}|{phr[1]}|{phr[2]}|{phr[3]}")
            nominal = phr[2] in ("=N", "=S")
            transitive = phr[3].startswith("{T}")
            for _ in range(n_each):
                if nominal:
                    frame = _pick_frame(rng, tpl.frames, "nominal" if phr[2] == "=N" else "clause")
                elif transitive and rng.random() < 0.22:
                    frame = _pick_frame(rng, tpl.frames, "passive")
                elif (dk := rng.random()) < 0.16 and (
                    derived := [k for k in ("intent", "refuse", "threat") if tpl.derive(phr[1], k)]
                ):
                    frame = _pick_frame(rng, tpl.frames, rng.choice(derived))
                elif dk < 0.22 and phr[1][:2] in ("04", "05", "06", "07", "08", "16", "17"):
                    frame = _pick_frame(rng, tpl.frames, "consider")
                elif rng.random() < status_share:
                    st = rng.choice(("negated", "hypothetical", "future"))
                    if st == "future" and any(tpl.derive(phr[1], k) for k in ("intent", "threat")):
                        st = "hypothetical"  # announced acts are coded as intents or threats
                    frame = _pick_frame(rng, tpl.frames, "active", st)
                else:
                    frame = _pick_frame(rng, tpl.frames, "active", "asserted")
                out.append(_sentence(tpl, rng, phr, frame))
    for k in range(negatives):
        i, kind, ftext = tpl.negatives[k % len(tpl.negatives)]
        rng = random.Random(f"{seed}|none|{k}|{ftext}")
        ctx = _SentenceWriter(tpl, rng)
        text, _, _ = _finish(ctx.fill(ftext))
        out.append(
            {
                "text": text,
                "code": "",
                "root": "none",
                "penta": None,
                "status": "none",
                "source": None,
                "target": None,
                "origin": "generated",
                "phrasing": f"n{i}",
                "frame": f"negative:{kind}",
            }
        )
    seen: set[str] = set()
    uniq = []
    for rec in out:
        if rec["text"] in seen:
            continue
        seen.add(rec["text"])
        uniq.append(rec)
    for n, rec in enumerate(uniq):
        rec["id"] = f"g{seed}-{n:05d}"
    return uniq


_MARK = re.compile(r"\[(S2|S|T):([^\]]*)\]")
HANDWRITTEN_TSV = DATA / "handwritten.tsv"
HANDWRITTEN = DATA / "handwritten.jsonl"


def handwritten(path: Path = HANDWRITTEN_TSV) -> list[dict]:
    """The hand-written sentences: [S:...] and [T:...] mark source and target ([S2:...] a second
    source word, kept as text only)."""
    out = []
    for i, row in _read_tsv_path(path):
        code, status, marked = row[0], row[1], row[2]
        text, spans = [], {}
        last = 0
        for m in _MARK.finditer(marked):
            text.append(marked[last : m.start()])
            start = sum(map(len, text))
            text.append(m.group(2))
            if m.group(1) in ("S", "T") and m.group(1) not in spans:
                spans[m.group(1)] = {"start": start, "end": start + len(m.group(2)), "text": m.group(2)}
            last = m.end()
        text.append(marked[last:])
        root = "none" if code == "-" else code[:2]
        out.append(
            {
                "id": f"h-{i:04d}",
                "text": "".join(text),
                "code": "" if code == "-" else code,
                "root": root,
                "penta": PENTA.get(root),
                "status": status,
                "source": spans.get("S"),
                "target": spans.get("T"),
                "origin": "handwritten",
                "phrasing": f"h{i}",
                "frame": "handwritten",
                "act": None,
            }
        )
    return out


def write_corpus(records: list[dict], path: Path = CORPUS) -> None:
    keys = ("id", "text", "code", "root", "penta", "status", "source", "target", "origin", "phrasing", "frame", "act")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps({k: rec.get(k) for k in keys}, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--per-root", type=int, default=700)
    ap.add_argument("--out", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    recs = generate(seed=args.seed, per_root=args.per_root)
    write_corpus(recs, args.out)
    print(f"wrote {len(recs)} sentences to {args.out}")
    hand = handwritten()
    write_corpus(hand, HANDWRITTEN)
    print(f"wrote {len(hand)} hand-written sentences to {HANDWRITTEN}")


if __name__ == "__main__":
    main()
