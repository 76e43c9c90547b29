"""The documentation is kept true by these tests.

- docs/cli.md is what the commands' own --help prints (regenerate: python scripts/gen_docs.py cli);
- every command and option is in docs/cli.md, and every option says what it does;
- every runnable block (```console after `<!-- doc-test -->`) of README.md and docs/guide.md
  runs and prints what it shows (refresh: python scripts/gen_docs.py examples);
- docs/contract.md documents every field the serialiser writes;
- docs/data-files.md names every bundled data file;
- relative links in the docs lead to files that exist;
- docs/tutorial.py runs and writes its plot;
- the README's web UI answers on the tour's database;
- `tidings ...` commands shown but not run (servers, clusters) use options that exist.
"""

from __future__ import annotations

import importlib.util
import re
import runpy
import shlex
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _load_gen():
    spec = importlib.util.spec_from_file_location("tidings_gen_docs", ROOT / "scripts" / "gen_docs.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


gen = _load_gen()

# Options that had no help text when the docs were written. Do not add to this list: give a
# new option a `help=` instead. Remove an entry once its option has one.
NO_HELP_YET: set[tuple[str, ...]] = set()


# --- the CLI reference ------------------------------------------------------------------


def test_cli_reference_matches_help():
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    fresh = gen.cli_reference()
    if current != fresh:
        import difflib

        diff = "".join(
            difflib.unified_diff(current.splitlines(True), fresh.splitlines(True), "docs/cli.md", "--help", n=1)
        )
        pytest.fail(
            "docs/cli.md does not match the commands' --help; run `python scripts/gen_docs.py cli`.\n" + diff[:4000]
        )


def _sections() -> dict[str, str]:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r'<a id="([^"]+)"></a>\s*\n#+ `([^`]+)`\s*\n+```text\n(.*?)\n```', text, re.S):
        out[m.group(2)] = m.group(3)
    return out


def test_every_command_and_option_is_documented():
    sections = _sections()
    tree = gen.command_tree()
    assert len(tree) >= 9
    missing = []
    for path, cmd in tree:
        name = " ".join(path)
        if name not in sections:
            missing.append(f"command {name}")
            continue
        body = sections[name]
        for param in cmd.params:
            if param.param_type_name == "option":
                for opt in param.opts + param.secondary_opts:
                    if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", body):
                        missing.append(f"{name} {opt}")
            else:
                if param.human_readable_name.upper() not in body:
                    missing.append(f"{name} argument {param.human_readable_name}")
    assert not missing, "not in docs/cli.md: " + ", ".join(missing)


def test_every_option_says_what_it_does():
    lacking = set()
    for path, cmd in gen.command_tree():
        for param in cmd.params:
            if param.param_type_name == "option" and not (getattr(param, "help", None) or "").strip():
                lacking.add((*path, param.opts[0]))
    new = lacking - NO_HELP_YET
    assert not new, f"options without help= text: {sorted(new)}"


def test_every_command_has_a_docstring():
    for path, cmd in gen.command_tree()[1:]:
        assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"


def test_guide_mentions_every_command():
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    for path, _ in gen.command_tree()[1:]:
        assert " ".join(path) in guide, f"docs/guide.md never mentions `{' '.join(path)}`"


# --- runnable blocks --------------------------------------------------------------------


def test_marked_blocks_parse():
    for doc in gen.RUNNABLE_DOCS:
        blocks = gen.parse_blocks(doc)
        assert blocks, f"{doc.name} has no runnable block"
        for b in blocks:
            assert b.steps, f"{b.name}: a runnable block with no `$ ` command"


def test_readme_opens_with_the_two_setup_commands():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").split("\n")[:25])
    assert "make demo" in head and "make test" in head


def test_matcher():
    assert gen.matches("a\n...\nd", "a\nb\nc\nd")
    assert gen.matches("a\n...\nd", "a\nd")
    assert not gen.matches("a\nd", "a\nb\nd")
    assert gen.matches("x ... z", "x yy z")
    assert not gen.matches("x ... z", "x yy")
    assert gen.matches("a\n...", "a")
    assert not gen.matches("x ... z", "x yy z", wildcards=False)
    assert gen.matches("id 0123456789abcdef (verbs.tsv:3)", "id fedcba9876543210 (verbs.tsv:40)", wildcards=False)
    assert gen.matches("m,-0.5857142857142856", "m,-0.5857142857142857", wildcards=False)


