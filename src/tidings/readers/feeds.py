"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item is an article (source "path:item N").

The item's full content (content:encoded, Atom content) is used when present, else its
summary; HTML in it is reduced to paragraphs. A feed carries no more than its publisher put
in it: many feeds hold only a summary, and the article is then that summary.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from typing import Iterator

from ..records import Article, InputError
from ..records.errors import InputFileError
from .compose import Given, compose_article
from .options import ReadOptions
from .stamps import normalise_date

__all__ = ["read_feed", "feed_entries", "FeedEntry", "FeedError", "looks_like_feed", "fragment_text"]

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rss1": "http://purl.org/rss/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "figure"}


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def fragment_text(html: str) -> str:
    """An HTML fragment as text, one block element per paragraph."""
    from lxml import html as lxml_html

    if "<" not in html:
        return html
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on junk; the text itself is still useful
        return html
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
        if el.text:
            el.text = "\n\n" + el.text
    for el in root.iter("script", "style"):
        el.drop_tree()
    return root.text_content()


def _date(value: str | None) -> str | None:
    if not value:
        return None
    found = normalise_date(value)
    if found:
        return found
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return None
    return parsed.replace(tzinfo=None, microsecond=0).isoformat()


def _text(el, path: str) -> str | None:
    found = el.find(path, NS)
    if found is None:
        return None
    value = "".join(found.itertext()).strip()
    return value or None


def _items(root):
    """(kind, element) for every item of the feed, and the feed's title."""
    tag = root.tag.lower()
    if tag.endswith("rss"):
        channel = root.find("channel")
        return (
            "rss",
            (channel.findall("item") if channel is not None else []),
            _text(channel, "title") if channel is not None else None,
        )
    if tag.endswith("feed"):
        return "atom", root.findall("atom:entry", NS), _text(root, "atom:title")
    if tag.endswith("rdf"):
        channel = root.find("rss1:channel", NS)
        return "rss1", root.findall("rss1:item", NS), _text(channel, "rss1:title") if channel is not None else None
    return None, [], None


def _atom_link(entry) -> str | None:
    links = entry.findall("atom:link", NS)
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return links[0].get("href") if links else None


def _given(kind: str, item, outlet: str | None) -> tuple[Given, str | None]:
    if kind == "atom":
        body = _text(item, "atom:content") or _text(item, "atom:summary")
        author = _text(item, "atom:author/atom:name")
        return Given(
            id=_text(item, "atom:id"),
            title=_text(item, "atom:title"),
            outlet=outlet,
            byline=author,
            published=_date(_text(item, "atom:published") or _text(item, "atom:updated")),
            updated=_date(_text(item, "atom:updated")) if _text(item, "atom:published") else None,
            url=_atom_link(item),
        ), body
    prefix = "rss1:" if kind == "rss1" else ""
    body = _text(item, "content:encoded") or _text(item, f"{prefix}description")
    guid = _text(item, "guid")
    return Given(
        id=guid,
        title=_text(item, f"{prefix}title"),
        outlet=outlet,
        byline=_text(item, "dc:creator") or _text(item, "author"),
        published=_date(_text(item, "pubDate") or _text(item, "dc:date")),
        url=_text(item, f"{prefix}link") or (guid if guid and guid.startswith("http") else None),
    ), body


class FeedError(InputFileError):
    """Bytes that are no RSS or Atom feed (bad XML, another document)."""


@dataclass(frozen=True)
class FeedEntry:
    """One item as its feed gives it: the metadata and the body (content, else summary)."""

    given: Given
    body: str | None


def feed_entries(data: bytes, recover: bool = True) -> list[FeedEntry]:
    """Every item of an RSS 2.0, RSS 1.0 or Atom feed, parsed without entity expansion or
    network access (the one feed parser: read_feed and the watch loop both use it). `recover`
    reads what it can of broken XML. FeedError when `data` is no feed."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=recover, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"invalid XML: {exc}") from None
    if root is None:
        raise FeedError("invalid XML: no document element")
    kind, items, outlet = _items(root)
    if kind is None:
        raise FeedError(f"not an RSS or Atom feed (document element <{etree.QName(root).localname}>)")
    return [FeedEntry(*_given(kind, item, outlet)) for item in items]


def read_feed(
    data: bytes, path: str, options: ReadOptions, published: str | None = None
) -> Iterator[Article | InputError]:
    try:
        entries = feed_entries(data)
    except FeedError as exc:
        yield InputError(path, str(exc))
        return
    if not entries:
        yield InputError(path, "feed has no items")
        return
    for n, entry in enumerate(entries, 1):
        given, body = entry.given, entry.body
        if not body:
            yield InputError(f"{path} item {n}", "feed item has no content or description")
            continue
        out = compose_article(fragment_text(body), f"{path}:item {n}", options, given, published)
        yield InputError(f"{path} item {n}", out.problem) if isinstance(out, InputError) else out
