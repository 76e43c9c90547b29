"""The models' large arrays reuse the memory freed by the batch before (glibc's malloc only).

Every batch of the pipeline allocates arrays of tokens times features (the shared tok2vec's and
the NER's convolutions, the parser's and NER's precomputed features: a few MB each) and frees
them at its end. With glibc's defaults malloc serves a large request with freshly mapped pages
(above its mmap threshold, which grows only up to the largest block freed so far) and gives the
free memory at the top of its heap back to the system (above its trim threshold): the next batch
gets new pages again, and the kernel zeroes every one on its first touch. On the shared pool that
was about 7% of `tidings code`'s CPU profile (page faults zeroing pages under numpy's products,
thinc's seq2col and maxout).

keep_freed_memory raises both thresholds: blocks under 64 MiB come from the heap, and up to
256 MiB free at its top stay there for the next batch. The peak memory is what it was (the same
arrays at the same time; 357 -> 361 MB over 200 pool articles); only a process that has parsed a
long article keeps that memory until it ends. Called once when tidings' pipeline is built; it
does nothing where the C library has no mallopt (not glibc) or where the user has set malloc's
own environment variables.
"""

from __future__ import annotations

import ctypes
import os

__all__ = ["keep_freed_memory"]

M_TRIM_THRESHOLD = -1  # glibc's <malloc.h>
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 64 << 20
TRIM_THRESHOLD = 256 << 20
_USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES")


def keep_freed_memory(mmap_threshold: int = MMAP_THRESHOLD, trim_threshold: int = TRIM_THRESHOLD) -> bool:
    """Set malloc's mmap and trim thresholds for this process; False when not done."""
    if any(name in os.environ for name in _USER_SETTINGS):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, mmap_threshold)) and bool(mallopt(M_TRIM_THRESHOLD, trim_threshold))
