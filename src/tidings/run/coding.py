"""Code articles: Article -> spaCy pipeline -> CodedArticle (the library's main entry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from ..nlp import PipelineOptions, get_nlp, new_doc
from ..records import Actor, Article, CodedArticle, Span
from ..records.days import day_of
from ..records.errors import CodingError

__all__ = ["CodeOptions", "CodingTimeout", "code_article", "code_articles", "code_text", "parse_published"]


@dataclass(frozen=True)
class CodeOptions:
    pipeline: PipelineOptions = PipelineOptions()
    languages: tuple[str, ...] = ("en",)  # articles in other languages are skipped with a reason
    batch_size: int = 16
    # ... and at most this many characters per batch (long articles are parsed fewer at a time:
    # 16 PolNeAR articles of 5,000 to 22,000 characters took the worker's peak memory from 180 to 680 MB)
    batch_chars: int = 40_000
    max_chars: int = 300_000  # longer texts are not coded (skipped with the reason), not truncated
    time_budget: float | None = 120.0  # seconds one article may take; over it, it is skipped with the reason


parse_published = day_of  # an article's publication day (records.days: the one reading of a day)


def _actors_from(doc) -> tuple[Actor, ...]:
    groups: dict[str, list] = {}
    for m in doc._.actor_mentions or ():
        groups.setdefault(m.key, []).append(m)
    out = []
    for key, ms in groups.items():
        ms.sort(key=lambda m: m.start_char)
        # the most informative mention names the actor: a proper name before a pronoun
        best = next((m for m in ms if m.kind == "name"), ms[0])
        out.append(
            Actor(
                code=best.code,
                country=best.country,
                name=best.name,
                rule=best.rule,
                mentions=tuple(Span(m.text, m.start_char, m.end_char) for m in ms),
            )
        )
    out.sort(key=lambda a: a.mentions[0].start if a.mentions else 0)
    return tuple(out)


def _coded(article: Article, doc) -> CodedArticle:
    return CodedArticle(
        article=article,
        events=tuple(doc._.events or ()),
        quotes=tuple(doc._.quotes or ()),
        actors=_actors_from(doc),
        dates=tuple(doc._.timexes or ()),
        places=tuple(doc._.places or ()),
        sentences=tuple(Span(s.text, s.start_char, s.end_char) for s in doc.sents),
        candidates=tuple(doc._.candidates or ()),
    )


def _skip_reason(article: Article, options: CodeOptions) -> str | None:
    if not article.text.strip():
        return "empty text"
    if len(article.text) > options.max_chars:
        return f"too long to code: {len(article.text):,} characters (CodeOptions.max_chars is {options.max_chars:,})"
    if article.language and article.language not in options.languages:
        return f"language is {article.language!r}, not one of {', '.join(options.languages)}"
    return None


REFIRE_SECONDS = 1.0


class CodingTimeout(CodingError):
    """Raised in the coding thread when an article (or a batch) runs over its time budget."""


class _Budget:
    """`with _Budget(seconds):` interrupts the block, in whatever thread runs it, with
    CodingTimeout once `seconds` have passed. The exception is delivered between two Python
    bytecodes (the model's compiled loops are linear and finish first); an exception still
    pending when the block ends in time is withdrawn, so it never lands elsewhere."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.fired = False

    def __enter__(self) -> "_Budget":
        if self.seconds:
            import threading

            self._lock = threading.Lock()
            self._active = True
            self._tid = threading.get_ident()
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _fire(self) -> None:
        import ctypes
        import threading

        with self._lock:
            if self._active:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._tid), ctypes.py_object(CodingTimeout))
                # raised where it cannot propagate (a callback that swallows errors), it is lost: ask
                # again, but only after a pause long enough for a raised one to unwind the parser's
                # nested generators and leave the block (at 0.25 s a second one could land in the
                # handler of the first on a loaded machine, and escape)
                self._timer = threading.Timer(REFIRE_SECONDS, self._fire)
                self._timer.daemon = True
                self._timer.start()

    def __exit__(self, *exc: object) -> None:  # an exception in the block goes on
        if not self.seconds:
            return
        import ctypes

        with self._lock:
            self._active = False
            self._timer.cancel()
            if self.fired:  # withdraw it if it has not been raised yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._tid), None)


def _over_budget(art: Article, options: CodeOptions) -> CodedArticle:
    return CodedArticle(
        article=art,
        skipped=f"over the time budget: coding it took more than {options.time_budget:g} s (CodeOptions.time_budget)",
    )


def code_articles(articles: Iterable[Article], options: CodeOptions | None = None) -> Iterator[CodedArticle]:
    """Code a stream of articles, in order, parsing in batches. An article that fails, or runs
    over `options.time_budget` seconds, is skipped with the reason; the others are coded."""
    options = options or CodeOptions()
    nlp = get_nlp(options.pipeline)
    batch: list[Article] = []

    def one(art: Article) -> CodedArticle:
        try:
            with _Budget(options.time_budget):
                return _coded(art, nlp(new_doc(nlp, art.text, parse_published(art.published), art.id, art.dateline)))
        except CodingTimeout:
            return _over_budget(art, options)
        except Exception as exc:  # a failure in one article never ends the batch
            return CodedArticle(article=art, skipped=f"coding failed: {type(exc).__name__}: {exc}")

    def flush():
        if not batch:
            return
        try:
            # the batch as a whole gets one article's budget; over it, each is coded alone with its own
            with _Budget(options.time_budget):
                docs = [new_doc(nlp, a.text, parse_published(a.published), a.id, a.dateline) for a in batch]
                results = [_coded(art, doc) for art, doc in zip(batch, nlp.pipe(docs, batch_size=options.batch_size))]
        except CodingTimeout:
            if len(batch) == 1:
                results = [_over_budget(batch[0], options)]
            else:
                results = [one(art) for art in batch]  # find the article that ran over; code the others
        except Exception:
            results = [one(art) for art in batch]  # find the article that failed; code the others
        batch.clear()
        yield from results

    chars = 0
    for art in articles:
        reason = _skip_reason(art, options)
        if reason:
            yield from flush()
            yield CodedArticle(article=art, skipped=reason)
            continue
        if batch and chars + len(art.text) > options.batch_chars:
            yield from flush()
        if not batch:
            chars = 0
        batch.append(art)
        chars += len(art.text)
        if len(batch) >= options.batch_size:
            yield from flush()
    yield from flush()


def code_article(article: Article, options: CodeOptions | None = None) -> CodedArticle:
    return next(code_articles([article], options))


def code_text(text: str, published: str | None = None, options: CodeOptions | None = None) -> CodedArticle:
    """Code a bare text (no header sniffing): handy in notebooks and tests."""
    return code_article(Article(id=Article.make_id(text), text=text, published=published), options)
