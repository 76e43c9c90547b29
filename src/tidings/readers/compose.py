"""Text (+ metadata from the container) -> a cleaned Article: header, dateline, boilerplate,
paragraphs, language, id. Every reader ends here, so all inputs are cleaned alike."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..records import Article, InputError
from .agencies import Agencies, load_agencies
from .boilerplate import Boilerplate, load_boilerplate
from .dateline import Dateline, parse_dateline
from .header import Header, parse_byline, sniff_header
from .language import detect_language
from .options import ReadOptions
from .stamps import normalise_date
from .valid import valid_text

__all__ = ["Given", "compose_article", "normalise_text", "paragraphs", "split_long_sentences"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INLINE_NOISE = re.compile(r",? opens new tab\b")  # link labels pasted inside sentences (reuters.com)
_END = (".", "!", "?", ":", '"', "”", "'", "’", ")", "»", "]")


@dataclass(frozen=True)
class Given:
    """What the container said about the article (record columns, HTML metadata)."""

    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    agency: str | None = None
    published: str | None = None
    updated: str | None = None
    url: str | None = None
    language: str | None = None
    metadata_from: tuple[str, ...] = ()  # "field: where" for values read from a page's markup


def normalise_text(text: str) -> str:
    text = unicodedata.normalize(
        "NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    ).translate(_INVISIBLE)
    text = _CONTROL.sub("", text.replace("\f", "\n").replace("\v", "\n"))
    text = _INLINE_NOISE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _joins(line: str, nxt: str) -> bool:
    """Is `nxt` the continuation of a hard-wrapped `line`?"""
    if line.endswith(_END) or not nxt:
        return False
    return nxt[0].islower() or (len(line) >= 40 and line[-1].isalnum() or line.endswith((",", ";", "-")))


def paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; inside a block, wrapped lines are joined and other lines
    are paragraphs of their own (sentence splitting treats each line as a boundary)."""
    out: list[str] = []
    cur = ""
    for line in lines + [""]:
        if not line:
            if cur:
                out.append(cur)
            cur = ""
        elif cur and _joins(cur, line):
            cur = cur[:-1] + line if cur.endswith("-") and line[0].islower() else f"{cur} {line}"
        else:
            if cur:
                out.append(cur)
            cur = line
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+")
_BREAKS = ("; ", ": ", ", ", " \u2014 ", " - ", " ")


