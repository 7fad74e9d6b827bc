"""The stores that the reliability tests' processes write to, and how to look at them.

A `Target` is an embedded store under a data directory, or a Neo4j database (with a data
directory for the API's tokens, audit log and review queue): its environment for
`tsunagari`, a fresh look at its graph, and a reset.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.neo4j_servers import wipe
from tests.support.paths import ROOT, SEEDS
from tsunagari.api.auth import TokenStore
from tsunagari.api.settings import Settings
from tsunagari.api.stores import open_store
from tsunagari.graph.neo4j import Neo4jServer, Neo4jStore
from tsunagari.graph.store import GraphStore
from tsunagari.loaders import load_seeds
from tsunagari.queries.views import graph_json

Snapshot = tuple[Any, ...]


@dataclass
class Target:
    """A store for `tsunagari` processes: the embedded file under `data_dir`, or the Neo4j
    at `neo4j_uri`."""

    backend: str
    data_dir: Path
    neo4j_uri: str | None = None
    seeds_dir: Path = SEEDS

    def env(self) -> dict[str, str]:
        """The environment that points `tsunagari` at this store."""
        env = {"TSUNAGARI_DATA_DIR": str(self.data_dir), "TSUNAGARI_BACKEND": self.backend,
               "TSUNAGARI_SEEDS_DIR": str(self.seeds_dir)}
        if self.neo4j_uri:
            env["TSUNAGARI_NEO4J_URI"] = self.neo4j_uri
            env["TSUNAGARI_NEO4J_PASSWORD"] = os.environ.get("TSUNAGARI_NEO4J_PASSWORD", "")
        return env

    def open(self) -> GraphStore:
        """The store opened afresh, as a restarted process opens it."""
        server = {"neo4j_uri": self.neo4j_uri} if self.neo4j_uri else {}
        return open_store(Settings(backend=self.backend, data_dir=self.data_dir,
                                   seeds_dir=self.seeds_dir, **server))

    def reset(self) -> None:
        """An empty graph and an empty data directory."""
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.data_dir.mkdir(parents=True)
        if self.backend == "neo4j":
            store = self.open()
            assert isinstance(store, Neo4jStore)
            wipe(store)
            store.close()

    def seed(self) -> str:
        """Reset to the seed graph; a new write token (returned) in the data directory."""
        self.reset()
        store = self.open()
        load_seeds(store, ROOT / "seeds")
        store.close()
        tokens = TokenStore(self.data_dir / "tokens.sqlite3")
        try:
            return tokens.create("reliability")
        finally:
            tokens.close()

    def snapshot(self) -> Snapshot:
        """The graph as a fresh store reads it."""
        store = self.open()
        try:
            return snapshot_of(store)
        finally:
            store.close()


def scratch_target(stack: ExitStack, backend: str, neo4j_uri: str | None,
                   prefix: str) -> tuple[Path, Target]:
    """A scratch folder (removed when `stack` closes) and a target in it: the embedded store,
    or Neo4j at `neo4j_uri` (a Neo4j started for the stack's life when none is named)."""
    work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=prefix)))
    if backend == "neo4j" and not neo4j_uri:
        neo4j_uri = stack.enter_context(Neo4jServer()).uri
    return work, Target(backend, work / "data", neo4j_uri if backend == "neo4j" else None)


def snapshot_of(store: GraphStore) -> Snapshot:
    """The merged graph and the documents loaded (ids and digests), comparable across stores."""
    documents = [(d.id, d.sha256) for d in store.documents()]
    return graph_json(store), documents
