"""A small database for the web tests, written from hand-made records (no NLP needed)."""
from __future__ import annotations

from tidings.records import ActorRef, Article, CodedArticle, Event, Quote, Span

XSS_TITLE = "Talks <script>window.__xss = 1</script> end"
XSS_TEXT = ("Russia and the United States held talks in Geneva on Monday. "
            "<img src=x onerror=\"window.__xss=2\"> The talks ended without a deal.\n\n"
            "\"We will meet again,\" the Russian envoy said.")


def _ref(code, country, name, text, start):
    return ActorRef(code=code, country=country, name=name, text=text, start=start, end=start + len(text))


def _event(art_id, code, root, quad, penta, gold, src, tgt, trig, start, date, sentence=0, status="asserted"):
    from tidings.records import content_id

    return Event(id=content_id(art_id, sentence, start, code, src.code if src else None, tgt.code if tgt else None),
                 code=code, root=root, quad_class=quad, penta_class=penta, goldstein=gold,
                 plover_event="CONSULT", plover_mode=None, source=src, target=tgt, status=status,
                 reported_by=None, date=date, date_text=None, place=None, sentence=sentence,
                 trigger=Span(trig, start, start + len(trig)), confidence=0.8, rule="test:rule")


def articles() -> list[CodedArticle]:
    out = []
    a = Article(id="art-xss", text=XSS_TEXT, title=XSS_TITLE, outlet="Example Wire", published="2022-01-10",
                removed=("Read more: something else",))
    rus = _ref("RUS", "RUS", "Russia", "Russia", 0)
    usa = _ref("USA", "USA", "United States", "the United States", 10)
    out.append(CodedArticle(
        article=a,
        events=(_event(a.id, "043", "04", 1, 1, 2.8, rus, usa, "held talks", 28, "2022-01-10"),
                _event(a.id, "043", "04", 1, 1, 2.8, usa, rus, "held talks", 28, "2022-01-10"),
                _event(a.id, "036", "03", 1, 1, 4.0, rus, usa, "meet", XSS_TEXT.index("meet"), "2022-01-10",
                       sentence=2, status="future")),
        quotes=(Quote(speaker=_ref("RUSGOV", "RUS", "the Russian envoy", "the Russian envoy", XSS_TEXT.index("the Russian")),
                      text="We will meet again,", kind="direct", cue="said",
                      start=XSS_TEXT.index("We will"), end=XSS_TEXT.index("again,") + 6),),
        sentences=(Span(XSS_TEXT[:61], 0, 61),)))
    for i, (month, code, root, quad, gold, trig) in enumerate([
            ("2022-02-14", "173", "17", 4, -5.0, "arrested"), ("2022-03-02", "112", "11", 3, -2.0, "accused"),
            ("2022-03-20", "190", "19", 4, -10.0, "attacked"), ("2022-04-05", "057", "05", 1, 8.0, "signed")]):
        text = f"Russian officials {trig} Ukrainian officials on that day."
        art = Article(id=f"art-{i}", text=text, title=f"Story {i}", outlet="Example Wire", published=month)
        src = _ref("RUSGOV", "RUS", "Russian officials", "Russian officials", 0)
        tgt = _ref("UKRGOV", "UKR", "Ukrainian officials", "Ukrainian officials", text.index("Ukrainian"))
        out.append(CodedArticle(article=art, events=(
            _event(art.id, code, root, quad, 4 if quad == 4 else 3 if quad == 3 else 1, gold, src, tgt, trig,
                   text.index(trig), month),),
            sentences=(Span(text, 0, len(text)),)))
    return out


def build(path) -> str:
    from tidings.run.ingest import ingest

    ingest(articles(), str(path), progress=False)
    return str(path)
