"""Hub organisations: degree, betweenness, PageRank and brokerage, with what each bridges."""

from tsunagari.queries.hubs.actor_graph import ActorGraph
from tsunagari.queries.hubs.brokerage import Brokerage, brokerage
from tsunagari.queries.hubs.centrality import Centrality
from tsunagari.queries.hubs.ranking import (
    HUB_SCORES,
    MAX_HUBS,
    METRICS,
    Bridge,
    Hub,
    HubScores,
    compute_hub_scores,
    hubs,
    scores_of,
)

__all__ = [
    "HUB_SCORES", "MAX_HUBS", "METRICS", "ActorGraph", "Bridge", "Brokerage", "Centrality", "Hub",
    "HubScores",
    "brokerage", "compute_hub_scores", "hubs", "scores_of",
]
