"""Who may write: tokens created by `tsunagari token create`, kept only as SHA-256 hashes,
each with a role (`desk` or `admin`) and optionally the organisation it belongs to, and the
bearer token of a request checked against them.

Tokens are 256-bit random strings, so an unsalted hash is enough to make the
stored file useless to a reader; checking compares hashes in constant time.
Tokens are managed from the command line only (there is no API for them).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tsunagari.graph import Entity, GraphStore
from tsunagari.graph.sqlite import open_sqlite, transaction
from tsunagari.graph.text import field_fault

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, created_at TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'desk', org TEXT);
"""
ADDED_COLUMNS = {"role": "TEXT NOT NULL DEFAULT 'desk'", "org": "TEXT"}
"""Columns that token files made before roles lack; added when such a file is opened, so
its tokens keep working, each with the least role, `desk`."""


class Role(StrEnum):
    """What a token may do: `desk` writes documents, decisions and staff edits; `admin` also
    retracts and restores documents and merges entities."""

    DESK = "desk"
    ADMIN = "admin"


@dataclass(frozen=True)
class Caller:
    """Who a request's token belongs to: its name, role and organisation (an entity id)."""

    name: str
    role: Role
    org: str | None = None


@dataclass(frozen=True)
class TokenRecord:
    """A token as `tsunagari token list` shows it (never the token itself)."""

    name: str
    role: Role
    org: str | None
    created_at: str


class TokenRefused(ValueError):
    """A token that cannot be made as asked (no name, or an organisation that is none)."""


class RoleRequired(Exception):
    """A valid token whose role does not allow the operation; the messages say which role
    does, in English and Japanese."""

    def __init__(self, operation: str, caller: Caller, required: Role) -> None:
        self.required, self.role = required, caller.role
        self.messages = {
            "en": (f"{operation} needs a token with the role '{required}'; the token "
                   f"'{caller.name}' has the role '{caller.role}'. An operator makes one with "
                   f"`tsunagari token create NAME --role {required}`."),
            "ja": (f"この操作（{operation}）には「{required}」ロールのトークンが必要です。"
                   f"トークン「{caller.name}」のロールは「{caller.role}」です。管理者が "
                   f"`tsunagari token create NAME --role {required}` で作成できます。"),
        }
        super().__init__(self.messages["en"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_organisation(store: GraphStore, entity_id: str) -> Entity:
    """The organisation a token is to belong to: an existing entity that is an organisation."""
    entity = store.entity(entity_id)
    if entity is None:
        raise TokenRefused(f"organisation {entity_id!r} is not an entity of the graph "
                           "(`tsunagari search NAME` gives ids)")
    return _organisation(entity)


def _organisation(entity: Entity) -> Entity:
    if not entity.is_organisation:
        raise TokenRefused(f"{entity.id!r} ({entity.display_name}) is a {entity.type.value}, "
                           "not an organisation")
    return entity


class TokenStore:
    """The named write tokens of one data directory."""

    def __init__(self, path: Path) -> None:
        self._db = open_sqlite(path, SCHEMA)
        _add_missing_columns(self._db)

    def create(self, name: str, role: Role = Role.DESK, org: Entity | None = None) -> str:
        """A new token for `name` (replacing an older one) with a role and an organisation
        (see `token_organisation`); only its hash is kept. A name is text as a name field
        takes it (`field_fault`)."""
        if not name.strip():
            raise TokenRefused("a token needs a name (who or what uses it)")
        fault = field_fault(name)
        if fault:
            raise TokenRefused(f"the token name {name!r} holds a {fault}")
        org_id = _organisation(org).id if org else None
        token = secrets.token_urlsafe(32)
        self._db.execute(
            "INSERT OR REPLACE INTO tokens (name, sha256, created_at, role, org) "
            "VALUES (?, ?, ?, ?, ?)",
            (name.strip(), _digest(token), datetime.now(UTC).isoformat(timespec="seconds"),
             Role(role).value, org_id),
        )
        return token

    def revoke(self, name: str) -> bool:
        return self._db.execute("DELETE FROM tokens WHERE name = ?", (name,)).rowcount > 0

    def tokens(self) -> list[TokenRecord]:
        """Every token's name, role, organisation and creation time, by name."""
        rows = self._db.execute("SELECT name, role, org, created_at FROM tokens ORDER BY name")
        return [TokenRecord(name, Role(role), org, created) for name, role, org, created in rows]

    def holder(self, token: str) -> Caller | None:
        """Who holds the token, or None; every stored hash is compared."""
        digest = _digest(token)
        found = None
        for name, stored, role, org in self._db.execute(
                "SELECT name, sha256, role, org FROM tokens"):
            if hmac.compare_digest(digest, stored):
                found = Caller(name, Role(role), org)
        return found

    def close(self) -> None:
        self._db.close()


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Bring a token file made before roles up to date, in one transaction."""
    with transaction(db):
        present = {row[1] for row in db.execute("PRAGMA table_info(tokens)")}
        for column, definition in ADDED_COLUMNS.items():
            if column not in present:
                db.execute(f"ALTER TABLE tokens ADD COLUMN {column} {definition}")


bearer = HTTPBearer(
    auto_error=False, description="A write token, made by `tsunagari token create NAME`"
)


def writer_of(tokens: TokenStore, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """Who holds a bearer token, of any role (`bearer` reads it from a request); 401 without
    a bearer token, 403 with a wrong one."""
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
) -> Caller:
    """Who holds the token (any role); 401 without a bearer token, 403 with a wrong one."""
    return writer_of(request.app.state.tokens, credentials)


def require_admin(request: Request, caller: Annotated[Caller, Security(require_writer)]) -> Caller:
    """Who holds the token, if its role is admin; RoleRequired (403) for a desk token."""
    if caller.role is not Role.ADMIN:
        route = request.scope.get("route")
        operation = f"{request.method} {getattr(route, 'path', request.url.path)}"
        raise RoleRequired(operation, caller, Role.ADMIN)
    return caller
