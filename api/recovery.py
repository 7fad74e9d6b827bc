"""Putting the graph back in step with the review queue when the API starts.

A decision on a proposal writes the graph, then commits the decision in the review
queue: two files, two commits. A process killed between them leaves facts in the graph
that no decision stands for; the queue is the record, so the graph follows it.
"""

from __future__ import annotations

import logging

from tsunagari.graph.store import GraphStore
from tsunagari.loaders.review import ReviewError, ReviewQueue

log = logging.getLogger("tsunagari.api")


def reconcile_reviews(queue: ReviewQueue, store: GraphStore) -> list[str]:
    """Apply again each reviewed document whose accepted facts differ from what the graph
    holds of it; return their ids."""
    repaired = []
    for document_id in queue.document_ids():
        try:
            contribution = queue.contribution(document_id, store.entity)
        except ReviewError as exc:
            log.warning("review of %s cannot be reconciled: %s", document_id, exc)
            continue
        accepted = (sorted(e.id for e in contribution.entities),
                    sorted(r.id for r in contribution.relations))
        if accepted == store.document_facts(document_id):
            continue
        if contribution.entities:
            store.apply(contribution)
        else:
            store.retract(document_id)
        log.warning("document %s: the graph now holds its accepted facts again", document_id)
        repaired.append(document_id)
    return repaired
