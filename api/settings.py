"""Settings, read from the environment (prefix TSUNAGARI_) once, at the entry point."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from tsunagari.graph.limits import DEFAULT_BUDGET_SECONDS
from tsunagari.graph.referral_model import DEFAULT_FOLLOW_UP_DAYS
from tsunagari.loaders.review import MAX_PROPOSALS

ORIGIN = re.compile(r"https?://[^/\s]+")


class Settings(BaseSettings):
    """Everything configurable; `TSUNAGARI_DATA_DIR=/srv/tsunagari` and so on."""

    model_config = SettingsConfigDict(env_prefix="TSUNAGARI_", extra="ignore")

    backend: Literal["networkx", "neo4j"] = "networkx"
    data_dir: Path = Path("data")
    seeds_dir: Path = Path("seeds")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_document_bytes: int = Field(default=8_000_000, ge=1)
    max_request_bytes: int = Field(default=16_000_000, ge=1)
    max_proposals_per_document: int = Field(default=MAX_PROPOSALS, ge=1)
    max_export_elements: int = Field(default=500_000, ge=1)
    query_budget_seconds: float = Field(default=DEFAULT_BUDGET_SECONDS, gt=0, le=60)
    """How long a chain search runs, and how long a query waits for a free slot (below)."""
    max_concurrent_queries: int = Field(default=8, ge=1)
    """Queries (connect, ask, paths, neighbours, hubs, support) answered at once; one more
    waits at most the query budget for a slot, then is answered 503 with Retry-After."""
    max_concurrent_views: int = Field(default=4, ge=1)
    """Graph views (/v1/graph/view) built at once; one more is answered 503 at once."""
    max_concurrent_exports: int = Field(default=2, ge=1)
    """Whole-graph exports (/v1/graph) streamed at once; one more is answered 503 at once."""
    referral_follow_up_days: int = Field(default=DEFAULT_FOLLOW_UP_DAYS, ge=1, le=60)
    """Business days a referral may stay unanswered before it is overdue in both boxes."""
    referral_boost: bool = True
    """Whether routes along which referrals helped rank higher (by at most a quarter)."""
    view_follow_seconds: float = Field(default=0.25, gt=0, le=60)
    """How often a server over Neo4j looks whether the graph changed (a write of another
    process reaches its search, chains and hubs after this and a rebuild)."""
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    neo4j_retry_seconds: float = Field(default=2.0, ge=0)
    neo4j_connect_seconds: float = Field(default=3.0, gt=0)
    neo4j_native_paths: bool = False
    """Chains enumerated by Neo4j itself (Cypher path patterns) where the walk is small;
    the same answers, slower on every graph measured (docs/performance.md)."""

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        """`https://a.example, http://localhost:5173` (commas) as well as a list; each an
        origin (scheme and host, no path), or `*` for any."""
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            for origin in value:
                if origin != "*" and not (isinstance(origin, str) and ORIGIN.fullmatch(origin)):
                    raise ValueError(f"{origin!r} is not an origin like https://desk.example.jp")
        return value

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "tsunagari.sqlite3"

    @property
    def tokens_path(self) -> Path:
        return self.data_dir / "tokens.sqlite3"

    @property
    def audit_path(self) -> Path:
        return self.data_dir / "audit.sqlite3"

    @property
    def review_path(self) -> Path:
        return self.data_dir / "review.sqlite3"

    @property
    def merges_path(self) -> Path:
        return self.data_dir / "merges.sqlite3"
