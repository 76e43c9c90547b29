"""`tidings ingest PATH... [--db FILE]`"""

from __future__ import annotations

import click

from .dbopt import db_option
from .options import (
    classifier_option,
    dictionaries_report,
    dictionary_options,
    judge_options,
    pipeline_options,
    published_option,
)


class Terminated(BaseException):
    """SIGTERM, raised where the ingest is, so that everything it holds is let go."""


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_option
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on standard error (default: when it is a terminal)."
)
@click.option(
    "--recode",
    is_flag=True,
    help="Code again the articles already stored unchanged (after upgrading tidings or changing dictionaries).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Coding processes (the model is loaded once in each).",
)
@click.option(
    "--engine",
    type=click.Choice(["pool", "ray"]),
    default="pool",
    show_default=True,
    help="Where the workers run: a local process pool, or Ray.",
)
@click.option(
    "--ray-address",
    default=None,
    metavar="ADDR",
    help="Ray cluster to join ('auto', 'ray://host:10001'); default: start a local Ray.",
)
@click.option(
    "--shard-dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Ray: folder for the coded Parquet shards (keep it to resume a killed run).",
)
@dictionary_options
@classifier_option
@judge_options
def command(
    paths,
    db,
    published,
    progress,
    recode,
    workers,
    engine,
    ray_address,
    shard_dir,
    actor_dicts,
    verb_dicts,
    dictionaries,
    replace_dicts,
    classifier,
    judge,
    min_confidence,
):
    """Code articles (files, folders, or - for standard input) and store them.

    Idempotent and resumable: articles already stored unchanged are skipped before parsing;
    an updated article (same id or url, new text or update stamp) replaces its events and
    keeps its previous version. Unreadable inputs are reported and the batch goes on.
    """
    from ..run.ingest import IngestReport, ingest
    from ..run.coding import CodeOptions
    from ..store import StoreLocked

    import duckdb

    from ..run.engines import EngineOptions

    options = CodeOptions(
        pipeline=pipeline_options(
            actor_dicts, verb_dicts, replace_dicts, classifier, judge, min_confidence, dictionaries
        )
    )
    if dictionaries:
        click.echo(dictionaries_report(dictionaries, replace_dicts), err=True)
    if engine == "ray" or workers > 1:
        eng = EngineOptions(engine=engine, workers=workers, ray_address=ray_address, shard_dir=shard_dir)
    else:
        eng = None
    import signal

    def terminated(signum, frame):
        raise Terminated()

    # SIGTERM unwinds like Ctrl-C: the batch in hand is rolled back, the workers are killed and
    # the writer lock is released (the default action would leave the lock file and the workers)
    previous = signal.signal(signal.SIGTERM, terminated)
    report = IngestReport(db=db or "")  # ours: an interrupted run still says what it wrote
    try:
        ingest(
            paths,
            db,
            published=published,
            options=options,
            progress=progress,
            on_error=lambda e: click.echo(f"error: {e}", err=True),
            on_skipped=lambda what, why: click.echo(f"skipped: {what}: {why}", err=True),
            recode=recode,
            engine=eng,
            report=report,
        )
    except StoreLocked as exc:
        raise click.ClickException(str(exc))
    except (KeyboardInterrupt, Terminated) as exc:
        click.echo(stopped_summary(report, "terminated" if isinstance(exc, Terminated) else "interrupted"), err=True)
        raise SystemExit(143 if isinstance(exc, Terminated) else 130)
    except (OSError, duckdb.Error) as exc:
        raise click.ClickException(
            f"writing {db or 'the database'} failed: {exc} (what was written before is kept; "
            "run the same command again to resume)"
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    _summarise(report)


def _n(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def stopped_summary(report, how: str) -> str:
    """What an interrupted run had written (the batches committed; the batch in hand is not
    written), and how to go on."""
    written = report.new + report.updated + report.recoded
    parts = [f"{report.new} new", f"{report.updated} updated"]
    if report.recoded:
        parts.append(f"{report.recoded} recoded")
    if report.unchanged:
        parts.append(f"{report.unchanged} already stored")
    extra = f"; {_n(len(report.errors), 'input')} could not be read" if report.errors else ""
    return (
        f"{how} after writing {_n(written, 'article')} ({', '.join(parts)}) and {_n(report.new_events, 'event')} "
        f"to {report.db}{extra}; the batch in hand was not written. Run the same command again to resume."
    )


def _summarise(report) -> None:
    """The run's summary on standard error; exit 1 when an input could not be read or stored."""
    click.echo(report.summary(), err=True)
    if report.errors:
        click.echo(f"{len(report.errors)} input(s) could not be read", err=True)
    if report.rejected:
        click.echo(
            f"{report.rejected} article(s) could not be stored: they are in the rejects table, and a rerun "
            "skips them until they change",
            err=True,
        )
    if report.errors or report.rejected:
        raise SystemExit(1)
