"""Who may write: the bearer token of a request, checked against the token store."""

from __future__ import annotations

from fastapi import HTTPException, Request

from tsunagari.api.tokens import TokenStore


def require_writer(request: Request) -> str:
    """The name of the token's holder; 401 without a bearer token, 403 with a wrong one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401, "writes need 'Authorization: Bearer <token>' (tsunagari token create NAME)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    tokens: TokenStore = request.app.state.tokens
    holder = tokens.holder(token.strip())
    if holder is None:
        raise HTTPException(403, "this token is not valid for writes")
    return holder
