"""Hostile inputs: each is coded or gets a clear error naming it; a batch never stops."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.run.coding import CodeOptions, code_articles
from tidings.readers import read_data, read_paths, read_text
from tidings.records import Article, InputError

GOOD = (
    "Ghana and Togo sign security pact\n\nBy Example Wire\n\n"
    "ACCRA, May 2 - Ghana and Togo signed a security cooperation agreement on Tuesday, "
    "the two governments said.\n"
)


def hostile_files(folder: Path, big: bool = True) -> dict[str, str]:
    """Write the hostile inputs; returns name -> what we expect ('error' or 'article')."""
    folder.mkdir(parents=True, exist_ok=True)
    expect = {}

    def put(name, data, what):
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expect[name] = what

    put("a-binary.txt", bytes(range(256)) * 64, "error")
    put("b-empty.txt", b"", "error")
    put("c-nul.txt", b"Kenya said\x00\x00 hello\x00 there " * 50, "error")
    put("d-invalid-utf8.txt", b"The minister said \xff\xfe\xfa the talks \xc3\x28 failed." * 3, "any")
    put("e-mixed.txt", "Café talks in Zürich — ".encode("utf-8") + "naïve résumé".encode("latin-1") + b" ended.", "any")
    put("f-long-line.txt", ("word " * 200_000).encode(), "any")
    put(
        "g-nested.html",
        "<html><body>"
        + "<div>" * 5000
        + "<p>Police arrested ten protesters in Lagos.</p>"
        + "</div>" * 5000
        + "</body></html>",
        "any",
    )
    put(
        "h-scripts.html",
        "<html><head><title>x</title><script>alert(1)</script></head><body>"
        "<p>Iran said <img src=x onerror=alert(2)> it had seized a tanker in the Gulf on Monday.</p>"
        "<script>document.write('<p>injected</p>')</script></body></html>",
        "any",
    )
    put(
        "i-french.txt",
        "Le président français a rencontré le chancelier allemand à Berlin mardi pour discuter "
        "de la guerre en Ukraine et des sanctions contre la Russie, a indiqué l'Élysée dans un communiqué.",
        "any",
    )
    put("j-quotes.txt", '"We will win." "They will lose." "Nobody knows." "It is over."', "any")
    put("k-numbers.txt", "1 2 3 4 5 6 7 8 9 10 3.14 2.71 1,000,000 42 -7 " * 40, "any")
    put(
        "l-bad.jsonl",
        '{"id": "ok1", "text": "Chile and Peru held talks in Lima."}\n{broken json\n'
        '{"id": 5, "text": null}\n["not", "an", "object"]\n',
        "any",
    )
    put("m-good.txt", GOOD, "article")
    if big:
        with open(folder / "n-huge.txt", "wb") as fh:  # 100 MB, written in pieces
            block = b"The army said it shelled rebel positions near the border. " * 1000
            for _ in range(100 * 1024 * 1024 // len(block) + 1):
                fh.write(block)
        expect["n-huge.txt"] = "error"
    return expect


@pytest.mark.slow
def test_batch_of_hostile_inputs_through_the_cli(tmp_path):
    expect = hostile_files(tmp_path / "in")
    proc = subprocess.run(
        [sys.executable, "-m", "tidings.cli", "code", str(tmp_path / "in"), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    err = proc.stderr
    assert proc.returncode == 1  # some inputs were unreadable, and the exit code says so
    for name, what in expect.items():
        if what == "error":
            assert f"{name}" in err, f"{name}: no error reported"
    for line in err.splitlines():
        if line.startswith("error:"):
            assert "in/" in line and ":" in line.split("in/", 1)[1]  # names the input, then the problem
    good = [r for r in out if r["title"] == "Ghana and Togo sign security pact"]
    assert good and good[0]["events"], "the good article was still coded"
    assert any(r["id"] == "ok1" for r in out)  # the good JSONL line survived its broken neighbours
    assert "line 2" in err and "invalid JSON" in err
    assert "n-huge.txt" in err and "too large" in err


def test_each_hostile_input_is_read_or_reported(tmp_path):
    expect = hostile_files(tmp_path / "in", big=False)
    items = list(read_paths([str(tmp_path / "in")]))
    errors = [i for i in items if isinstance(i, InputError)]
    arts = [i for i in items if isinstance(i, Article)]
    for e in errors:
        assert e.source and e.problem
    for name, what in expect.items():
        got_error = any(name in e.source for e in errors)
        got_article = any(name in (a.source or "") for a in arts)
        assert got_error or got_article, name
        if what == "error":
            assert got_error, name
        if what == "article":
            assert got_article, name
    coded = list(code_articles(arts))
    assert len(coded) == len(arts)
    french = [c for c in coded if "i-french" in (c.article.source or "")]
    assert french and french[0].skipped and "language" in french[0].skipped
    long_line = [c for c in coded if "f-long-line" in (c.article.source or "")]
    # a million characters is more than CodeOptions.max_chars: skipped, with the reason, no events
    assert long_line and long_line[0].skipped and "too long to code" in long_line[0].skipped
    assert "max_chars" in long_line[0].skipped and not long_line[0].events


def test_a_failing_article_does_not_stop_the_batch(monkeypatch):
    from tidings.run import coding as pipeline

    real = pipeline._coded

    def flaky(art, doc):
        if "EXPLODE" in art.text:
            raise RuntimeError("boom")
        return real(art, doc)

    monkeypatch.setattr(pipeline, "_coded", flaky)
    arts = [
        Article(id="a", text="Chile and Peru held talks."),
        Article(id="b", text="EXPLODE here."),
        Article(id="c", text="Police arrested ten protesters in Lagos."),
    ]
    out = list(code_articles(arts, CodeOptions(batch_size=8)))
    assert [c.article.id for c in out] == ["a", "b", "c"]
    assert out[1].skipped and "coding failed: RuntimeError: boom" in out[1].skipped
    assert not out[0].skipped and not out[2].skipped


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400))
def test_random_text_never_raises(text):
    item = read_text(text, source="<random>", published="2022-02-02")
    if isinstance(item, Article):
        coded = list(code_articles([item]))
        assert len(coded) == 1
    else:
        assert item.problem


_TAGS = st.sampled_from(["div", "p", "span", "script", "style", "a", "img", "table", "td", "h1", "article", "b"])


@st.composite
def html_docs(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 3))
        tag = draw(_TAGS)
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.text(max_size=80)))
        else:
            parts.append(f'<{tag} onerror="{draw(st.text(max_size=10))}" href="javascript:x">')
    return "<html><body>" + "".join(parts)


@FAST
@given(html_docs())
def test_random_html_never_raises(html):
    items = list(read_data(html.encode("utf-8", "surrogatepass"), "page.html", published="2022-02-02"))
    arts = [i for i in items if isinstance(i, Article)]
    for i in items:
        assert isinstance(i, (Article, InputError))
    assert len(list(code_articles(arts))) == len(arts)
