"""Builders of CodedArticle records for store, query and export tests (no NLP needed)."""

from __future__ import annotations

import re

from tidings.records import Actor, ActorRef, Article, CodedArticle, Event, Place, Quote, Span, content_id

COUNTRY = {
    "RUS": "Russia",
    "USA": "United States",
    "UKR": "Ukraine",
    "DEU": "Germany",
    "FRA": "France",
    "CHN": "China",
    "GBR": "United Kingdom",
}
GOLDSTEIN = {
    "036": 4.0,
    "040": 1.0,
    "042": 1.9,
    "043": 2.8,
    "057": 8.0,
    "112": -2.0,
    "130": -4.4,
    "138": -7.0,
    "172": -5.0,
    "173": -5.0,
    "111": -2.0,
    "190": -10.0,
    "010": 0.0,
    "051": 3.4,
}
QUAD = {
    "01": 1,
    "02": 1,
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
    "14": 3,
    "15": 4,
    "16": 3,
    "17": 4,
    "18": 4,
    "19": 4,
    "20": 4,
}
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
    "16": 3,
    "14": 4,
    "15": 4,
    "17": 4,
    "18": 4,
    "19": 4,
    "20": 4,
}


def sentences_of(text: str) -> tuple[Span, ...]:
    out = []
    for m in re.finditer(r"[^.!?]+[.!?]?", text):
        s = m.group(0)
        lead = len(s) - len(s.lstrip())
        if s.strip():
            out.append(Span(s.strip(), m.start() + lead, m.start() + lead + len(s.strip())))
    return tuple(out)


def ref(code: str | None, text: str, start: int = 0) -> ActorRef | None:
    if code is None:
        return None
    return ActorRef(
        code=code, country=code[:3], name=COUNTRY.get(code[:3], code), text=text, start=start, end=start + len(text)
    )


def event(
    text: str,
    sentences,
    sentence: int,
    source: str | None,
    target: str | None,
    code: str,
    trigger: str,
    date: str | None = None,
    status: str = "asserted",
    place: Place | None = None,
) -> Event:
    sent = sentences[sentence]
    t0 = text.find(trigger, sent.start)
    root = code[:2]
    return Event(
        id=content_id("ev", sent.text, source, target, code, trigger, status),
        code=code,
        root=root,
        quad_class=QUAD[root],
        penta_class=PENTA[root],
        goldstein=GOLDSTEIN.get(code, 0.0),
        plover_event="CONSULT" if root == "03" else None,
        plover_mode=None,
        source=ref(source, source or "", sent.start),
        target=ref(target, target or "", sent.start),
        status=status,
        reported_by=None,
        date=date,
        date_text=None,
        place=place,
        sentence=sentence,
        trigger=Span(trigger, t0, t0 + len(trigger)),
        confidence=0.9,
        rule="test",
    )


def coded(
    id: str,
    text: str,
    specs=(),
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = "2021-12-12",
    updated: str | None = None,
    url: str | None = None,
    quotes=(),
    actors=None,
) -> CodedArticle:
    """specs: (sentence index, source, target, code, trigger[, date[, status[, place]]])"""
    sents = sentences_of(text)
    evs = tuple(event(text, sents, *spec) for spec in specs)
    if actors is None:
        codes = sorted({c for s in specs for c in (s[1], s[2]) if c})
        actors = tuple(
            Actor(code=c, country=c[:3], name=COUNTRY.get(c[:3], c), mentions=(Span(c, 0, len(c)),)) for c in codes
        )
    art = Article(
        id=id, text=text, title=title, outlet=outlet, published=published, updated=updated, url=url, language="en"
    )
    return CodedArticle(article=art, events=evs, quotes=tuple(quotes), actors=tuple(actors), sentences=sents)


WIRE = (
    "Russian President Vladimir Putin and US President Joe Biden held talks by video link on Tuesday "
    "as tensions rose over the build-up of Russian troops near the border with Ukraine. "
    "Biden warned Putin that the West would impose tough economic sanctions if Russia invaded Ukraine. "
    "The Kremlin said the two leaders agreed to keep talking and to task their aides with follow-up work. "
    "Ukraine's foreign minister said Kyiv welcomed the call but would not accept any deal made behind its back. "
    "Officials in Washington said the administration was also preparing to send more weapons to Ukraine. "
    "Moscow has repeatedly denied that it plans an attack and accuses NATO of threatening its security. "
    "The talks lasted just over two hours, according to officials on both sides of the call."
)

