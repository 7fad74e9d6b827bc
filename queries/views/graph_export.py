"""The whole graph as data: JSON for tools, GraphML for Gephi, yEd or networkx.

GraphML is written piece by piece (`graphml_chunks`): a whole national graph is never held
as one document, so an export costs memory in proportion to one chunk, not to the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any, TypeVar
from xml.sax.saxutils import escape, quoteattr

from tsunagari.graph.model import Entity, Relation
from tsunagari.graph.store import GraphStore

T = TypeVar("T")
CHUNK_ELEMENTS = 500
"""Entities or relations written in one chunk of an export."""

NODE_KEYS: dict[str, Callable[[Entity], str]] = {
    "type": lambda e: e.type.value,
    "labels": lambda e: " | ".join(e.labels),
    "name_ja": lambda e: e.name_ja,
    "name_en": lambda e: e.name_en,
    "aliases": lambda e: " | ".join(e.aliases),
    "country": lambda e: e.country,
    "description": lambda e: e.description,
}
"""The GraphML attributes of an entity (strings; lists joined with ' | ')."""
EDGE_KEYS: dict[str, Callable[[Relation], str | float]] = {
    "type": lambda r: r.type,
    "family": lambda r: r.family,
    "quote": lambda r: " | ".join(e.quote for e in r.evidence),
    "locator": lambda r: " | ".join(f"{e.document}:{e.locator}" for e in r.evidence),
    "since": lambda r: r.since or "",
    "until": lambda r: r.until or "",
    "stage": lambda r: r.stage or "",
    "entry_point": lambda r: r.entry_point or "",
    "confidence": lambda r: r.confidence,
    "status": lambda r: r.status.value,
}
"""The GraphML attributes of a relation (`confidence` a double, the rest strings)."""
KEY_IDS = {"node": [f"d{n}" for n in range(len(NODE_KEYS))],
           "edge": [f"d{n}" for n in range(len(NODE_KEYS), len(NODE_KEYS) + len(EDGE_KEYS))]}
"""The GraphML key of each attribute: d0, d1, ... (nodes first)."""
GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def sorted_entities(store: GraphStore) -> list[Entity]:
    """Every entity, by id."""
    return sorted(store.entities(), key=lambda e: e.id)


def sorted_relations(store: GraphStore) -> list[Relation]:
    """Every relation, by id."""
    return sorted(store.relations(), key=lambda r: r.id)


def in_chunks(items: Iterable[T], size: int = CHUNK_ELEMENTS) -> Iterator[list[T]]:
    """`items` a list of at most `size` at a time."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def graph_json(store: GraphStore) -> dict[str, Any]:
    """`{"nodes": [Entity], "edges": [Relation]}`, sorted by id."""
    return {"nodes": [e.to_dict() for e in sorted_entities(store)],
            "edges": [r.to_dict() for r in sorted_relations(store)]}


def graphml_chunks(entities: Iterable[Entity], relations: Iterable[Relation]) -> Iterator[str]:
    """GraphML of entities and relations (the whole graph: `sorted_entities`,
    `sorted_relations`), a few hundred a chunk; joined, a document networkx, Gephi and yEd
    read."""
    yield GRAPHML_HEAD + "".join(
        f'  <key id="{key}" for="{kind}" attr.name="{name}" '
        f'attr.type="{"double" if name == "confidence" else "string"}" />\n'
        for kind, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS))
        for key, name in zip(KEY_IDS[kind], keys, strict=True)
    ) + '  <graph edgedefault="directed">\n'
    for some_entities in in_chunks(entities):
        yield "".join(
            f"    <node id={quoteattr(e.id)}>\n{_data('node', NODE_KEYS, e)}    </node>\n"
            for e in some_entities)
    for some_relations in in_chunks(relations):
        yield "".join(
            f"    <edge source={quoteattr(r.source)} target={quoteattr(r.target)} "
            f"id={quoteattr(r.id)}>\n{_data('edge', EDGE_KEYS, r)}    </edge>\n"
            for r in some_relations)
    yield "  </graph>\n</graphml>\n"


def _data(kind: str, keys: Mapping[str, Callable[[Any], str | float]], element: Any) -> str:
    """The `<data>` lines of an element, an empty value as an empty element."""
    lines = []
    for key, read in zip(KEY_IDS[kind], keys.values(), strict=True):
        value = escape(str(read(element)))
        lines.append(f'      <data key="{key}">{value}</data>\n' if value
                     else f'      <data key="{key}" />\n')
    return "".join(lines)
