"""Bounds that several layers share: the longest chain, the most chains, a query's time."""

MAX_HOPS = 6
"""The longest chain, in relations, that a query may ask for (and Cypher may match)."""

MAX_CHAINS = 20
"""The most chains one answer may hold."""

DEFAULT_BUDGET_SECONDS = 2.0
"""How long a chain search runs before it answers with what it found."""