def split_long_sentences(paragraph: str, limit: int) -> tuple[str, int]:
    """(paragraph with every sentence longer than `limit` characters cut into pieces of at most
    `limit`, each on a line of its own, how many sentences were cut). A cut goes at the last
    clause break (; : , dash) before the limit, else the last space (which becomes the line
    break, so the text keeps its length), else anywhere."""
    if len(paragraph) <= limit:
        return paragraph, 0
    out, cut, pos = [], 0, 0
    for m in [*_SENTENCE_END.finditer(paragraph), None]:
        end = m.end() if m else len(paragraph)
        sentence = paragraph[pos:end]
        pos = end
        if len(sentence) <= limit:
            out.append(sentence)
            continue
        cut += 1
        while len(sentence) > limit:
            at = -1
            for brk in _BREAKS:
                at = sentence.rfind(brk, limit // 4, limit)
                if at >= 0:
                    at += len(brk) - 1  # the space after the break becomes the line break
                    break
            if at >= 0:
                out.append(sentence[:at] + "\n")
                sentence = sentence[at + 1 :]
            else:
                out.append(sentence[:limit] + "\n")
                sentence = sentence[limit:]
        out.append(sentence)
    return "".join(out), cut


def _finer(given: str | None, sniffed: str | None) -> str | None:
    """The container's date, or the sniffed stamp when it is the same day with a time."""
    if given and sniffed and len(given) == 10 and sniffed.startswith(given):
        return sniffed
    return given


def _valid(given: Given, source: str, text: str, options: ReadOptions) -> tuple[Given, str, str]:
    """Every string made valid text (see valid.py); what was replaced is noted, with the source."""
    fixed = 0
    fields = {}
    for name in Given.__dataclass_fields__:
        value = getattr(given, name)
        if isinstance(value, str):
            value, n = valid_text(value)
            fixed += n
        fields[name] = value
    source = valid_text(source)[0]
    text, n = valid_text(text)
    fixed += n
    if fixed:
        options.note(f"{source}: {fixed} invalid character(s) (lone surrogates, NUL) replaced or removed")
    return Given(**fields), source, text


@dataclass
class _Body:
    """The body as it is being cleaned: its paragraphs and what was taken out of it."""

    head: Header
    paras: list[str]
    removed: list[str]
    dateline: Dateline | None = None
    trailing_agency: str | None = None  # "— AFP" closing the story


def _clean_body(text: str, options: ReadOptions, given: Given, agencies: Agencies, boiler: Boilerplate) -> _Body:
    """Header, boilerplate lines, dateline, wire trailer and closing agency taken out of `text`."""
    if options.sniff_header:
        # a title given by the container is the title: the first line is only taken out if it repeats it
        head = sniff_header(text, agencies, boiler.is_boilerplate, options.day_first, known_title=given.title)
    else:
        head = Header(body=text)
    if options.remove_boilerplate:
        kept, removed = boiler.clean_lines(head.body.split("\n"))
    else:
        kept, removed = head.body.split("\n"), []
    body = _Body(head, paragraphs(kept), removed)
    paras = body.paras
    body.dateline = parse_dateline(paras[0], agencies) if paras else None
    if body.dateline and options.cut_dateline:
        paras[0] = body.dateline.rest
        body.paras = paras = [p for p in paras if p]
    if paras and options.remove_boilerplate:
        paras[-1], tail = boiler.split_tail(paras[-1])
        if tail:
            removed.append(tail)
    credit = (
        parse_byline(paras[-1], agencies)
        if options.remove_boilerplate and len(paras) > 1 and len(paras[-1]) <= 40
        else None
    )
    if credit and credit[0] is None:  # "— AFP" closing the story
        removed.append(paras.pop())
        body.trailing_agency = credit[1]
    if head.standfirst:
        paras.insert(0, head.standfirst)
    return body


def _split_sentences(paras: list[str], source: str, options: ReadOptions) -> None:
    """Sentences over options.max_sentence_chars cut in place, with a note."""
    if not options.max_sentence_chars:
        return
    split = 0
    for i, para in enumerate(paras):
        paras[i], k = split_long_sentences(para, options.max_sentence_chars)
        split += k
    if split:
        options.note(
            f"{source}: {split} sentence(s) over {options.max_sentence_chars:,} characters split at "
            f"clause boundaries (ReadOptions.max_sentence_chars: coding time grows with the square of "
            f"a sentence's length)"
        )


def _times(given: Given, head: Header, published: str | None, options: ReadOptions) -> tuple[str | None, str | None]:
    """(published, updated): the container's, made finer by the header's stamps, else the header's,
    else `published`; a page that shows only when it was updated gives that as its publication."""
    pub = (
        _finer(normalise_date(given.published, options.day_first), head.published)
        or head.published
        or normalise_date(published, options.day_first)
        or head.updated
    )
    upd = _finer(normalise_date(given.updated, options.day_first), head.updated) or head.updated
    return pub, upd


def _sources_kept(given: Given, article: dict[str, str | None]) -> tuple[str, ...]:
    """The container's "field: where" notes for the fields whose value it gave is the article's."""
    kept = []
    for note in given.metadata_from:
        field = note.split(":", 1)[0]
        value, ours = getattr(given, field, None), article.get(field)
        if value and ours and (ours == value or ours.startswith(normalise_date(value) or value)):
            kept.append(note)
    return tuple(kept)


def compose_article(
    text: str,
    source: str,
    options: ReadOptions,
    given: Given = Given(),
    published: str | None = None,
    removed: tuple[str, ...] = (),
) -> Article | InputError:
    """The Article of `text`; `removed` are lines the reader already took out (page furniture)."""
    agencies = load_agencies(tuple(options.agency_files))
    boiler = load_boilerplate(tuple(options.boilerplate_files), options.replace_boilerplate)
    given, source, text = _valid(given, source, text, options)
    text = normalise_text(text)
    if not text.strip():
        return InputError(source, "empty input (no text)")
    cleaned = _clean_body(text, options, given, agencies, boiler)
    head, paras, dateline = cleaned.head, cleaned.paras, cleaned.dateline
    _split_sentences(paras, source, options)
    body = "\n\n".join(paras)
    removed_all = removed + tuple(head.removed) + tuple(cleaned.removed)
    if not body.strip():
        why = f" after removing {len(removed_all)} boilerplate line(s)" if removed_all else ""
        return InputError(source, f"no article text{why} (only a header or boilerplate)")
    pub, upd = _times(given, head, published, options)
    agency = (
        agencies.canonical(given.agency)
        or given.agency
        or head.agency
        or (dateline.agency if dateline else None)
        or cleaned.trailing_agency
        or agencies.canonical(given.byline)
        or agencies.canonical(given.outlet)
    )
    byline = given.byline if given.byline and not agencies.canonical(given.byline) else head.byline
    language = given.language.split("-")[0].split("_")[0].lower() if given.language else None  # "en-GB" -> "en"
    if not language and options.detect_language:
        language = detect_language(body, options.language)
    title = given.title or head.title
    found = {"title": title, "byline": byline, "published": pub, "updated": upd}
    return Article(
        id=Article.make_id(body, given.url, given.id),
        text=body,
        title=title,
        outlet=given.outlet or head.outlet,
        byline=byline,
        agency=agency,
        published=pub,
        updated=upd,
        url=given.url,
        language=language,
        dateline=dateline.place if dateline else None,
        removed=removed_all,
        source=source,
        metadata_from=_sources_kept(given, found),
    )
