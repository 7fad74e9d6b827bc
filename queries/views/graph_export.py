"""The whole graph as data: JSON for tools, GraphML for Gephi, yEd or networkx."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from tsunagari.graph.store import GraphStore


def graph_json(store: GraphStore) -> dict[str, Any]:
    """`{"nodes": [Entity], "edges": [Relation]}`, sorted by id."""
    nodes = sorted((e.to_dict() for e in store.entities()), key=lambda n: n["id"])
    edges = sorted((r.to_dict() for r in store.relations()), key=lambda r: r["id"])
    return {"nodes": nodes, "edges": edges}


def graph_graphml(store: GraphStore) -> str:
    """GraphML with scalar attributes (lists joined with ' | ')."""
    graph = nx.MultiDiGraph()
    for entity in sorted(store.entities(), key=lambda e: e.id):
        graph.add_node(
            entity.id,
            type=entity.type.value,
            labels=" | ".join(entity.labels),
            name_ja=entity.name_ja,
            name_en=entity.name_en,
            aliases=" | ".join(entity.aliases),
            country=entity.country,
            description=entity.description,
        )
    for relation in sorted(store.relations(), key=lambda r: r.id):
        graph.add_edge(
            relation.source,
            relation.target,
            key=relation.id,
            type=relation.type,
            family=relation.family,
            quote=" | ".join(e.quote for e in relation.evidence),
            locator=" | ".join(f"{e.document}:{e.locator}" for e in relation.evidence),
            since=relation.since or "",
            until=relation.until or "",
            stage=relation.stage or "",
            entry_point=relation.entry_point or "",
            confidence=relation.confidence,
            status=relation.status.value,
        )
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
