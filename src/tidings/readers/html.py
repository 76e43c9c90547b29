"""HTML pages -> body text through trafilatura, metadata from the page's own markup, then the
common cleaning (compose.py).

The body: trafilatura's main-text extraction with the settings of DEFAULT_EXTRACTION, chosen by
bench/html_extract.py on the pages of tests/fixtures/html (docs/readers.md has the table).

The metadata: title, byline, publication and update times are read from what the page declares
(JSON-LD NewsArticle, OpenGraph and other <meta> tags, <time datetime>), in that order of trust;
trafilatura's own guesses come last. Where each one came from is kept on the article
(Article.metadata_from: "published: JSON-LD datePublished").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..records import Article, InputError
from .compose import Given, compose_article
from .options import ReadOptions
from .stamps import normalise_date

__all__ = [
    "DEFAULT_EXTRACTION",
    "Extraction",
    "PageMeta",
    "extract_page",
    "looks_like_html",
    "page_metadata",
    "read_html",
    "tidy_page_text",
]

MIN_WORDS = 5  # fewer words from a page is a menu or a stub, not an article
MAX_ABOVE_TITLE = 15  # lines of menus and kickers looked through for the headline
ABOVE_TITLE_WORDS = 8  # ... each this short: above a longer line, the headline's repeat is not the page's top
LABEL_WORDS = 4  # a line of at most this many words without a sentence's end is a label
LABEL_RUN = 3  # so many labels in a row are a menu or a table, not prose
PULL_QUOTE_WORDS = 6  # a paragraph repeated elsewhere on the page is a pull quote from this length
PULL_QUOTE_PARAGRAPHS = 2000  # on longer pages only exact copies are looked for (the search is quadratic)
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "'", "’", ")")


@dataclass(frozen=True)
class Extraction:
    """trafilatura's settings for the body (the names are trafilatura's)."""

    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = False
    include_comments: bool = False
    fast: bool = False  # no fallback extractors (readability, jusText)


# the cleanest body on tests/fixtures/html (bench/html_extract.py; docs/readers.md)
DEFAULT_EXTRACTION = Extraction()  # favor_precision loses whole pages laid out as tables

_NEWS_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "report"}
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "byline": ("author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"),
    "published": (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "sailthru.date",
        "parsely-pub-date",
    ),
    "updated": (
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "lastmod",
        "last-modified",
        "dc.date.modified",
    ),
}
_TIME_HINTS = {
    "published": ("datepublished", "published", "pubdate", "posted"),
    "updated": ("datemodified", "updated", "modified"),
}
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself, and where each value was found."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None
    updated: str | None = None
    found_in: tuple[tuple[str, str], ...] = ()  # (field, where): ("published", "JSON-LD datePublished")


def looks_like_html(text: str, strict: bool = False) -> bool:
    """Markup at the top; `strict` (for .txt files) asks for a whole page (<!doctype html> or <html>)."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return not strict and bool(re.search(r"<(head|body|article|p|div)\b", head))


def _json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object of the page's JSON-LD scripts (top level, lists and @graph)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # bad JSON, or nested deeper than Python's stack
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    yield from (g for g in graph if isinstance(g, dict))


def _is_news(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.lower() in _NEWS_TYPES for k in names)


def _names(author: Any, depth: int = 0) -> list[str]:
    """Author names of a JSON-LD author value (a name, a Person, or a list of them); values
    nested deeper than a list of Persons are not looked into."""
    if isinstance(author, str):
        return [author.strip()] if author.strip() and not author.startswith("http") else []
    if depth > 2:
        return []
    if isinstance(author, dict):
        return _names(author.get("name"), depth + 1)
    if isinstance(author, list):
        return [name for one in author for name in _names(one, depth + 1)]
    return []


