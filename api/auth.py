"""Who may write: tokens created by `tsunagari token create`, kept only as SHA-256 hashes,
and the bearer token of a request checked against them.

Tokens are 256-bit random strings, so an unsalted hash is enough to make the
stored file useless to a reader; checking compares hashes in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tsunagari.graph.sqlite import open_sqlite
from tsunagari.graph.text import field_fault

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, created_at TEXT NOT NULL);
"""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """The named write tokens of one data directory."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)

    def create(self, name: str) -> str:
        """A new token for `name` (replacing an older one); only its hash is kept. A name
        is text as a name field takes it (`field_fault`)."""
        if not name.strip():
            raise ValueError("a token needs a name (who or what uses it)")
        fault = field_fault(name)
        if fault:
            raise ValueError(f"the token name {name!r} holds a {fault}")
        token = secrets.token_urlsafe(32)
        self._db.execute(
            "INSERT OR REPLACE INTO tokens VALUES (?, ?, ?)",
            (name.strip(), _digest(token), datetime.now(UTC).isoformat(timespec="seconds")),
        )
        return token

    def revoke(self, name: str) -> bool:
        return self._db.execute("DELETE FROM tokens WHERE name = ?", (name,)).rowcount > 0

    def names(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT name FROM tokens ORDER BY name")]

    def holder(self, token: str) -> str | None:
        """The name of the token's holder, or None; every stored hash is compared."""
        digest = _digest(token)
        found = None
        for name, stored in self._db.execute("SELECT name, sha256 FROM tokens"):
            if hmac.compare_digest(digest, stored):
                found = name
        return found

    def close(self) -> None:
        self._db.close()


bearer = HTTPBearer(
    auto_error=False, description="A write token, made by `tsunagari token create NAME`"
)


def writer_of(tokens: TokenStore, credentials: HTTPAuthorizationCredentials | None) -> str:
    """The name of the holder of a bearer token (`bearer` reads it from a request); 401
    without a bearer token, 403 with a wrong one."""
    if credentials is None or not credentials.credentials.strip():
        raise HTTPException(
            401, "writes need 'Authorization: Bearer <token>' (tsunagari token create NAME)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    holder = tokens.holder(credentials.credentials.strip())
    if holder is None:
        raise HTTPException(403, "this token is not valid for writes")
    return holder


def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> str:
    """The name of the token's holder; 401 without a bearer token, 403 with a wrong one."""
    return writer_of(request.app.state.tokens, credentials)
