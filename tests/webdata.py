"""A small database for the web tests, written from hand-made records (no NLP needed)."""

from __future__ import annotations

from tidings.records import Actor, ActorRef, Article, CodedArticle, Event, Quote, Span

XSS_TITLE = "Talks <script>window.__xss = 1</script> end"
XSS_TEXT = (
    "Russia and the United States held talks in Geneva on Monday. "
    '<img src=x onerror="window.__xss=2"> The talks ended without a deal.\n\n'
    '"We will meet again," the Russian envoy said.'
)


def _ref(code, country, name, text, start):
    return ActorRef(code=code, country=country, name=name, text=text, start=start, end=start + len(text))


def _event(art_id, code, root, quad, penta, gold, src, tgt, trig, start, date, sentence=0, status="asserted"):
    from tidings.export.codes import plover_of
    from tidings.records import content_id

    plover_event, plover_mode = plover_of(code)
    return Event(
        id=content_id(art_id, sentence, start, code, src.code if src else None, tgt.code if tgt else None),
        code=code,
        root=root,
        quad_class=quad,
        penta_class=penta,
        goldstein=gold,
        plover_event=plover_event,
        plover_mode=plover_mode,
        source=src,
        target=tgt,
        status=status,
        reported_by=None,
        date=date,
        date_text=None,
        place=None,
        sentence=sentence,
        trigger=Span(trig, start, start + len(trig)),
        confidence=0.8,
        rule="test:rule",
    )


def articles() -> list[CodedArticle]:
    out = []
    a = Article(
        id="art-xss",
        text=XSS_TEXT,
        title=XSS_TITLE,
        outlet="Example Wire",
        published="2022-01-10",
        removed=("Read more: something else",),
    )
    rus = _ref("RUS", "RUS", "Russia", "Russia", 0)
    usa = _ref("USA", "USA", "United States", "the United States", 10)
    out.append(
        CodedArticle(
            article=a,
            events=(
                _event(a.id, "043", "04", 1, 1, 2.8, rus, usa, "held talks", 28, "2022-01-10"),
                _event(a.id, "043", "04", 1, 1, 2.8, usa, rus, "held talks", 28, "2022-01-10"),
                _event(
                    a.id,
                    "036",
                    "03",
                    1,
                    1,
                    4.0,
                    rus,
                    usa,
                    "meet",
                    XSS_TEXT.index("meet"),
                    "2022-01-10",
                    sentence=2,
                    status="future",
                ),
            ),
            quotes=(
                Quote(
                    speaker=_ref(
                        "RUSGOV", "RUS", "the Russian envoy", "the Russian envoy", XSS_TEXT.index("the Russian")
                    ),
                    text="We will meet again,",
                    kind="direct",
                    cue="said",
                    start=XSS_TEXT.index("We will"),
                    end=XSS_TEXT.index("again,") + 6,
                ),
            ),
            sentences=(Span(XSS_TEXT[:61], 0, 61),),
        )
    )
    for i, (month, code, root, quad, gold, trig) in enumerate(
        [
            ("2022-02-14", "173", "17", 4, -5.0, "arrested"),
            ("2022-03-02", "112", "11", 3, -2.0, "accused"),
            ("2022-03-20", "190", "19", 4, -10.0, "attacked"),
            ("2022-04-05", "057", "05", 1, 8.0, "signed"),
        ]
    ):
        text = f"Russian officials {trig} Ukrainian officials on that day."
        art = Article(id=f"art-{i}", text=text, title=f"Story {i}", outlet="Example Wire", published=month)
        src = _ref("RUSGOV", "RUS", "Russian officials", "Russian officials", 0)
        tgt = _ref("UKRGOV", "UKR", "Ukrainian officials", "Ukrainian officials", text.index("Ukrainian"))
        out.append(
            CodedArticle(
                article=art,
                events=(
                    _event(
                        art.id,
                        code,
                        root,
                        quad,
                        4 if quad == 4 else 3 if quad == 3 else 1,
                        gold,
                        src,
                        tgt,
                        trig,
                        text.index(trig),
                        month,
                    ),
                ),
                sentences=(Span(text, 0, len(text)),),
            )
        )
    out.append(_french_article())
    return out


FR_TEXT = (
    "France's ambassador met French officials in Paris on Tuesday. The French envoy briefed the "
    "French ministers, and the French officials thanked the envoy. French officials promised the "
    "envoy support. Antony Blinken praised France. A car bomb exploded near Syrian troops; "
    "Syrian rebels claimed it."
)


def _french_article() -> CodedArticle:
    """Actors whose first mention is not their name (FRAGOV 'France's ambassador', USAGOV
    'Antony Blinken'), a self-dyad FRAGOV -> FRAGOV with more events than any other dyad, and a
    four-digit code (1832)."""
    t = FR_TEXT
    art = Article(
        id="art-fr",
        text=t,
        title="French envoy meets officials; car bomb in Syria",
        outlet="Example Wire",
        published="2022-05-10",
    )
    amb = _ref("FRAGOV", "FRA", "France's ambassador", "France's ambassador", 0)
    off = _ref("FRAGOV", "FRA", "French officials", "French officials", t.index("French officials"))
    env = _ref("FRAGOV", "FRA", "French envoy", "French envoy", t.index("French envoy"))
    usa = _ref("USAGOV", "USA", "Antony Blinken", "Antony Blinken", t.index("Antony"))
    fra = _ref("FRA", "FRA", "France", "France", t.index("France."))
    reb = _ref("SYRREB", "SYR", "Syrian rebels", "Syrian rebels", t.index("Syrian rebels"))
    mil = _ref("SYRMIL", "SYR", "Syrian troops", "Syrian troops", t.index("Syrian troops"))
    day = "2022-05-10"
    events = [
        _event(art.id, code, code[:2], 1, 1, gold, a, b, trig, t.index(trig), day, sentence=n)
        for code, gold, a, b, trig, n in [
            ("043", 2.8, amb, off, "met", 0),
            ("042", 1.9, env, off, "briefed", 1),
            ("051", 3.4, off, env, "thanked", 1),
            ("050", 3.5, off, env, "promised", 2),
            ("010", 0.0, off, amb, "promised the", 2),
            ("051", 3.4, usa, fra, "praised", 3),
        ]
    ]
    events.append(_event(art.id, "1832", "18", 4, 4, -10.0, reb, mil, "car bomb", t.index("car bomb"), day, sentence=4))
    actors = (
        Actor("FRAGOV", "FRA", "France's ambassador", (Span("France's ambassador", 0, 19),)),
        Actor("FRAGOV", "FRA", "French officials", (Span("French officials", off.start, off.end),)),
        Actor("USAGOV", "USA", "Antony Blinken", (Span("Antony Blinken", usa.start, usa.end),)),
    )
    ends = [t.index(". ", t.index(w)) + 1 for w in ("met", "briefed", "promised", "praised")] + [len(t)]
    sentences = tuple(Span(t[a:b].strip(), a + (t[a] == " "), b) for a, b in zip([0] + ends, ends))
    return CodedArticle(article=art, events=tuple(events), actors=actors, sentences=sentences)


def build(path) -> str:
    from tidings.run.ingest import ingest

    ingest(articles(), str(path), progress=False)
    return str(path)
