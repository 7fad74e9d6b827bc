"""Who may write: the bearer token of a request, checked against the token store."""

from __future__ import annotations

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tsunagari.api.tokens import TokenStore

bearer = HTTPBearer(
    auto_error=False, description="A write token, made by `tsunagari token create NAME`"
)


def require_writer(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)
) -> str:
    """The name of the token's holder; 401 without a bearer token, 403 with a wrong one."""
    if credentials is None or not credentials.credentials.strip():
        raise HTTPException(
            401, "writes need 'Authorization: Bearer <token>' (tsunagari token create NAME)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    tokens: TokenStore = request.app.state.tokens
    holder = tokens.holder(credentials.credentials.strip())
    if holder is None:
        raise HTTPException(403, "this token is not valid for writes")
    return holder
