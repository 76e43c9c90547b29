"""Child processes die with their parent (Linux): called by the process pool's fork server
(forkserver_lifeline.py, first in its preload list) and by every pool worker as it starts, so that a
SIGKILLed ingest leaves no fork server and no workers behind (the resource tracker then sees
its last user gone and ends too). Elsewhere it does nothing."""

from __future__ import annotations

import os
import signal
import sys

__all__ = ["die_with_parent"]

PR_SET_PDEATHSIG = 1


def die_with_parent(expected_parent: int | None = None) -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends; if the parent has ended
    already (it is not `expected_parent` any more), end now. False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if expected_parent is not None and os.getppid() != expected_parent or os.getppid() == 1:
        os._exit(1)  # the parent died before the request took effect
    return True
