"""`tidings serve` refuses a port or body size it cannot use, and says so in one line when the
port is taken. Before: --port 99999 was "OverflowError: bind(): port must be 0-65535.
(unexpected: ... please report it)", --max-body 0 or -5 was accepted, and a port in use ended
with uvicorn's log line and status 3, nothing from tidings."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tidings.cli import main


@pytest.mark.parametrize("option, value", [("--port", "99999"), ("--port", "-1"), ("--max-body", "0")])
def test_values_it_cannot_use_are_usage_errors(tmp_path, option, value):
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.duckdb"), option, value])
    assert r.exit_code == 2 and f"Invalid value for '{option}'" in r.stderr


def test_a_port_in_use_is_one_line_and_status_1(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run(
            [sys.executable, "-m", "tidings", "serve", "--db", str(tmp_path / "x.duckdb"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert r.returncode == 1, r.stderr
    assert f"Error: could not listen on 127.0.0.1 port {port}: choose another --port or --host" in r.stderr
