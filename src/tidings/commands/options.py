"""Options shared by several commands."""
from __future__ import annotations

import datetime as dt

import click


def published_option(f):
    return click.option("--published", metavar="YYYY-MM-DD", default=None, callback=_check_date,
                        help="Publication date for inputs that have none.")(f)


def dictionary_options(f):
    f = click.option("--actor-dict", "actor_dicts", multiple=True, type=click.Path(exists=True),
                     help="PETRARCH/TABARI actor or agent dictionary to load (repeatable).")(f)
    f = click.option("--verb-dict", "verb_dicts", multiple=True, type=click.Path(exists=True),
                     help="PETRARCH CAMEO verb dictionary to load (repeatable).")(f)
    f = click.option("--replace-dicts", is_flag=True,
                     help="Use only the given dictionaries instead of adding them to the defaults.")(f)
    return f


def classifier_option(f):
    return click.option("--classifier/--no-classifier", "classifier", default=True, show_default=True,
                        help="Use the learned event classifier beside the lexicon (calibration, tie-breaks, "
                             "events where the lexicon is silent).")(f)


def judge_options(f):
    f = click.option("--judge/--no-judge", "judge", default=True, show_default=True,
                     help="Let the learned judge decide which story-level events to keep (off: every event the "
                          "article stage's rules let through).")(f)
    f = click.option("--min-confidence", "min_confidence", type=click.FloatRange(0.0, 1.0), default=None,
                     metavar="P", help="The judge's threshold: keep events it gives at least P (default: the one "
                                       "chosen in cross-validation). Higher gives fewer, surer events.")(f)
    return f


def pipeline_options(actor_dicts=(), verb_dicts=(), replace_dicts=False, classifier=True, judge=True,
                     min_confidence=None):
    from ..nlp import PipelineOptions

    return PipelineOptions(actor_dictionaries=tuple(actor_dicts), replace_actors=replace_dicts and bool(actor_dicts),
                           verb_dictionaries=tuple(verb_dicts), replace_verbs=replace_dicts and bool(verb_dicts),
                           classifier=classifier, judge=judge, min_confidence=min_confidence)


def _check_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
