"""Actors: find and code every actor (gazetteer, roles, people over time, coreference)."""
