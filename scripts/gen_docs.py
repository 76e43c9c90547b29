"""Regenerate the generated parts of the documentation.

    python scripts/gen_docs.py            # both steps below
    python scripts/gen_docs.py cli        # docs/cli.md from the commands' own --help text
    python scripts/gen_docs.py examples   # refresh the output shown in runnable blocks
    python scripts/gen_docs.py check      # say what is out of date; exit 1 if anything is

`docs/cli.md` is written from what `tidings ... --help` prints (at a fixed width of 88
columns), so it cannot drift from the code: tests/test_docs.py regenerates it in memory and
compares.

Runnable blocks (README.md, docs/guide.md, docs/contract.md): a ```console block preceded
by the line `<!-- doc-test -->`, `<!-- doc-test slow -->` (its test is marked slow) or
`<!-- doc-test excerpt -->` (the shown output uses wildcards, below).
Lines starting with `$ ` are commands (a trailing backslash continues a command on the next
line); the lines after a command, up to the next command, are what it is expected to print
(standard output and standard error, as a terminal shows them). The blocks of one file run
in order in one scratch folder, where `src`, `gold` and `docs` are links to the checkout, so
a block may use what an earlier block made (a database, an export).

The `tidings` command of a line runs in-process (the spaCy model is loaded once), with what
is piped into it as its standard input; the rest of the line runs in bash. When a tidings
command is piped into another command, only its standard output goes down the pipe and its
standard error is shown after the pipeline's output. A redirection (`>`, `<`) on a tidings
command makes the whole line run in bash (slower: a new process loads the model).

Comparison, after normalisation (trailing spaces and blank lines dropped, the checkout's
and the scratch folder's absolute paths removed, the installed package's folder shown as
`src/tidings`): the shown output must equal the real
output; content-hash ids (16 hex digits) and line numbers of data files (`verbs.tsv:327`)
compare equal whatever their value, and floats printed with 10 or more decimals are compared
to 6 (summation order). In an excerpt block, `...` matches any text (on a line
of its own: any number of lines) and `YYYYMMDDHHMMSS` any 14-digit time stamp.

`examples` rewrites the shown output of every block that no longer matches, except excerpt
blocks: those are listed, with what they print now, for a person to fix.
"""
from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"
RUNNABLE_DOCS = [ROOT / "README.md", ROOT / "docs" / "guide.md", ROOT / "docs" / "contract.md"]
MARKER = re.compile(r"^<!--\s*doc-test((?:\s+(?:slow|excerpt))*)\s*-->$")  # <!-- doc-test [slow] [excerpt] -->
WIDTH = 88  # help text width, fixed so the reference does not depend on the terminal
COLUMNS = "100"  # terminal width for rich tables in runnable blocks
LINKS = ("src", "gold", "docs")
STAMP = "YYYYMMDDHHMMSS"  # in shown output: any 14-digit time stamp (watch cycles, update files)

# ---------------------------------------------------------------------------------------
# CLI reference


def _invoke(args: list[str], env: dict | None = None, cwd: str | os.PathLike | None = None, input: str | None = None):
    """Run `tidings ARGS` in this process: (exit code, what a terminal shows, stdout, stderr)."""
    from click.testing import CliRunner

    from tidings.cli import main

    runner = CliRunner()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(main, args, input=input, prog_name="tidings", env=env, terminal_width=WIDTH,
                               max_content_width=WIDTH, catch_exceptions=False)
    finally:
        os.chdir(old)
        for s, h in handlers.items():
            signal.signal(s, h)
    return result.exit_code, result.output, result.stdout, result.stderr


def command_tree():
    """[(path, click command)] for every command and subcommand, in `--help` order."""
    import click

    from tidings.cli import main

    out = []

    def walk(cmd, path):
        out.append((path, cmd))
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd, info_name=path[-1])
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), path + [name])

    walk(main, ["tidings"])
    return out


def help_text(path: list[str]) -> str:
    code, text, _, _ = _invoke(path[1:] + ["--help"])
    if code != 0:
        raise RuntimeError(f"{' '.join(path)} --help exited with {code}:\n{text}")
    return text.rstrip() + "\n"


def _anchor(path: list[str]) -> str:
    return "-".join(path)