def _join_names(names: list[str]) -> str | None:
    unique = list(dict.fromkeys(n for n in names if n))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def _from_json_ld(tree: Any) -> dict[str, tuple[str, str]]:
    """field -> (value, where) from the first news article object of the JSON-LD."""
    found: dict[str, tuple[str, str]] = {}
    for item in _json_ld_items(tree):
        if not _is_news(item):
            continue
        headline = item.get("headline")
        if isinstance(headline, str) and headline.strip():
            found.setdefault("title", (headline.strip(), "JSON-LD headline"))
        byline = _join_names(_names(item.get("author")))
        if byline:
            found.setdefault("byline", (byline, "JSON-LD author"))
        for field, key in (("published", "datePublished"), ("updated", "dateModified")):
            value = item.get(key)
            stamp = normalise_date(value) if isinstance(value, str) else None
            if stamp:
                found.setdefault(field, (stamp, f"JSON-LD {key}"))
    return found


def _from_meta(tree: Any) -> dict[str, tuple[str, str]]:
    """field -> (value, where) from <meta property|name|itemprop=... content=...>."""
    found: dict[str, tuple[str, str]] = {}
    for meta in tree.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                break
        content = (meta.get("content") or "").strip()
        if not key or not content:
            continue
        for field, keys in _META_KEYS.items():
            if key not in keys or field in found:
                continue
            if field in ("published", "updated"):
                value = normalise_date(content)
            elif field == "byline":
                value = None if content.startswith("http") else _BY_PREFIX.sub("", content).strip() or None
            else:
                value = content
            if value:
                found[field] = (value, f"<meta {attr}={key}>")
    return found


def _from_time_tags(tree: Any) -> dict[str, tuple[str, str]]:
    """published/updated from <time datetime>: one marked as such (itemprop, class, pubdate),
    else the first <time> of the page for the publication."""
    found: dict[str, tuple[str, str]] = {}
    first: str | None = None
    for tag in tree.iter("time"):
        stamp = normalise_date(tag.get("datetime"))
        if not stamp:
            continue
        marks = " ".join(
            [tag.get("itemprop") or "", tag.get("class") or "", "pubdate" if "pubdate" in tag.attrib else ""]
        ).lower()
        for field, hints in _TIME_HINTS.items():
            if field not in found and any(hint in marks for hint in hints):
                found[field] = (stamp, f"<time datetime> ({field})")
                break
        else:
            first = first or stamp
    if "published" not in found and first:
        found["published"] = (first, "<time datetime>")
    return found


def _rel_author(tree: Any) -> dict[str, tuple[str, str]]:
    names = [" ".join(a.text_content().split()) for a in tree.iter("a") if (a.get("rel") or "").lower() == "author"]
    byline = _join_names(names)
    return {"byline": (byline, '<a rel="author">')} if byline else {}


def page_metadata(tree: Any) -> PageMeta:
    """Title, byline and times the page declares, trusting JSON-LD, then <meta>, then <time> tags
    and rel="author" links."""
    found: dict[str, tuple[str, str]] = {}
    for layer in (_from_json_ld(tree), _from_meta(tree), _from_time_tags(tree), _rel_author(tree)):
        for field, hit in layer.items():
            found.setdefault(field, hit)
    values = {field: hit[0] for field, hit in found.items()}
    order = ("title", "byline", "published", "updated")
    return PageMeta(
        **values,
        found_in=tuple((field, found[field][1]) for field in order if field in found),
    )


def extract_page(page: Any, extraction: Extraction = DEFAULT_EXTRACTION, url: str | None = None) -> Any:
    """trafilatura's Document for a page (text or parsed tree), or None when it finds no text."""
    import trafilatura

    return trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_images=False,
        include_comments=extraction.include_comments,
        include_tables=extraction.include_tables,
        favor_precision=extraction.favor_precision,
        favor_recall=extraction.favor_recall,
        fast=extraction.fast,
    )


