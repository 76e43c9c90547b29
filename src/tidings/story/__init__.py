"""The article stage: from the sentence coder's event mentions to the events of the dataset.

    hypotheses -> groups (story-level tuples) -> rules and the judge -> events and candidates

1. `hypotheses`: every mention the sentence coder made (kept or set aside) with the readings
   the text supports (a role's country from the dateline, a target or source named elsewhere
   in the sentence).
2. `groups`: readings with the same (root, source key, target key) are one happening: one event
   with all its mentions, its best-supported code, date and place.
3. `component` decides: no coded source, or a dyadic code (data/story/dyadic.tsv) with no
   target, is not an event of the dataset; a bare statement (010) that only carries another event
   is not one either; the judge (`judge`, trained by `train` on the project's own annotations
   of real articles) keeps the tuples a careful coder would list. Everything dropped stays a
   candidate with its reason, for `--explain` and `--all-candidates`.
"""
