"""Imported once by the process pool's fork server (multiprocessing's forkserver preload).

It builds the default pipeline there, before any worker exists. Every pool worker is then
forked from a process that has the model loaded already: the worker does not load it again,
and all workers share one copy of the model's memory pages (the weights are read, never
written), which leaves more of the CPU caches to the work itself. See scale.Engine.
"""

from __future__ import annotations

try:
    from . import get_nlp

    get_nlp()
except Exception:  # noqa: BLE001 - a worker that needs the model loads it itself and reports the error there
    pass
