"""spaCy component tidings_actors: every actor mention of the Doc, coded (doc._.actor_mentions).

Reads: doc.ents, the dependency parse, doc._.published (the date roles are resolved at).
Writes: doc._.actor_mentions, a list of tidings.records.mentions.ActorMention sorted by position.
Config: "dictionaries" (PETRARCH/TABARI actor or agent files to load) and "replace" (True: use
only those files; False: add them to the project's own gazetteer in tidings/data/actors/).

What the mentions look like (for the events and quotes stages):
- one mention per actor noun phrase, its token span covering the phrase ("Russian President
  Vladimir Putin", head = the "Putin" token; "the foreign minister of Ukraine", head "minister");
- kind: name (a named person, country, region), title (a role with its country: "Russian troops",
  "Kremlin spokesman X"), demonym ("the Russians", "Cypriot ships"), metonym ("the Kremlin",
  "Moscow"), org, pronoun ("he", "it", "they"), nominal ("the spokesman", "the two leaders",
  "his US counterpart"), compound-member ("US" in "US and South Korean troops");
- mentions of one actor share `key` (a person's key, else the code); coreferent pronouns and
  nominals carry their antecedent's code, name and key;
- compounds give one mention per member ("Putin and Biden"); "the two leaders" gives one mention
  per member with the same span;
- code None: a named person or organisation tidings cannot code (kept, e.g. as a speaker);
- a capital or seat of power named as a place ("talks in Moscow", "a visit to Washington") is coded
  as the country (RUS, not RUSGOV), with a rule starting "place:";
- "here" of an arrival, visit or meeting ("arrived here", "met here") is the dateline's country
  (tidings.actors.here), with a rule starting "dateline:".
Mentions are sorted by (start, end). See tidings/data/actors/README.md for the conventions.
"""

from __future__ import annotations

from spacy.language import Language

from .coref import fill_from_context, nominal_runs, pronoun_runs, resolve_coreference
from .here import here_mentions
from .lexicon import Lexicon, load_default_lexicon
from .petrarch import load_petrarch
from .resolve import ActorResolver

__all__ = ["ActorsComponent", "make_actors", "build_lexicon"]


def build_lexicon(dictionaries=(), replace: bool = False) -> Lexicon:
    lex = Lexicon() if replace and dictionaries else load_default_lexicon()
    if dictionaries:
        lex.extend(load_petrarch(dictionaries))
        lex.sources.extend(str(p) for p in dictionaries)
    return lex


class ActorsComponent:
    def __init__(self, nlp, lexicon: Lexicon):
        self.lexicon = lexicon
        self.resolver = ActorResolver(nlp, lexicon)

    def __call__(self, doc):
        doc._.actor_mentions = self.mentions(doc)
        return doc

    def runs(self, doc):
        r = self.resolver
        day = doc._.published
        pieces = r.pieces(doc)
        runs = r.code_runs(doc, r.runs(doc, pieces), day)
        r.share(doc, runs)
        runs = [run for run in runs if run.pending != "share"]
        taken = {i for run in runs for i in range(run.start, run.end)}
        extra = pronoun_runs(doc, taken) + nominal_runs(doc, taken)
        places = [run for run in runs if run.pending == "place"]
        runs = [run for run in runs if run.pending != "place"]
        fill_from_context(runs, places)  # before coreference, so pronouns copy the filled code
        out = resolve_coreference(doc, runs + extra, r, day)
        fill_from_context(out, places)
        return out

    def mentions(self, doc):
        out = [self.resolver.to_mention(doc, run) for run in self.runs(doc)]
        taken = {i for m in out for i in range(m.start, m.end)}
        out += here_mentions(doc, self.lexicon, taken)  # "arrived here": the dateline's country
        out.sort(key=lambda m: (m.start, m.end))
        return out


@Language.factory(
    "tidings_actors", assigns=["doc._.actor_mentions"], default_config={"dictionaries": [], "replace": False}
)
def make_actors(nlp, name, dictionaries, replace):
    return ActorsComponent(nlp, build_lexicon(tuple(dictionaries), bool(replace)))
