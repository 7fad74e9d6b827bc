"""Names to entities: exact, normalised, without administrative words, contained, fuzzy."""

from tsunagari.queries.resolve.name_index import NAMES, Match, NameIndex, resolve_entity
from tsunagari.queries.resolve.substrings import SubstringIndex

__all__ = ["NAMES", "Match", "NameIndex", "SubstringIndex", "resolve_entity"]