_BLOCKS = [
    pytest.param(doc, b, id=f"{doc.name}:{b.steps[0].line}", marks=[pytest.mark.slow] if b.slow else [])
    for doc in gen.RUNNABLE_DOCS
    for b in gen.parse_blocks(doc)
]


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory):
    made = {}
    yield lambda doc: made.setdefault(doc, gen.Workspace(tmp_path_factory.mktemp(doc.stem)))


@pytest.mark.parametrize("doc,block", _BLOCKS)
def test_runnable_block(doc, block, workspaces):
    ws = workspaces(doc)
    for earlier in gen.parse_blocks(doc):  # a block may use what an earlier one made
        if earlier.start >= block.start:
            break
        ws.run_block(earlier)
    actual = ws.run_block(block)
    for step, out in zip(block.steps, actual):
        assert gen.matches(step.expected, out, block.excerpt), (
            f"{doc.name}:{step.line}: `{step.command}` no longer prints what the docs show "
            f"(refresh with `python scripts/gen_docs.py examples`).\n--- shown:\n{step.expected}\n--- printed:\n{out}"
        )


# --- the JSON contract ------------------------------------------------------------------


def _sample_contract() -> dict:
    from tidings.records import Actor, ActorRef, Article, Candidate, CodedArticle, Event, Place, Quote, Span, TimeRef
    from tidings.records.contract import to_contract

    ref = ActorRef("RUSGOV", "RUS", "Vladimir Putin", "Putin", 0, 5, "people.tsv:putin")
    place = Place("Geneva", "Geneva", "CHE", 46.2, 6.1, 10, 16)
    ev = Event(
        "e1",
        "036",
        "03",
        1,
        1,
        4.0,
        "CONSULT",
        "",
        ref,
        ref,
        "asserted",
        ref,
        "2021-12-07",
        "Dec 7",
        place,
        0,
        Span("agreed", 6, 12),
        0.8,
        "verbs.tsv:agree",
    )
    art = Article("a1", "Putin agreed in Geneva.", title="t", published="2021-12-12", removed=("Read more: x",))
    coded = CodedArticle(
        art,
        events=(ev,),
        quotes=(Quote(ref, "x", "direct", "said", 0, 1),),
        actors=(Actor("RUSGOV", "RUS", "Vladimir Putin", (Span("Putin", 0, 5),), "r"),),
        dates=(TimeRef("Dec 7", "2021-12-07", 0, 5, "day"),),
        places=(place,),
        candidates=(Candidate(0, "agreed", True, "kept", "036", ""),),
        skipped="not English",
    )
    return to_contract(coded, explain=True)


def _keys(obj, prefix="") -> set[str]:
    out = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.add(k)
            out |= _keys(v, k)
    elif isinstance(obj, list):
        for v in obj:
            out |= _keys(v, prefix)
    return out


def test_contract_doc_names_every_field():
    doc = (DOCS / "contract.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)`", doc))
    missing = sorted(_keys(_sample_contract()) - named)
    assert not missing, f"docs/contract.md does not describe: {missing}"


# --- data files -------------------------------------------------------------------------


