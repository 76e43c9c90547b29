"""RSS 2.0 and Atom feeds -> items (url, title, published, guid). Parsed without entity
expansion or network access."""
from __future__ import annotations

import email.utils
from dataclasses import dataclass
from urllib.parse import urljoin

from ..records.errors import InputFileError


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date-time when the feed gives one
    guid: str | None = None


class FeedError(InputFileError):
    """A fetched feed that cannot be parsed."""


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _text(el, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name and (child.text or "").strip():
            return child.text.strip()
    return None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).replace(tzinfo=None).isoformat()
    except (TypeError, ValueError):
        pass
    v = value.strip()
    if len(v) >= 10 and v[4] == "-" and v[7] == "-":
        return v[:19]
    return None


def parse_feed(data: bytes, base_url: str = "") -> list[FeedItem]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a feed: {exc}") from None
    kind = _local(root.tag)
    items = []
    if kind in ("rss", "rdf"):
        for el in root.iter():
            if _local(el.tag) != "item":
                continue
            link = _text(el, "link") or _text(el, "guid")
            if link:
                items.append(FeedItem(urljoin(base_url, link), _text(el, "title"), _iso(_text(el, "pubdate") or _text(el, "date")),
                                      _text(el, "guid")))
    elif kind == "feed":
        for el in root:
            if _local(el.tag) != "entry":
                continue
            href = None
            for child in el:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    href = child.get("href")
                    break
            if href:
                items.append(FeedItem(urljoin(base_url, href), _text(el, "title"),
                                      _iso(_text(el, "published") or _text(el, "updated")), _text(el, "id")))
    else:
        raise FeedError(f"not an RSS or Atom feed (root element <{kind}>)")
    return items
