"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt

import click


def published_option(f):
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        default=None,
        callback=_check_date,
        help="Publication date for inputs that have none.",
    )(f)


def dictionary_options(f):
    f = click.option(
        "--actor-dict",
        "actor_dicts",
        multiple=True,
        type=click.Path(exists=True),
        help="PETRARCH/TABARI actor or agent dictionary to load (repeatable).",
    )(f)
    f = click.option(
        "--verb-dict",
        "verb_dicts",
        multiple=True,
        type=click.Path(exists=True),
        help="PETRARCH CAMEO verb dictionary to load (repeatable).",
    )(f)
    f = click.option(
        "--dictionaries",
        "dictionaries",
        multiple=True,
        type=click.Path(exists=True),
        metavar="DIR",
        help="A folder (or file) of PETRARCH/TABARI dictionaries (repeatable): the kind of each file "
        "(verbs, actors, agents, discards, issues) is read from its content, and what was loaded, "
        "with every line that could not be read (file:line), is said on standard error. With "
        "--replace-dicts events are coded as PETRARCH codes them, in its unit: one event per "
        "pattern match and actor pair, no article stage or judge (docs/petrarch.md). Without it, "
        "the verbs, actors and agents are added to the default lexicon and the normal pipeline "
        "runs; discards and issues are used only with --replace-dicts.",
    )(f)
    f = click.option(
        "--replace-dicts",
        is_flag=True,
        help="Use only the given dictionaries instead of adding them to the defaults. With "
        "--dictionaries: code as PETRARCH does, one event per pattern match (the article stage "
        "and the judge are off).",
    )(f)
    return f


def _dictionary_files(dictionaries) -> dict[str, list[str]]:
    """The files of --dictionaries by kind (verbs, actors, agents, discards, issues)."""
    from pathlib import Path

    from ..petrarch.dictionaries import not_a_dictionary, sniff_kind

    out: dict[str, list[str]] = {}
    for d in dictionaries:
        p = Path(d)
        files = (
            sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".") and not not_a_dictionary(f))
            if p.is_dir()
            else [p]
        )
        for f in files:
            kind = sniff_kind(f)
            if kind:
                out.setdefault(kind, []).append(str(f))
    return out


def dictionaries_report(dictionaries, replace_dicts=False) -> str:
    """What --dictionaries loads, and every line that could not be read (file:line)."""
    from ..petrarch.dictionaries import DictionaryError, load_dictionaries

    try:
        loaded = load_dictionaries(dictionaries)
    except DictionaryError as exc:
        raise click.ClickException(str(exc))
    lines = [f"dictionaries: {line}" for line in loaded.summary().splitlines()]
    lines += [f"dictionaries: skipped {p}" for p in loaded.problems]
    if replace_dicts:
        lines.append("dictionaries: coding as PETRARCH does (one event per pattern match; no article stage or judge)")
    else:
        lines.append(
            "dictionaries: verbs, actors and agents added to the default lexicon (discards and issues are "
            "used only with --replace-dicts)"
        )
    return "\n".join(lines)


def classifier_option(f):
    return click.option(
        "--classifier/--no-classifier",
        "classifier",
        default=True,
        show_default=True,
        help="Use the learned event classifier beside the lexicon (calibration, tie-breaks, "
        "events where the lexicon is silent).",
    )(f)


def judge_options(f):
    f = click.option(
        "--judge/--no-judge",
        "judge",
        default=True,
        show_default=True,
        help="Let the learned judge decide which story-level events to keep (off: every event the "
        "article stage's rules let through).",
    )(f)
    f = click.option(
        "--min-confidence",
        "min_confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        metavar="P",
        help="The judge's threshold: keep events it gives at least P (default: the one "
        "chosen in cross-validation). Higher gives fewer, surer events.",
    )(f)
    return f


def pipeline_options(
    actor_dicts=(),
    verb_dicts=(),
    replace_dicts=False,
    classifier=True,
    judge=True,
    min_confidence=None,
    dictionaries=(),
):
    from ..nlp import PipelineOptions

    if dictionaries:
        kinds = _dictionary_files(dictionaries)
        actor_files = tuple(actor_dicts) + tuple(kinds.get("actors", [])) + tuple(kinds.get("agents", []))
        if replace_dicts:
            # PETRARCH's unit of coding: tidings_petrarch codes the events, the article stage is off;
            # the actors stage (the actors list, quotes' speakers) reads the same actor files. Its
            # reader's warnings are not repeated: tidings.petrarch reports the lines PETRARCH cannot
            # read, and accepts what PETRARCH accepts ([ELR/GAL], [+++]) that that reader does not
            import warnings

            from ..actors.petrarch import PetrarchWarning

            warnings.filterwarnings("ignore", category=PetrarchWarning)
            return PipelineOptions(
                actor_dictionaries=actor_files,
                replace_actors=bool(actor_files),
                petrarch=tuple(str(d) for d in dictionaries) + tuple(verb_dicts),
                classifier=False,
                story=False,
            )
        verb_dicts = tuple(verb_dicts) + tuple(kinds.get("verbs", []))
        actor_dicts = actor_files
    return PipelineOptions(
        actor_dictionaries=tuple(actor_dicts),
        replace_actors=replace_dicts and bool(actor_dicts),
        verb_dictionaries=tuple(verb_dicts),
        replace_verbs=replace_dicts and bool(verb_dicts),
        classifier=classifier,
        judge=judge,
        min_confidence=min_confidence,
    )


def _check_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
