"""The `tidings` command: a thin shell over the library. Commands load lazily, so
`tidings --help` answers without importing spaCy."""

from __future__ import annotations

import importlib
import importlib.util

import click

# command name -> (module under tidings.commands, one-line help shown by `tidings --help`)
COMMANDS = {
    "code": ("code", "Code articles and print events, quotes, actors, dates and places."),
    "ingest": ("ingest", "Code articles and store them in the database."),
    "demo": ("demo", "Ingest the bundled example articles and print a summary."),
    "query": ("query", "Query the database: events, dyads, actors, networks."),
    "export": ("export", "Export events in GDELT, Phoenix, ICEWS, PLOVER, CSV or Parquet."),
    "evaluate": ("evaluate", "Score the coder against gold files."),
    "serve": ("serve", "Serve the web UI and JSON API."),
    "watch": ("watch", "Poll feeds and folders on a schedule."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return [name for name, (mod, _) in COMMANDS.items() if _available(mod)]

    def get_command(self, ctx, name):
        if name not in COMMANDS or not _available(COMMANDS[name][0]):
            return None
        module = importlib.import_module(f"tidings.commands.{COMMANDS[name][0]}")
        return module.command

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx):
        """Run the command. A TidingsError is one line (its message and hint) and its exit code;
        any other unexpected error is one line with a hint (the traceback only with --debug or
        TIDINGS_DEBUG=1). A closed standard output (`tidings export | head`) goes on to click,
        which ends quietly as cat and grep do, not with "Error: Broken pipe"."""
        import os

        from .records.errors import TidingsError

        try:
            return super().invoke(ctx)
        except (
            click.exceptions.ClickException,
            click.exceptions.Exit,
            click.exceptions.Abort,
            SystemExit,
            KeyboardInterrupt,
            BrokenPipeError,
        ):
            raise
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get("TIDINGS_DEBUG"):
                raise
            failure = click.ClickException(explain(exc))
            if isinstance(exc, TidingsError):
                failure.exit_code = exc.exit_code
            raise failure from None


def explain(exc: BaseException) -> str:
    """One line saying what went wrong and what to do about it."""
    name = type(exc).__name__
    msg = " ".join(str(exc).split()) or name
    module = type(exc).__module__ or ""
    if module.startswith("duckdb") or module.startswith("_duckdb"):
        low = msg.lower()
        if any(
            w in low
            for w in (
                "not a valid duckdb",
                "corrupt",
                "checksum",
                "serializ",
                "invalid database",
                "unable to open",
                "could not read",
                "magic",
            )
        ):
            hint = (
                "the database file is damaged or not a tidings database: restore it from a copy, or move it "
                "away and ingest again"
            )
        else:
            hint = "the database refused the operation"
        return f"database error: {msg[:300]} ({hint}; `tidings --debug ...` shows the traceback)"
    from .records.errors import TidingsError

    if isinstance(exc, TidingsError):
        return f"{msg[:400]} ({exc.hint})" if exc.hint else msg[:400]
    if isinstance(exc, MemoryError):
        return "out of memory (try fewer --workers, or smaller inputs)"
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        return f"{exc.strerror or msg}{where}"
    return (
        f"{name}: {msg[:400]} (unexpected: run again as `tidings --debug ...` for the traceback, and please report it)"
    )


def _available(module: str) -> bool:
    return importlib.util.find_spec(f"tidings.commands.{module}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tidings")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error (also TIDINGS_DEBUG=1).")
def main(debug):
    """tidings: news articles in, event data you can trust out.

    Codes who did what to whom (CAMEO/PLOVER), when and where, who said so, and the
    sentence that shows it.
    """


if __name__ == "__main__":
    main()