WIRE_SPECS = [
    (0, "RUSGOV", "USAGOV", "036", "held talks", "2021-12-07"),
    (1, "USAGOV", "RUSGOV", "172", "warned", "2021-12-07", "hypothetical"),
    (2, "RUSGOV", "USAGOV", "057", "agreed", "2021-12-07"),
    (5, "RUS", "UKR", "138", "attack", "2021-12-07", "negated"),
]


def wire_copies() -> list[CodedArticle]:
    """Five copies of one wire story: other outlets and headlines, trimmed, a local paragraph added."""
    sents = sentences_of(WIRE)
    full = WIRE
    trimmed = " ".join(s.text for s in sents[:6])
    local = WIRE + " In Berlin, the German chancellor said Europe stood united with Kyiv and urged calm."
    short = " ".join(s.text for s in sents[:5])
    relead = "WASHINGTON (AP) - " + WIRE
    outlets = [
        ("reuters", full, "Biden, Putin hold video call amid Ukraine tensions"),
        ("guardian", trimmed, "Putin and Biden talk for two hours as Ukraine fears grow"),
        ("dw", local, "Biden warns Putin of sanctions in video summit"),
        ("times", short, "Video summit: Biden and Putin agree to keep talking"),
        ("ap", relead, "Leaders of US and Russia talk by video"),
    ]
    out = []
    for outlet, text, title in outlets:
        specs = []
        s2 = sentences_of(text)
        for spec in WIRE_SPECS:
            idx = next((i for i, s in enumerate(s2) if sents[spec[0]].text in s.text), None)
            if idx is not None:
                specs.append((idx, *spec[1:]))
        out.append(
            coded(
                content_id("url", f"https://{outlet}.example/story"),
                text,
                specs,
                title=title,
                outlet=outlet,
                url=f"https://{outlet}.example/story",
                published="2021-12-07T18:00:00",
            )
        )
    return out


OTHER = (
    "China and France signed a trade agreement in Beijing on Monday covering aircraft and farm goods. "
    "The French president praised the deal as a sign of growing cooperation between the two countries. "
    "Chinese officials said more contracts would follow later in the year, without giving details. "
    "Analysts said the agreement could ease tensions over tariffs that have weighed on trade for months."
)


def other_story() -> CodedArticle:
    return coded(
        "other-1",
        OTHER,
        [(0, "CHN", "FRA", "057", "signed", "2021-12-13"), (1, "FRAGOV", "CHN", "051", "praised", "2021-12-13")],
        title="China, France sign trade deal",
        outlet="xinhua",
        published="2021-12-13",
        quotes=(
            Quote(
                speaker=ref("CHNGOV", "Chinese officials", 0),
                text="more contracts would follow",
                kind="indirect",
                cue="said",
                start=10,
                end=37,
            ),
        ),
    )


# --- texts with a chosen shingle overlap (dedup threshold probes) ---------------------------


def probe_words(stem: str, n: int) -> list[str]:
    """n distinct made-up words ("alpha3", "alpha4", ...): no 5-word shingle repeats."""
    return [f"{stem}{i}" for i in range(n)]


def overlap_pair(size_a: int, shared: int, size_b: int, *, stem: str = "w") -> tuple[str, str]:
    """Two texts of size_a and size_b 5-word shingles sharing exactly `shared` of them: B starts
    with A's first shared+4 words and goes on with words of its own. Jaccard is
    shared / (size_a + size_b - shared); containment shared / min(size_a, size_b)."""
    from tidings.store.dedup import SHINGLE

    assert 0 < shared <= min(size_a, size_b)
    a = probe_words(stem + "a", size_a + SHINGLE - 1)
    b = a[: shared + SHINGLE - 1] + probe_words(stem + "b", size_b - shared)
    return " ".join(a), " ".join(b)


def wire_trimmed(n_sentences: int) -> str:
    """The first n sentences of WIRE, the way an outlet trims a wire story."""
    return " ".join(s.text for s in sentences_of(WIRE)[:n_sentences])
