"""Field names of records as people have them: tidings' own names and the aliases used by
common scrapers and news APIs (NewsAPI, the Guardian and NYT APIs, newspaper3k, news-please,
trafilatura's JSON, GDELT and RSS exports), for JSON lines, JSON arrays and CSV headers alike. See docs/readers.md.

`canonical(record)` maps a record (keys lower-cased) to tidings' names: for each field the
first name in its list that holds a value wins. `source.name` reads a nested object
(NewsAPI's `"source": {"id": null, "name": "Reuters"}`); a list of names (`authors`) is
joined with ", ". A record with no text field at all gets `missing_text(...)`: a message
naming the fields it needs and those it has.
"""

from __future__ import annotations

import re

__all__ = [
    "ALIASES",
    "TEXT_FIELDS",
    "RESPONSE_LISTS",
    "RESPONSE_OBJECTS",
    "api_error",
    "canonical",
    "missing_text",
    "text_columns",
    "unread_date_columns",
]

# tidings' name -> the names read as it, in order of preference (all lower case)
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "uuid", "guid"),
    "text": (
        "text",
        "content",
        "body",
        "article",
        "article_text",
        "full_text",
        "fulltext",
        "maintext",
        "fields.bodytext",
    ),
    "html": ("html", "raw_html", "content_html", "fields.body"),
    # a summary is the text only when the record has no full text (as for feeds)
    "summary": ("description", "summary"),
    "title": ("title", "headline", "webtitle"),
    "published": (
        "published",
        "publishedat",
        "published_at",
        "date_published",
        "datepublished",
        "publish_date",
        "published_date",
        "pubdate",
        "pub_date",
        "date",
        "datetime",
        "webpublicationdate",
    ),
    "updated": ("updated", "updated_at", "updatedat", "date_modified", "datemodified", "modified", "last_modified"),
    "url": ("url", "link", "canonical_url", "weburl", "web_url"),
    "outlet": ("outlet", "source.name", "source", "source_name", "site_name", "sitename", "publisher"),
    "byline": ("byline", "author", "authors", "creator", "fields.byline"),
    "agency": ("agency",),
    "language": ("language", "lang"),
}
TEXT_FIELDS = ALIASES["text"] + ALIASES["html"] + ALIASES["summary"]
# A news API's response saved whole is one JSON object whose articles are the list under one of
# these keys (NewsAPI and GNews "articles"; Mediastack and TheNewsAPI "data"; NewsData.io
# "results"), at the top or inside one of RESPONSE_OBJECTS (the Guardian's
# {"response": {"results": [...]}}, the NYT's {"response": {"docs": [...]}}): readers.formats
RESPONSE_LISTS = ("articles", "data", "results", "docs", "documents", "items", "stories", "news")
RESPONSE_OBJECTS = ("response", "data", "result")
_KNOWN = {name for names in ALIASES.values() for name in names} | {"source"}
_DATEISH = re.compile(r"date|time|publish|updated|modified|stamp", re.I)
# NewsAPI's `content` is cut at 200 characters and ends "… [+3250 chars]"
_TRUNCATED = re.compile(r"\s*\[\+\d+ chars\]\s*$")


def _value(rec: dict, name: str):
    if name in rec:  # also a CSV column named "source.name"
        return rec[name]
    if "." in name:
        outer, inner = name.split(".", 1)
        obj = rec.get(outer)
        return {str(k).lower(): v for k, v in obj.items()}.get(inner) if isinstance(obj, dict) else None
    return rec.get(name)


def _names(value):
    """A list of author names (strings, or objects with a "name") -> "A, B"; other lists are
    left for the caller to refuse."""
    if isinstance(value, list) and value:
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        if all(isinstance(v, str) for v in names):
            return ", ".join(v.strip() for v in names if v.strip()) or None
    return value


def _scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def canonical(rec: dict) -> tuple[dict, dict[str, str]]:
    """(record under tidings' names, {tidings' name: the field it was read from}). Keys of
    `rec` are lower case. An alias whose value is no string or number (`"source": {...}`, a
    list) is passed over for the next name: `"source": {"name": ...}` is read through
    `source.name`; tidings' own names are taken as they are (and a bad value refused)."""
    out: dict = {}
    origin: dict[str, str] = {}
    for field, names in ALIASES.items():
        for name in names:
            value = _value(rec, name)
            if field == "byline":
                value = _names(value)
            if name != field and field not in ("text", "html", "summary") and not _blank(value) and not _scalar(value):
                continue  # an alias holding something else (a list, an object) is not this field
            if not _blank(value):
                out[field], origin[field] = value, name
                break
        else:  # present but empty or null: keep it, so that "record has empty text" can say so
            present = next((n for n in names if n in rec and _blank(rec[n])), None)
            if present is not None:
                out[field], origin[field] = rec[present], present
    if "text" not in out or _blank(out.get("text")):
        if _blank(out.get("html")) and not _blank(out.get("summary")):
            out["text"], origin["text"] = out["summary"], origin["summary"]
    if isinstance(out.get("text"), str) and origin.get("text") == "content":
        out["text"] = _TRUNCATED.sub("", out["text"])
    out.pop("summary", None)
    return out, origin


def missing_text(found, csv: bool = False) -> str:
    """The message for a record (or a CSV header) with no text field: what it needs, what it has."""
    found = [str(f) for f in found]
    shown = ", ".join(repr(f) for f in found[:15]) + (f" and {len(found) - 15} more" if len(found) > 15 else "")
    also = ", ".join(n for n in TEXT_FIELDS if n not in ("text", "html"))
    if csv:
        return f"CSV has no 'text' or 'html' column: it needs one (also read: {also}); found {shown or 'no columns'}"
    return f"record has no text field: it needs 'text' or 'html' (also read: {also}); found {shown or 'no fields'}"


def api_error(rec: dict) -> str:
    """The message for a news API's error response saved instead of its articles ({"status":
    "error", "code": "apiKeyInvalid", "message": "..."}), or "" when the record is no such answer."""
    status = str(rec.get("status") or "").lower()
    error = rec.get("error")
    if status not in ("error", "failed", "fail") and not isinstance(error, (dict, str)):
        return ""
    detail = error if isinstance(error, dict) else {}
    code = rec.get("code") or detail.get("code") or ""
    message = rec.get("message") or detail.get("message") or (error if isinstance(error, str) else "")
    said = ": ".join(str(x)[:200] for x in (code, message) if x)
    return "a news API's error response, not articles" + (f" ({said})" if said else "") + ": fetch the page again"


def list_hint(rec: dict) -> str:
    """' (its 'articles' is a list of N objects: ...)' when a field holds the articles (an API
    response saved whole)."""
    for key, value in rec.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return (
                f" (its {key!r} is a list of {len(value)} object(s): a news API's response? "
                f"save that list as the file, e.g. jq '.{key}')"
            )
    return ""


def text_columns(columns) -> list[str]:
    """The columns of a CSV header that give an article's text."""
    return [c for c in columns if c in TEXT_FIELDS]


def unread_date_columns(columns) -> list[str]:
    """Columns that look like a date or time but are not read as one (noted, never silently
    dropped)."""
    return [c for c in columns if c not in _KNOWN and _DATEISH.search(c)]