def _merged(given: Given, meta: PageMeta, doc: Any) -> Given:
    """The container's metadata first, then the page's own, then trafilatura's guesses; the
    source of each page value used is listed."""
    author = (doc.author or "").replace(";", ",").strip() or None
    picked: dict[str, str | None] = {}
    found_in = dict(meta.found_in)
    sources = list(given.metadata_from)
    for field, guess in (("title", doc.title), ("byline", author), ("published", doc.date), ("updated", None)):
        own = getattr(given, field)
        page_value = getattr(meta, field)
        if own:
            picked[field] = own
        elif page_value:
            picked[field] = page_value
            sources.append(f"{field}: {found_in[field]}")
        else:
            picked[field] = guess
            if guess:
                sources.append(f"{field}: trafilatura")
    return Given(
        id=given.id,
        title=picked["title"],
        outlet=given.outlet or doc.sitename or doc.hostname,
        byline=picked["byline"],
        agency=given.agency,
        published=picked["published"],
        updated=picked["updated"],
        url=given.url or doc.url,
        language=given.language,
        metadata_from=tuple(sources),
    )


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(".") == " ".join(b.split()).casefold().rstrip(".")


def _is_label(line: str) -> bool:
    """A menu item, a table cell, a kicker: a few words that end no sentence."""
    words = line.split()
    return len(words) <= LABEL_WORDS and not line.endswith(_SENTENCE_END) and words[0].lower() != "by"


def tidy_page_text(text: str, title: str | None) -> tuple[list[str], list[str]]:
    """(paragraphs, removed) of a page's extracted text: what stands above the headline (menus,
    a kicker), runs of LABEL_RUN labels or more (menus, table cells left in a page laid out as a
    table) and paragraphs repeated inside another one (pull quotes) are removed. Only for HTML:
    a plain text never goes through this."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    removed: list[str] = []
    if title:
        for i, line in enumerate(lines[:MAX_ABOVE_TITLE]):
            if _same_line(line, title):
                if all(len(above.split()) <= ABOVE_TITLE_WORDS for above in lines[:i]):
                    removed += lines[:i]
                    lines = lines[i:]
                break
    kept: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line and _is_label(line) and not (title and _same_line(line, title)):
            run.append(line)
            continue
        (removed if len(run) >= LABEL_RUN else kept).extend(run)
        run = []
        if line:
            kept.append(line)
    joined = "\n".join(kept) if len(kept) <= PULL_QUOTE_PARAGRAPHS else ""
    copies = Counter(kept)
    seen: set[str] = set()
    paras: list[str] = []
    for para in kept:
        # inside another paragraph (found more often than it stands alone), or a second copy
        repeated = len(para.split()) >= PULL_QUOTE_WORDS and (para in seen or joined.count(para) > copies[para])
        seen.add(para)
        (removed if repeated else paras).append(para)
    return paras, removed


def read_html(
    html: str,
    source: str,
    options: ReadOptions,
    given: Given = Given(),
    published: str | None = None,
    extraction: Extraction = DEFAULT_EXTRACTION,
) -> Article | InputError:
    from lxml import html as lxml_html
    from lxml.etree import LxmlError

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, LxmlError) as exc:
        return InputError(source, f"cannot parse the HTML: {exc}")
    meta = page_metadata(tree)  # before trafilatura, which prunes the tree it is given
    try:
        doc = extract_page(tree, extraction, given.url)
    except Exception as exc:  # trafilatura raises assorted errors on odd pages
        return InputError(source, f"HTML extraction failed: {type(exc).__name__}: {exc}")
    if doc is None or isinstance(doc, dict) or len((doc.text or "").split()) < MIN_WORDS:
        return InputError(source, "no article text found in the HTML page")
    merged = _merged(given, meta, doc)
    paras, furniture = tidy_page_text(doc.text, merged.title)
    # trafilatura gives one paragraph a line; make paragraphs blank-line separated
    return compose_article("\n\n".join(paras), source, options, merged, published, removed=tuple(furniture))
