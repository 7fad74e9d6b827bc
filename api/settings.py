"""Settings, read from the environment (prefix TSUNAGARI_) once, at the entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable; `TSUNAGARI_DATA_DIR=/srv/tsunagari` and so on."""

    model_config = SettingsConfigDict(env_prefix="TSUNAGARI_", extra="ignore")

    backend: Literal["networkx", "neo4j"] = "networkx"
    data_dir: Path = Path("data")
    seeds_dir: Path = Path("seeds")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_document_bytes: int = Field(default=8_000_000, ge=1)
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    neo4j_retry_seconds: float = Field(default=2.0, ge=0)
    neo4j_connect_seconds: float = Field(default=3.0, gt=0)

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
