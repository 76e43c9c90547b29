"""`tidings serve [--db FILE] [--host HOST] [--port N] [--token TOKEN]`"""

from __future__ import annotations

import click

from .dbopt import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--token",
    envvar="TIDINGS_TOKEN",
    default=None,
    help="Token required for writing (ingest) when bound to anything but localhost.",
)
@click.option(
    "--max-body",
    default=10 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest request body accepted, in bytes.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="A name clients reach the server by (repeatable); requests naming another Host are refused. "
    "Bound to localhost: its loopback names; bound to one address: that address.",
)
def command(db, host, port, token, max_body, allowed_hosts):
    """Serve the web UI and JSON API over the database.

    Pages: overview, events (filters, facets, CSV), event detail with the evidence sentence,
    dyad and actor time series, network, articles, ingest. Every page answers as JSON with
    ?format=json; the API is described at /openapi.json.
    """
    import uvicorn

    from ..web import create_app

    app = create_app(db, host=host, token=token, max_body=max_body, hosts=tuple(allowed_hosts))
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        click.echo("note: bound to a non-local address without --token: writing (ingest) is off", err=True)
    if host in ("0.0.0.0", "::") and not allowed_hosts:
        click.echo("note: bound to every address without --allowed-host: any Host header is answered", err=True)
    shown = allowed_hosts[0] if host in ("0.0.0.0", "::") and allowed_hosts else host  # a name it answers
    server = _server_class()(
        uvicorn.Config(app, host=host, port=port, log_level="warning"), db=app.state.db, shown=shown
    )
    try:
        server.run()
    except SystemExit:  # uvicorn logged why (the address in use, no such address) and exits with 3
        if server.started:
            raise
    if not server.started:
        raise click.ClickException(f"could not listen on {host} port {port}: choose another --port or --host")


def _url(host: str, port: int) -> str:
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # every address: one this machine can open
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _server_class():
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, saying where it listens once it does (the port may have been 0)."""

        def __init__(self, config, db: str, shown: str):
            super().__init__(config)
            self.db, self.shown = db, shown

        async def startup(self, sockets=None):
            await super().startup(sockets=sockets)
            if self.should_exit:
                return
            port = self.config.port
            for server in getattr(self, "servers", []):
                for sock in server.sockets:
                    port = sock.getsockname()[1]
            click.echo(f"tidings: serving {self.db} at {_url(self.shown, port)} (Ctrl-C to stop)")

    return Server
