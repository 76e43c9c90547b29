import subprocess
import sys
import time


def test_help_is_fast_and_lazy():
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c",
                          "import sys; from tidings.cli import main\n"
                          "try:\n    main(['--help'])\nexcept SystemExit: pass\n"
                          "print('spacy' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False"), "tidings --help must not import spaCy"
    assert "code" in out.stdout
    assert time.perf_counter() - start < 5
