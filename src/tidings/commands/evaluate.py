"""`tidings evaluate GOLD... [--json] [--markdown FILE] [--limit N]`"""

from __future__ import annotations

import json
import sys

import click

from .options import classifier_option, dictionaries_report, dictionary_options, judge_options, pipeline_options

DEFAULT_DOC_COMMAND = "tidings evaluate gold/ --markdown docs/accuracy.md"


@click.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print every figure (and every error) as JSON.")
@click.option(
    "--markdown",
    "markdown",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the report as Markdown to this file (docs/accuracy.md).",
)
@click.option("--limit", type=int, default=None, help="Score only the first N documents of each gold file.")
@click.option(
    "--id",
    "ids",
    multiple=True,
    metavar="ID",
    help="Score only the gold documents with this id (repeatable), e.g. to look at one error.",
)
@click.option("--errors", "max_errors", type=int, default=50, show_default=True, help="Errors to print (0: all).")
@click.option(
    "--error-type",
    "error_types",
    multiple=True,
    type=click.Choice(["missed", "false_positive", "wrong_code", "status", "forbidden", "skipped"]),
    help="Print only errors of this type (repeatable).",
)
@click.option(
    "--dict-dir",
    "dict_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="Where to look for the dictionaries a PETRARCH validation file names.",
)
@click.option(
    "--no-read",
    "no_read",
    is_flag=True,
    help="Code the gold texts as they are, without the readers (no dateline cut, no boilerplate removal).",
)
@click.option("--validate-only", is_flag=True, help="Check the gold files and exit.")
@click.option(
    "--floors",
    "floors_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Check the figures against pinned floors (gold/floors.json); exit 1 if any is below.",
)
@click.option(
    "--pin-floors",
    "pin_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the measured figures minus --margin as the new floors to this file.",
)
@click.option("--margin", type=float, default=0.02, show_default=True, help="Margin for --pin-floors.")
@click.option(
    "--texts",
    "texts",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Where story gold finds its articles' texts (JSONL with id and text), e.g. "
    "../shared/data/news/wire.jsonl: story gold keeps ids and events, never the text.",
)
@click.option(
    "--baseline",
    "baseline",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A report saved earlier with --json: show how the figures moved and which errors are new or fixed.",
)
@dictionary_options
@classifier_option
@judge_options
def command(
    gold,
    as_json,
    markdown,
    limit,
    ids,
    max_errors,
    error_types,
    dict_dirs,
    no_read,
    validate_only,
    floors_file,
    pin_file,
    margin,
    texts,
    baseline,
    actor_dicts,
    verb_dicts,
    dictionaries,
    replace_dicts,
    classifier,
    judge,
    min_confidence,
):
    """Score the coder against gold files or folders.

    Gold formats (detected by file name and keys): the project's sentence JSONL and article
    JSONL (gold/), PETRARCH validation XML (coded with the dictionaries its <Environment>
    names when they are found beside it or in --dict-dir) and sentence TSV (text, label)
    scored at pentacode level. Prints precision, recall and F1 (micro and macro) at
    (root, source, target), (full code, source, target) and pentacode, actor-span F1, a
    per-code table, the confusion of roots and every error with its explanation.
    """
    from pathlib import Path

    from ..evaluate.gold import GoldError, load_paths
    from ..evaluate.report import render_markdown
    from ..evaluate.runner import evaluate_sets

    from ..evaluate.stories import sniff_story_gold

    story_files = [g for g in gold if sniff_story_gold(g)]
    if story_files and not texts:
        raise click.ClickException(
            f"{story_files[0]}: story gold holds no text; give its articles with --texts "
            "(e.g. ../shared/data/news/wire.jsonl)"
        )
    try:
        sets = load_paths([g for g in gold if g not in story_files], [Path(d) for d in dict_dirs])
    except GoldError as exc:
        raise click.ClickException(str(exc))
    if ids:
        sets = _only_ids(sets, ids)
    if validate_only:
        _validate(gold, sets)
    options = pipeline_options(actor_dicts, verb_dicts, replace_dicts, classifier, judge, min_confidence, dictionaries)
    if dictionaries:
        click.echo(dictionaries_report(dictionaries, replace_dicts), err=True)
    report = evaluate_sets(sets, options, limit=limit, read=not no_read) if sets else {"sets": {}, "seconds": 0}
    if story_files:
        from ..evaluate.runner import evaluate_stories

        report["stories"] = {Path(f).name: evaluate_stories(f, texts, options, limit=limit) for f in story_files}
    if markdown:
        cmd = (
            "tidings evaluate "
            + " ".join(gold)
            + (f" --texts {texts}" if texts else "")
            + (f" --limit {limit}" if limit else "")
            + f" --markdown {markdown}"
        )
        Path(markdown).write_text(render_markdown(report, cmd), encoding="utf-8")
    if pin_file:
        _pin(report, pin_file, margin)
    _print_report(report, as_json, baseline, error_types, max_errors)
    if floors_file:
        _check_floors(report, floors_file)


