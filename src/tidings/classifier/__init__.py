"""A learned event classifier beside the lexicon coder (CAMEO root and pentacode of a clause).

The training corpus is written by the project (see docs/training-corpus.md):
``python -m tidings.classifier.corpus`` regenerates it, ``python -m tidings.classifier.validate``
checks it.
"""
