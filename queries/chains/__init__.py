"""Referral chains: `connect` (places or organisations), `paths` (two entities) and `ask`
(a question), searched, scored, picked for diversity and explained."""

from tsunagari.queries.chains.ask import (
    MAX_QUESTION_LENGTH,
    Answer,
    Parsed,
    QuestionNotUnderstood,
    ask,
    parse,
)
from tsunagari.queries.chains.chain import Chain, RelationFilter, Step
from tsunagari.queries.chains.connect import (
    Connection,
    connect,
    destination_targets,
    native_walker,
    origin_sources,
    paths,
)
from tsunagari.queries.chains.explain import explain
from tsunagari.queries.chains.search import SearchResult, find_chains

__all__ = [
    "MAX_QUESTION_LENGTH", "Answer", "Chain", "Connection", "Parsed", "QuestionNotUnderstood",
    "RelationFilter", "SearchResult", "Step", "ask", "connect", "destination_targets", "explain",
    "find_chains", "native_walker", "origin_sources", "parse", "paths",
]
