"""How clean is the body tidings reads from an HTML page? Token precision/recall/F1 per setting.

    .venv/bin/python bench/html_extract.py [--pages DIR] [--per-page] [--show NAME] [--ablation]

Pages: every NAME.html under tests/fixtures/html/ (news pages written for the project in eight
site layouts, with navigation, share widgets, captions, related links, comments, inline ads
and wire credit lines), each with NAME.txt, the body as it should be read: the article's
paragraphs without the dateline, captions, credit lines or page furniture. The cleaning rules
were written on those pages; --pages tests/fixtures/html/heldout measures five pages in other
layouts written after them (docs/readers.md has both tables).

Settings: trafilatura alone (its text, as bare_extraction returns it) with each of its options
(favor_precision, favor_recall, include_tables, include_comments, fast = no fallback
extractors), then the same extraction followed by what tidings adds (readers.compose: header,
dateline, boilerplate lines and trailers) as a plain text gets it ("+ text cleaning"), then all
of it, with the page-only steps of readers.html.tidy_page_text ("tidings"). Tokens are words (letters and digits, lower-cased)
counted as a bag: precision = shared / read, recall = shared / expected, summed over pages
(micro), F1 from those; "pages" is the mean per-page F1. The tidings default is marked '*'.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.readers import ReadOptions  # noqa: E402
from tidings.readers.compose import Given, compose_article  # noqa: E402
from tidings.readers.html import DEFAULT_EXTRACTION, Extraction, extract_page, read_html  # noqa: E402
from tidings.records import InputError  # noqa: E402

_WORD = re.compile(r"\w+")

SETTINGS: list[tuple[str, Extraction]] = [
    ("default", Extraction()),
    ("favor_precision", Extraction(favor_precision=True)),
    ("favor_recall", Extraction(favor_recall=True)),
    ("include_tables", Extraction(include_tables=True)),
    ("include_comments", Extraction(include_comments=True)),
    ("fast (no fallback)", Extraction(fast=True)),
    ("favor_precision + fast", Extraction(favor_precision=True, fast=True)),
    ("favor_precision + tables", Extraction(favor_precision=True, include_tables=True)),
]


def tokens(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def score(got: str, want: str) -> tuple[int, int, int]:
    """(shared tokens, tokens read, tokens expected)."""
    g, w = tokens(got), tokens(want)
    return sum((g & w).values()), sum(g.values()), sum(w.values())


def prf(shared: int, read: int, wanted: int) -> tuple[float, float, float]:
    p = shared / read if read else 0.0
    r = shared / wanted if wanted else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def raw_text(page: str, extraction: Extraction) -> str:
    found = extract_page(page, extraction)
    return found.text if found else ""


def text_cleaning_text(page: str, extraction: Extraction, name: str) -> str:
    """trafilatura's text through the cleaning a plain text gets (header, dateline, boilerplate
    lines, trailers), without the page-only steps (tidy_page_text) or the page's metadata."""
    found = extract_page(page, extraction)
    if not found:
        return ""
    art = compose_article(found.text.replace("\n", "\n\n"), name, ReadOptions(), Given(title=found.title))
    return "" if isinstance(art, InputError) else art.text


def tidings_text(page: str, extraction: Extraction, name: str) -> str:
    art = read_html(page, name, ReadOptions(), extraction=extraction)
    return "" if isinstance(art, InputError) else art.text


READERS = [
    ("trafilatura", lambda page, ex, name: raw_text(page, ex)),
    ("+ text cleaning", text_cleaning_text),
    ("tidings", tidings_text),
]


ABLATIONS: list[tuple[str, ReadOptions]] = [
    ("all of tidings' cleaning", ReadOptions()),
    ("without header sniffing", ReadOptions(sniff_header=False)),
    ("without cutting the dateline", ReadOptions(cut_dateline=False)),
    ("without boilerplate lines (credits, captions, widgets)", ReadOptions(remove_boilerplate=False)),
]


def ablation(texts: dict[str, tuple[str, str]]) -> None:
    """Token P/R/F1 of the default extraction with one cleaning step off at a time."""
    print("| default extraction | P | R | F1 |")
    print("|---|---|---|---|")
    rows = [(label, lambda page, name, opts=opts: read_html(page, name, opts)) for label, opts in ABLATIONS]
    rows.append(("without the page-only steps", lambda page, name: text_cleaning_text(page, DEFAULT_EXTRACTION, name)))
    rows.append(("trafilatura alone", lambda page, name: raw_text(page, DEFAULT_EXTRACTION)))
    for label, read in rows:
        total = [0, 0, 0]
        for name, (page, want) in texts.items():
            got = read(page, name)
            text = got if isinstance(got, str) else "" if isinstance(got, InputError) else got.text
            total = [a + b for a, b in zip(total, score(text, want))]
        p, r, f = prf(*total)
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=ROOT / "tests/fixtures/html")
    ap.add_argument("--per-page", action="store_true", help="print each page's F1 under each setting")
    ap.add_argument("--show", metavar="NAME", help="print what each setting reads from this page")
    ap.add_argument(
        "--ablation", action="store_true", help="the default extraction with one cleaning step off at a time"
    )
    args = ap.parse_args(argv)
    pages = sorted(args.pages.glob("*.html"))
    texts = {p.stem: (p.read_text(encoding="utf-8"), p.with_suffix(".txt").read_text(encoding="utf-8")) for p in pages}
    if args.show:
        page = texts[args.show][0]
        for label, ex in SETTINGS:
            print(
                f"=== {label} / trafilatura\n{raw_text(page, ex)}\n=== {label} / tidings\n{tidings_text(page, ex, args.show)}\n"
            )
        return 0
    print(f"{len(pages)} pages from {args.pages}\n")
    if args.ablation:
        ablation(texts)
        return 0
    print("| setting | read by | P | R | F1 | pages F1 | worst page |")
    print("|---|---|---|---|---|---|---|")
    for label, ex in SETTINGS:
        for who, read in READERS:
            total = [0, 0, 0]
            per_page: dict[str, float] = {}
            for name, (page, want) in texts.items():
                got = read(page, ex, name)
                counts = score(got, want)
                total = [a + b for a, b in zip(total, counts)]
                per_page[name] = prf(*counts)[2]
            p, r, f = prf(*total)
            worst = min(per_page, key=per_page.__getitem__)
            mark = " *" if who == "tidings" and ex == DEFAULT_EXTRACTION else ""
            mean = sum(per_page.values()) / len(per_page)
            print(
                f"| {label}{mark} | {who} | {p:.3f} | {r:.3f} | {f:.3f} | {mean:.3f} | {worst} {per_page[worst]:.3f} |"
            )
            if args.per_page:
                for name, value in per_page.items():
                    print(f"|   | {name} | | | {value:.3f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
