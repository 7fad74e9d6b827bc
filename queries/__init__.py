"""Queries: pure functions over a store (and a versioned snapshot of it) that answer what
support staff and researchers ask.

>>> from tsunagari.queries import connect, hubs          # doctest: +SKIP
>>> connect(store, "Osaka", "Dong Nai", sector="machining").chains[0].explanation["en"]

Sub-packages: `resolve` (names), `projection` (the graph as traversal arrays), `chains`
(connect, paths), `desk` (questions as desks ask them: `ask`), `hubs`, `views` (entity,
neighbours, support menu, exports).
"""

from tsunagari.queries.cache import AnyView, VersionedCache, View
from tsunagari.queries.chains import Chain, Connection, Step, connect, paths
from tsunagari.queries.desk import DeskAnswer, QuestionNotUnderstood, ask
from tsunagari.queries.hubs import HUB_SCORES, METRICS, Hub, hubs, scores_of
from tsunagari.queries.projection import PROJECTION, Projection
from tsunagari.queries.query_errors import QueryError, UnknownName
from tsunagari.queries.resolve import NAMES, NameIndex, resolve_entity
from tsunagari.queries.views import entity_view, entity_view_in, graph_json, neighbours, support

VIEWS_AT_START: tuple[AnyView[object], ...] = (PROJECTION, NAMES)
"""The views a server builds before it takes its first request."""
VIEWS_AFTER_START: tuple[AnyView[object], ...] = (HUB_SCORES,)
"""The views a server builds in the background once it takes requests."""

__all__ = [
    "HUB_SCORES", "METRICS", "NAMES", "PROJECTION", "VIEWS_AFTER_START", "VIEWS_AT_START",
    "Chain", "DeskAnswer", "Connection", "Hub", "NameIndex",
    "Projection", "QueryError", "QuestionNotUnderstood", "Step", "UnknownName", "VersionedCache",
    "View", "ask", "connect", "entity_view", "entity_view_in", "graph_json", "hubs", "neighbours",
    "paths", "resolve_entity", "scores_of", "support",
]
