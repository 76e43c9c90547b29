"""The matrix products of the pipeline's models through numpy's BLAS instead of BLIS.

thinc's NumpyOps computes every dense layer (the CNN of the shared tok2vec and of the NER's own
tok2vec, the parser's and NER's feature projections) with BLIS's sgemm. On the machines tidings
was measured on, numpy's bundled OpenBLAS does the same products 2.5 to 3 times faster (a
5,700 x 288 by 288 x 288 product: 21 GFLOP/s with BLIS, 58 with OpenBLAS on one thread).
thinc has the switch itself: NumpyOps(use_blis=False) delegates gemm to numpy.dot. The weights
and the arithmetic are the same; only the order of the float additions inside a product differs,
and on 42,698 tokens of real news every tag, arc, label and entity came out identical.

use_numpy_gemm sets that ops on every layer of the given pipeline only: another spaCy pipeline
in the same process (a bench's baseline) keeps thinc's default. OpenBLAS would otherwise run its
own threads, which compete with the pool's workers for the same cores: one_blas_thread keeps it
on the calling thread (tidings' parallelism is its workers).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

__all__ = ["one_blas_thread", "use_numpy_gemm"]

# the names OpenBLAS's thread setter has in numpy's own build (scipy-openblas, 64-bit ints) and in others
_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def use_numpy_gemm(nlp) -> int:
    """Every thinc layer of nlp's components computes its products with numpy; the number of layers set."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    changed = 0
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is not NumpyOps:  # a GPU's ops stay
                continue
            node.ops = ops
            changed += 1
    return changed


def one_blas_thread() -> bool:
    """Ask numpy's OpenBLAS to use one thread; False when no OpenBLAS of numpy's was found."""
    import numpy

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(libs.glob("*openblas*")):
        try:
            lib = ctypes.CDLL(str(path))
        except OSError:
            continue
        for name in _SETTERS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    return False
