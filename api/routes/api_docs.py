"""The API's own documentation: Swagger UI at `/docs` and ReDoc at `/redoc`.

Their scripts, styles and icon come from the installed `fastapi-offline` package and are
served by the app itself, so the pages work offline, and a strict Content-Security-Policy
lets no script from elsewhere run beside a token typed into them. ReDoc's script names one
image of its maker's site; it is served pointing at the app's own icon instead.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

router = APIRouter(include_in_schema=False)

ASSETS = Path(fastapi_offline.__file__).parent / "static"
ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "favicon.png": "image/png",
}
ASSET_PATH = "/docs/assets/"
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
TITLE = "tsunagari API"


def _inline_script_hashes(html: str) -> str:
    """CSP sources allowing exactly the page's own inline scripts."""
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts)


def _policy(html: str) -> str:
    return (f"default-src 'self'; script-src 'self' {_inline_script_hashes(html)}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; worker-src 'self' blob:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _page(page: HTMLResponse) -> HTMLResponse:
    html = bytes(page.body).decode()
    return HTMLResponse(html, headers={"Content-Security-Policy": _policy(html)})


SWAGGER = _page(get_swagger_ui_html(
    openapi_url="/openapi.json", title=TITLE,
    swagger_js_url=ASSET_PATH + "swagger-ui-bundle.js",
    swagger_css_url=ASSET_PATH + "swagger-ui.css",
    swagger_favicon_url=ASSET_PATH + "favicon.png",
    swagger_ui_parameters={"validatorUrl": None}))
REDOC = _page(get_redoc_html(
    openapi_url="/openapi.json", title=TITLE,
    redoc_js_url=ASSET_PATH + "redoc.standalone.js",
    redoc_favicon_url=ASSET_PATH + "favicon.png", with_google_fonts=False))


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    """Swagger UI: the API's routes, tried from the browser."""
    return SWAGGER


@router.get("/redoc")
def redoc() -> HTMLResponse:
    """ReDoc: the API's routes as one document."""
    return REDOC


@router.get(ASSET_PATH + "{name}")
def asset(name: str) -> Response:
    """A script, style or icon of the two pages."""
    if name not in ASSET_TYPES:
        raise HTTPException(404, f"no file {name!r}")
    if name == "redoc.standalone.js":
        return Response(_redoc_script(), media_type=ASSET_TYPES[name])
    return FileResponse(ASSETS / name, media_type=ASSET_TYPES[name])


@cache
def _redoc_script() -> bytes:
    script = (ASSETS / "redoc.standalone.js").read_bytes()
    return script.replace(REDOC_LOGO, (ASSET_PATH + "favicon.png").encode())
