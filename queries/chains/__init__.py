"""Referral chains: `connect` (places or organisations) and `paths` (two entities), searched,
scored, picked for diversity and explained as advice."""

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
    "Chain", "Connection", "RelationFilter", "SearchResult", "Step", "connect",
    "destination_targets", "explain", "find_chains", "native_walker", "origin_sources", "paths",
]