def test_data_files_doc_names_every_data_file():
    doc = (DOCS / "data-files.md").read_text(encoding="utf-8")
    data = ROOT / "src" / "tidings" / "data"
    missing = []
    for path in sorted(data.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or "__pycache__" in path.parts:
            continue
        if path.name.upper().startswith("README"):  # notes beside the data, not data
            continue
        rel = path.relative_to(data).as_posix()
        folder = path.parent.relative_to(data).as_posix()
        if folder in ("examples", "demo", "training/templates"):
            if f"{folder}/" not in doc:
                missing.append(folder + "/")
        elif rel not in doc:
            missing.append(rel)
    assert not missing, f"docs/data-files.md does not describe: {sorted(set(missing))}"


# --- links ------------------------------------------------------------------------------


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors of a Markdown file, and its explicit <a id=...>."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    out = set(re.findall(r'<a id="([^"]+)"', text))
    for title in re.findall(r"^#+ (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        out.add(slug)
    return out


def test_relative_links_lead_somewhere():
    broken = []
    for doc in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (doc.parent / file).resolve() if file else doc
            if not path.exists():
                broken.append(f"{doc.name}: {target}")
            elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
                broken.append(f"{doc.name}: {target} (no such heading)")
    assert not broken, f"broken links: {broken}"


# --- the tutorial -----------------------------------------------------------------------


@pytest.mark.slow
def test_tutorial_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["tutorial.py", str(tmp_path)])
    runpy.run_path(str(DOCS / "tutorial.py"), run_name="__main__")
    html = tmp_path / "dyad.html"
    assert html.exists() and html.stat().st_size > 100_000  # plotly.js is inside: no CDN
    assert "plotly" in html.read_text(encoding="utf-8")[:200_000].lower()


# --- the web UI the README sends people to ----------------------------------------------


def test_readme_web_ui_serves_the_tour_database(workspaces):
    """`tidings serve --db tour.duckdb` (README): the pages and their JSON twins answer."""
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    readme = ROOT / "README.md"
    assert "tidings serve --db tour.duckdb" in readme.read_text(encoding="utf-8")
    ws = workspaces(readme)
    for block in gen.parse_blocks(readme):
        ws.run_block(block)
        if (ws.dir / "tour.duckdb").exists():
            break
    client = TestClient(create_app(ws.dir / "tour.duckdb"), base_url="http://127.0.0.1")
    first_event = client.get("/api/events", params={"status": "all"}).json()["events"][0]
    first_article = client.get("/api/articles").json()["articles"][0]
    pages = [
        "/",
        "/events",
        "/network",
        "/articles",
        "/openapi.json",
        "/api",
        "/ingest",
        "/dyad?source=RUS&target=UKR",
        "/actors/RUSGOV",
        "/api/events?actor=RUS",
        "/?format=json",
        f"/events/{first_event['id']}",
        f"/articles/{first_article['id']}",
    ]
    for page in pages:  # the pages docs/guide.md lists
        assert client.get(page).status_code == 200, page
    overview = client.get("/api/overview").json()
    assert overview["totals"]["articles"] > 0 and overview["totals"]["events"] > 0
    assert client.get("/", params={"format": "json"}).json()["totals"] == overview["totals"]


# --- commands shown but not run ---------------------------------------------------------


def _shown_commands():
    """`tidings ...` lines of README.md and docs/guide.md outside runnable blocks (servers,
    clusters, long runs): they are not run, but their options must exist."""
    out = []
    for doc in (ROOT / "README.md", DOCS / "guide.md"):
        runnable = {s.line for b in gen.parse_blocks(doc) for s in b.steps}
        for no, line in enumerate(doc.read_text(encoding="utf-8").split("\n"), 1):
            m = re.match(r"\s*(?:\$ )?(tidings [^#`]*)", line)
            if not m or no in runnable or "[" in m.group(1) or line.lstrip().startswith("-"):
                continue
            if not line.startswith("    ") and not line.startswith("$ "):
                continue
            out.append(pytest.param(m.group(1).strip(), id=f"{doc.name}:{no}"))
    return out


@pytest.mark.parametrize("command", _shown_commands())
def test_shown_commands_use_real_options(command, monkeypatch):
    import click

    from tidings.cli import main

    monkeypatch.chdir(ROOT)
    words = shlex.split(command)[1:]
    group, ctx = main, click.Context(main, info_name="tidings")
    while isinstance(group, click.Group):
        cmd = group.get_command(ctx, words[0])
        assert cmd is not None, f"{command}: no command {words[0]!r}"
        ctx = click.Context(cmd, info_name=words[0], parent=ctx)
        group, words = cmd, words[1:]
    try:
        cmd.make_context(ctx.info_name, list(words), parent=ctx.parent)
    except (click.NoSuchOption, click.BadOptionUsage) as exc:
        pytest.fail(f"{command}: {exc.format_message()}")
    except click.BadParameter:
        pass  # a placeholder path (corpus/, FILE) that does not exist here
