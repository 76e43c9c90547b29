"""Imported by the process pool's fork server only (first in its preload list): the fork
server dies with the process that started it (whose pid scale.Engine puts in
TIDINGS_LIFELINE_PARENT), so a SIGKILLed ingest leaves no fork server behind."""

from __future__ import annotations

import os

from .lifeline import die_with_parent

_parent = os.environ.pop("TIDINGS_LIFELINE_PARENT", "")
if _parent.isdigit():
    die_with_parent(int(_parent))
