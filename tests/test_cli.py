import subprocess
import sys


def test_help_is_lazy():
    """--help must not import spaCy (its start-up time is measured in bench/cli_startup.py,
    not asserted here: a wall-clock bound flakes on a busy machine)."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from tidings.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit: pass\n"
            "print('spacy' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().endswith("False"), "tidings --help must not import spaCy"
    assert "code" in out.stdout
