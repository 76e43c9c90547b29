"""`python -m tidings` is the `tidings` command."""

from .cli import main

main()
