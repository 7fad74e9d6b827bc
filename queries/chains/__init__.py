"""Referral chains: `connect` (places or organisations) and `paths` (two entities), searched,
scored, picked for diversity and explained as advice."""

from tsunagari.queries.chains.chain import Chain, RelationFilter, Step, has_ended, period_end
from tsunagari.queries.chains.connect import (
    Connection,
    connect,
    destination_targets,
    native_walker,
    origin_sources,
    paths,
)
from tsunagari.queries.chains.explain import explain, month_text, period_text
from tsunagari.queries.chains.search import SearchResult, find_chains

__all__ = [
    "Chain", "Connection", "RelationFilter", "SearchResult", "Step", "connect",
    "destination_targets", "explain", "find_chains", "has_ended", "month_text", "native_walker",
    "origin_sources", "paths", "period_end", "period_text",
]
