"""`python -m tidings.evaluate GOLD... [options]`: the same as `tidings evaluate`."""

from ..commands.evaluate import command

if __name__ == "__main__":
    command(prog_name="python -m tidings.evaluate")
