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


def _available(module: str) -> bool:
    return importlib.util.find_spec(f"tidings.commands.{module}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tidings")
def main():
    """tidings: news articles in, event data you can trust out.

    Codes who did what to whom (CAMEO/PLOVER), when and where, who said so, and the
    sentence that shows it.
    """


if __name__ == "__main__":
    main()
