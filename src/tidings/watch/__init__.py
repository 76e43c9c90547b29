"""Live monitoring (`tidings watch`): feeds, URL lists and folders on a schedule, with
GDELT-style update files."""

from .feeds import FeedItem, parse_feed
from .fetch import Fetcher, FetchOptions, FetchResult
from .loop import CycleReport, Watcher, WatchOptions

__all__ = ["Watcher", "WatchOptions", "CycleReport", "Fetcher", "FetchOptions", "FetchResult", "FeedItem", "parse_feed"]
