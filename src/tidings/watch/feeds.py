"""Feed items for the watch loop (url, title, published, guid), read by the readers' one feed
parser (readers.feeds.feed_entries): RSS 2.0, RSS 1.0 and Atom, without entity expansion or
network access."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from ..readers.feeds import FeedError, feed_entries

__all__ = ["FeedItem", "FeedError", "parse_feed"]


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date-time when the feed gives one
    guid: str | None = None


def parse_feed(data: bytes, base_url: str = "") -> list[FeedItem]:
    """The feed's items that link to an article (relative links resolved against `base_url`);
    FeedError when `data` is no well-formed feed."""
    return [
        FeedItem(urljoin(base_url, e.given.url), e.given.title, e.given.published, e.given.id)
        for e in feed_entries(data, recover=False)
        if e.given.url
    ]