def _print_report(report, as_json, baseline, error_types, max_errors) -> None:
    """The report as JSON, as a comparison with a baseline report, or as text."""
    from pathlib import Path

    from ..evaluate.report import render_text

    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    elif baseline:
        from ..evaluate.compare import compare_reports, render_comparison

        before = json.loads(Path(baseline).read_text(encoding="utf-8"))
        click.echo(render_comparison(compare_reports(before, report), None if max_errors == 0 else max_errors))
    else:
        shown = report
        if error_types and "all" not in report:
            raise click.UsageError(
                "--error-type picks errors of event gold (sentences, articles); story gold lists no errors "
                "of its own: see the per-root figures, or score the stories with --json"
            )
        if error_types:
            keep = set(error_types)
            shown = {
                **report,
                "all": {**report["all"], "errors": [e for e in report["all"]["errors"] if e["type"] in keep]},
            }
        click.echo(render_text(shown, max_errors=None if max_errors == 0 else max_errors))


def _only_ids(sets, ids):
    """The gold sets reduced to the documents with these ids (all of which must exist)."""
    wanted = set(ids)
    for gs in sets:
        gs.docs = [d for d in gs.docs if d.id in wanted]
    sets = [gs for gs in sets if gs.docs]
    missing = wanted - {d.id for gs in sets for d in gs.docs}
    if missing:
        raise click.ClickException(f"no gold document with id {', '.join(sorted(missing))}")
    return sets


def _validate(gold, sets) -> None:
    """--validate-only: check the gold's codes (and adjudication records), print the problems, exit."""
    from pathlib import Path

    from ..evaluate.adjudication import ADJUDICATION_FILE, validate_adjudication
    from ..evaluate.gold import find_codebook, iter_docs, load_codebook, validate_gold

    cb = find_codebook()
    if cb is None:
        raise click.ClickException("no project codebook found to validate codes against")
    problems = validate_gold(list(iter_docs(sets)), load_codebook(cb))
    for g in gold:  # a gold folder's record of changes made after the fact
        record = Path(g) / ADJUDICATION_FILE
        if Path(g).is_dir() and record.is_file():
            problems += validate_adjudication(record)
    for p in problems:
        click.echo(p)
    click.echo(f"{sum(len(s.docs) for s in sets)} gold documents, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


def _pin(report, pin_file, margin) -> None:
    """--pin: write the measured figures minus the margin as floors (never lowering one still reached)."""
    from pathlib import Path

    from ..evaluate.gate import load_floors, lowered_floors, pin_floors

    previous = load_floors(pin_file) if Path(pin_file).is_file() else None
    pinned = pin_floors(
        report,
        margin,
        previous=previous,
        note="measured figures minus the margin; a floor still reached is never lowered",
    )
    Path(pin_file).write_text(json.dumps(pinned, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for line in lowered_floors(pinned):
        click.echo(f"lowered floor (say why in the commit): {line}", err=True)


def _check_floors(report, floors_file) -> None:
    from ..evaluate.gate import check_floors, load_floors

    failures = check_floors(report, load_floors(floors_file))
    for f in failures:
        click.echo(f"below floor: {f}", err=True)
    if failures:
        sys.exit(1)
    click.echo(f"all floors of {floors_file} reached", err=True)