def cli_reference() -> str:
    """The text of docs/cli.md."""
    tree = command_tree()
    lines = [
        "# Command-line reference",
        "",
        "<!-- Generated by `python scripts/gen_docs.py cli` from the commands' own --help text."
        " Do not edit by hand: change the help in src/tidings/commands/ and regenerate."
        " tests/test_docs.py fails when this file and --help disagree. -->",
        "",
        "Every command prints this text with `--help` (or `-h`). The user guide",
        "([guide.md](guide.md)) explains what the commands are for; this page is the exact",
        "list of their arguments and options.",
        "",
    ]
    for path, cmd in tree:
        short = cmd.get_short_help_str(limit=100) if len(path) > 1 else "the command group"
        indent = "  " * (len(path) - 1)
        lines.append(f"{indent}- [`{' '.join(path)}`](#{_anchor(path)}): {short}")
    lines.append("")
    envvars: dict[str, list[str]] = {}
    for path, cmd in tree:
        for param in cmd.params:
            for var in ([param.envvar] if isinstance(param.envvar, str) else param.envvar or []):
                envvars.setdefault(var, []).append(f"`{' '.join(path)} {param.opts[0]}`")
    if envvars:
        lines += ["Environment variables (an option given on the command line wins):", ""]
        for var, where in sorted(envvars.items()):
            lines.append(f"- `{var}`: the default of {', '.join(where)}")
        lines.append("")
    for path, cmd in tree:
        level = "#" * min(len(path) + 1, 4)
        lines += [f'<a id="{_anchor(path)}"></a>', "", f"{level} `{' '.join(path)}`", "", "```text",
                  help_text(path).rstrip(), "```", ""]
    return "\n".join(lines)


def write_cli() -> bool:
    text = cli_reference()
    changed = not CLI_MD.exists() or CLI_MD.read_text(encoding="utf-8") != text
    CLI_MD.write_text(text, encoding="utf-8")
    return changed


# ---------------------------------------------------------------------------------------
# Runnable blocks


@dataclass
class Step:
    command: str
    expected: str  # shown output (normalised form)
    line: int  # 1-based line of the command in the file
    raw: list[str] = field(default_factory=list)  # the command's lines as written


@dataclass
class Block:
    path: Path
    start: int  # 0-based index of the first line inside the fence
    end: int  # 0-based index of the closing fence
    steps: list[Step] = field(default_factory=list)
    slow: bool = False  # its test is marked slow
    excerpt: bool = False  # the shown output uses wildcards; never rewritten automatically

    @property
    def name(self) -> str:
        return f"{self.path.name}:{self.start}"


def parse_blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i].strip())
        if marker:
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or not lines[j].startswith("```"):
                raise ValueError(f"{path}:{i + 1}: a doc-test marker is not followed by a code block")
            k = j + 1
            while k < len(lines) and not lines[k].startswith("```"):
                k += 1
            opts = marker.group(1).split()
            block = Block(path, j + 1, k, slow="slow" in opts, excerpt="excerpt" in opts)
            body = lines[j + 1:k]
            n = 0
            while n < len(body):
                if not body[n].startswith("$ "):
                    if body[n].strip():
                        raise ValueError(f"{path}:{j + 2 + n}: output before the first `$ ` command")
                    n += 1
                    continue
                first = n
                cmd = body[n][2:]
                while cmd.endswith("\\") and n + 1 < len(body):
                    n += 1
                    cmd = cmd[:-1] + " " + body[n].strip()
                n += 1
                out = []
                while n < len(body) and not body[n].startswith("$ "):
                    out.append(body[n])
                    n += 1
                block.steps.append(Step(cmd.strip(), normalise("\n".join(out)), j + 2 + first, body[first:n - len(out)]))
            blocks.append(block)
            i = k
        i += 1
    return blocks


def _package_dir() -> str:
    import tidings

    return str(Path(tidings.__file__).resolve().parent)


def normalise(text: str, roots: tuple[str, ...] = ()) -> str:
    if roots:  # the installed package's data, wherever it is installed, is shown as src/tidings
        text = text.replace(_package_dir() + "/", "src/tidings/")
    for r in roots:
        text = text.replace(r.rstrip("/") + "/", "").replace(r.rstrip("/"), ".")
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


# Compared as equal whatever their value (the docs keep the real values): content-hash ids
# (16 hex digits) and line numbers of data files (`verbs.tsv:327`), which change whenever an
# unrelated entry is added.
VOLATILE = [(re.compile(r"\b[0-9a-f]{16}\b"), "<id>"), (re.compile(r"\.(tsv|txt):\d+\b"), r".\1:<line>")]


_LONG_FLOAT = re.compile(r"-?\d+\.\d{10,}")  # float noise: 0.5857142857142856


def _mask(text: str) -> str:
    for pat, rep in VOLATILE:
        text = pat.sub(rep, text)
    return _LONG_FLOAT.sub(lambda m: f"{float(m.group()):.6f}", text)


def matches(expected: str, actual: str, wildcards: bool = True) -> bool:
    """With `wildcards`, `...` in the expected text matches any text (on a line of its own, any
    lines) and YYYYMMDDHHMMSS any time stamp; without, the texts must be equal. Ids and
    data-file line numbers are masked on both sides (VOLATILE)."""
    expected, actual = _mask(expected), _mask(actual)
    if not wildcards:
        return expected == actual
    exp = expected.split("\n") if expected else []
    act = actual.split("\n") if actual else []
    pats = [None if ln.strip() == "..." else
            re.compile(".*".join(re.escape(p).replace(STAMP, r"\d{14}") for p in ln.split("...")))
            for ln in exp]
    # ok[j]: the expected lines seen so far can match the first j actual lines
    ok = [True] + [False] * len(act)
    for pat in pats:
        new = [False] * (len(act) + 1)
        if pat is None:
            seen = False
            for j in range(len(act) + 1):
                seen = seen or ok[j]
                new[j] = seen
        else:
            for j in range(1, len(act) + 1):
                new[j] = ok[j - 1] and pat.fullmatch(act[j - 1]) is not None
        ok = new
    return ok[len(act)]


