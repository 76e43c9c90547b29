"""Code articles: Article -> spaCy pipeline -> CodedArticle (the library's main entry)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Iterator

from .nlp import PipelineOptions, get_nlp, new_doc
from .records import Actor, Article, CodedArticle, Span

__all__ = ["CodeOptions", "code_article", "code_articles", "code_text", "parse_published"]


@dataclass(frozen=True)
class CodeOptions:
    pipeline: PipelineOptions = PipelineOptions()
    languages: tuple[str, ...] = ("en",)  # articles in other languages are skipped with a reason
    batch_size: int = 16
    max_chars: int = 300_000  # longer texts are not coded (skipped with the reason), not truncated


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _actors_from(doc) -> tuple[Actor, ...]:
    groups: dict[str, list] = {}
    for m in doc._.actor_mentions or ():
        groups.setdefault(m.key, []).append(m)
    out = []
    for key, ms in groups.items():
        ms.sort(key=lambda m: m.start_char)
        # the most informative mention names the actor: a proper name before a pronoun
        best = next((m for m in ms if m.kind == "name"), ms[0])
        out.append(Actor(code=best.code, country=best.country, name=best.name, rule=best.rule,
                         mentions=tuple(Span(m.text, m.start_char, m.end_char) for m in ms)))
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


def code_articles(articles: Iterable[Article], options: CodeOptions | None = None) -> Iterator[CodedArticle]:
    """Code a stream of articles, in order, parsing in batches."""
    options = options or CodeOptions()
    nlp = get_nlp(options.pipeline)
    batch: list[Article] = []

    def one(art: Article) -> CodedArticle:
        try:
            return _coded(art, nlp(new_doc(nlp, art.text, parse_published(art.published), art.id, art.dateline)))
        except Exception as exc:  # a failure in one article never ends the batch
            return CodedArticle(article=art, skipped=f"coding failed: {type(exc).__name__}: {exc}")

    def flush():
        if not batch:
            return
        try:
            docs = [new_doc(nlp, a.text, parse_published(a.published), a.id, a.dateline) for a in batch]
            results = [_coded(art, doc) for art, doc in zip(batch, nlp.pipe(docs, batch_size=options.batch_size))]
        except Exception:
            results = [one(art) for art in batch]  # find the article that failed; code the others
        batch.clear()
        yield from results

    for art in articles:
        reason = _skip_reason(art, options)
        if reason:
            yield from flush()
            yield CodedArticle(article=art, skipped=reason)
            continue
        batch.append(art)
        if len(batch) >= options.batch_size:
            yield from flush()
    yield from flush()


def code_article(article: Article, options: CodeOptions | None = None) -> CodedArticle:
    return next(code_articles([article], options))


def code_text(text: str, published: str | None = None, options: CodeOptions | None = None) -> CodedArticle:
    """Code a bare text (no header sniffing): handy in notebooks and tests."""
    return code_article(Article(id=Article.make_id(text), text=text, published=published), options)
