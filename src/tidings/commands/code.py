"""`tidings code PATH... [--format table|json|jsonl] [--explain] [--all-candidates]`"""

from __future__ import annotations

import json
import sys

import click

from .options import (
    classifier_option,
    dictionaries_report,
    dictionary_options,
    judge_options,
    pipeline_options,
    published_option,
)


@click.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
    help="Output: a readable table, one JSON array, or one JSON object per line.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also show what each code means and the rule that fired, and one line per candidate (a "
    "trigger of a sentence): what found it, what changed it (the sentence coder, the classifier, "
    'the article stage and its judge), kept or dropped, and the one reason. JSON: "explain", '
    "one object per candidate: sentence, sentence_text, classifier_roots (the sentence classifier's "
    "likeliest roots), trigger (text, start, end), occurrence (n of how many of its words in the "
    "sentence), kept, found "
    "(by, code, name, source, target, entry), entry (the lexicon entry), changes, readings (each "
    "reading weighed: code, name, source, target, status, rule, kept, by, reason), decided_by, "
    'reason and line (the text line); "candidates" keeps the coder\'s raw records.',
)
@click.option(
    "--all-candidates",
    "all_candidates",
    is_flag=True,
    help="Also print the candidate events that are not events of the dataset (no coded source, no "
    'target, set aside by the judge), whole, with the reason (JSON: "dropped_events").',
)
@published_option
@dictionary_options
@classifier_option
@judge_options
def command(
    paths,
    fmt,
    explain,
    all_candidates,
    published,
    actor_dicts,
    verb_dicts,
    dictionaries,
    replace_dicts,
    classifier,
    judge,
    min_confidence,
):
    """Code articles (files, folders, or - for standard input) and print what was found:
    a readable table, or the JSON contract (--format json|jsonl).

    Inputs: JSON lines, JSON arrays and CSV of article records, HTML pages, RSS/Atom feeds and
    text (header sniffed), recognised by content as well as suffix (docs/readers.md); folders
    are read recursively. A bad input is reported on standard error and the rest are still
    coded.
    """
    from ..run.coding import CodeOptions, code_articles
    from ..readers import read_paths
    from ..records import InputError
    from ..records.contract import to_contract
    from .explain import explain_records, render_table

    errors = 0

    def articles():
        nonlocal errors
        for item in read_paths(paths, published=published):
            if isinstance(item, InputError):
                errors += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    options = CodeOptions(
        pipeline=pipeline_options(
            actor_dicts, verb_dicts, replace_dicts, classifier, judge, min_confidence, dictionaries
        )
    )
    if dictionaries:
        click.echo(dictionaries_report(dictionaries, replace_dicts), err=True)

    def record(coded):
        out = to_contract(coded, explain=explain, all_candidates=all_candidates)
        if explain:
            out["explain"] = explain_records(coded)
        return out

    out = []
    for coded in code_articles(articles(), options):
        if coded.skipped:
            click.echo(f"skipped: {coded.article.source or coded.article.id}: {coded.skipped}", err=True)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(record(coded), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt == "json":
            out.append(record(coded))
        else:
            click.echo(render_table(coded, explain=explain, all_candidates=all_candidates))
    if fmt == "json":
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    if errors:
        click.echo(f"{errors} input(s) could not be read", err=True)
        sys.exit(1)