class Workspace:
    """A scratch folder with links to the checkout, where one file's blocks run in order."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self._tmp = None
        if folder is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="tidings-docs-")
            folder = self._tmp.name
        self.dir = Path(folder)
        self.dir.mkdir(parents=True, exist_ok=True)
        for name in LINKS:
            link = self.dir / name
            if not link.exists():
                link.symlink_to(ROOT / name, target_is_directory=True)
        self.env = {"COLUMNS": COLUMNS, "TIDINGS_DB": None, "TIDINGS_TOKEN": None, "NO_COLOR": "1"}
        self.done: dict[str, list[str]] = {}  # block name -> actual outputs

    def close(self):
        if self._tmp is not None:
            self._tmp.cleanup()

    def run(self, command: str) -> str:
        roots = (str(ROOT), str(self.dir.resolve()), str(self.dir))
        parts = _split_pipes(command)
        at = next((i for i, p in enumerate(parts) if shlex.split(p)[:1] == ["tidings"]), None)
        if at is None or ">" in parts[at] or "<" in parts[at]:
            return normalise(self._bash(command), roots)
        stdin = self._bash(" | ".join(parts[:at])) if at else None
        _, out, stdout, stderr = _invoke(shlex.split(parts[at])[1:], env=self.env, cwd=self.dir, input=stdin)
        if at + 1 < len(parts):  # only standard output goes down the pipe
            out = self._bash(" | ".join(parts[at + 1:]), stdin=stdout) + stderr
        return normalise(out, roots)

    def _bash(self, command: str, stdin: str | None = None) -> str:
        env = dict(os.environ)
        for k, v in self.env.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        proc = subprocess.run(["bash", "-c", command], cwd=self.dir, input=stdin, text=True, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        return proc.stdout

    def run_block(self, block: Block) -> list[str]:
        if block.name not in self.done:
            self.done[block.name] = [self.run(step.command) for step in block.steps]
        return self.done[block.name]


def _split_pipes(command: str) -> list[str]:
    """Split a shell pipeline at the `|` outside quotes."""
    parts, quote, cur = [], None, []
    for ch in command:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "|":
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


def check_blocks(path: Path) -> list[tuple[Block, Step, str]]:
    """Every (block, step, actual output) that does not match what the file shows."""
    ws = Workspace()
    try:
        bad = []
        for block in parse_blocks(path):
            for step, actual in zip(block.steps, ws.run_block(block)):
                if not matches(step.expected, actual, block.excerpt):
                    bad.append((block, step, actual))
        return bad
    finally:
        ws.close()


def update_blocks(path: Path) -> list[str]:
    """Rewrite the output of the blocks that no longer match; return notes on the rest."""
    ws = Workspace()
    notes = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
        edits = []
        for block in parse_blocks(path):
            actual = ws.run_block(block)
            if all(matches(s.expected, a, block.excerpt) for s, a in zip(block.steps, actual)):
                continue
            if block.excerpt:
                for s, a in zip(block.steps, actual):
                    if not matches(s.expected, a, True):
                        notes.append(f"{path.name}:{s.line}: `{s.command}` no longer prints the excerpt shown; "
                                     f"it prints:\n{a}\n")
                continue
            body = []
            for s, a in zip(block.steps, actual):
                body.extend(s.raw or ["$ " + s.command])
                if a:
                    body.extend(a.split("\n"))
            edits.append((block.start, block.end, body))
        for start, end, body in reversed(edits):
            lines[start:end] = body
        if edits:
            path.write_text("\n".join(lines), encoding="utf-8")
            notes.append(f"{path.name}: {len(edits)} block(s) rewritten")
        return notes
    finally:
        ws.close()


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what not in ("all", "cli", "examples", "check"):
        print(__doc__)
        return 2
    status = 0
    if what in ("all", "cli"):
        print(f"docs/cli.md {'rewritten' if write_cli() else 'unchanged'}")
    if what in ("all", "examples"):
        for doc in RUNNABLE_DOCS:
            if doc.exists():
                for note in update_blocks(doc):
                    print(note)
    if what == "check":
        if not CLI_MD.exists() or CLI_MD.read_text(encoding="utf-8") != cli_reference():
            print("docs/cli.md is out of date: python scripts/gen_docs.py cli")
            status = 1
        for doc in RUNNABLE_DOCS:
            if doc.exists():
                for block, step, actual in check_blocks(doc):
                    print(f"{doc.name}:{step.line}: `{step.command}` prints:\n{actual}\n")
                    status = 1
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
