"""HTML pages -> body text and metadata through trafilatura, then the common cleaning."""

from __future__ import annotations

import json
import re

from ..records import Article, InputError
from .compose import Given, compose_article
from .options import ReadOptions
from .stamps import normalise_date

__all__ = ["read_html", "looks_like_html"]

MIN_WORDS = 5  # fewer words from a page is a menu or a stub, not an article

_META_TIME = {
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


def looks_like_html(text: str, strict: bool = False) -> bool:
    """Markup at the top; `strict` (for .txt files) asks for a whole page (<!doctype html> or <html>)."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return not strict and bool(re.search(r"<(head|body|article|p|div)\b", head))


def _stamps_with_time(tree) -> dict[str, str]:
    """Full publication/update times from meta tags and JSON-LD (trafilatura keeps only the day)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        for kind, keys in _META_TIME.items():
            if key in keys and kind not in found:
                value = normalise_date(meta.get("content"))
                if value:
                    found[kind] = value
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            for kind, key in (("published", "datePublished"), ("updated", "dateModified")):
                value = normalise_date(item.get(key)) if isinstance(item.get(key), str) else None
                if value and kind not in found:
                    found[kind] = value
    return found


def read_html(
    html: str,
    source: str,
    options: ReadOptions,
    given: Given = Given(),
    published: str | None = None,
) -> Article | InputError:
    import trafilatura
    from lxml import html as lxml_html

    from lxml.etree import LxmlError

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, LxmlError) as exc:
        return InputError(source, f"cannot parse the HTML: {exc}")
    try:
        doc = trafilatura.bare_extraction(
            tree, url=given.url, with_metadata=True, include_comments=False, include_tables=False, include_images=False
        )
    except Exception as exc:  # trafilatura raises assorted errors on odd pages
        return InputError(source, f"HTML extraction failed: {type(exc).__name__}: {exc}")
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        return InputError(source, "no article text found in the HTML page")
    times = _stamps_with_time(tree)
    # trafilatura gives one paragraph a line; make paragraphs blank-line separated
    text = "\n\n".join(line for line in doc.text.split("\n") if line.strip())
    author = (doc.author or "").replace(";", ",").strip() or None
    meta = Given(
        id=given.id,
        title=given.title or doc.title,
        outlet=given.outlet or doc.sitename or doc.hostname,
        byline=given.byline or author,
        agency=given.agency,
        published=given.published or times.get("published") or doc.date,
        updated=given.updated or times.get("updated"),
        url=given.url or doc.url,
        language=given.language,
    )
    return compose_article(text, source, options, meta, published)
