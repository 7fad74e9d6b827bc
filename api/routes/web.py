"""The web page at `/` and its static files.

The page draws graphs with vis-network, the script that the `pyvis` package ships
inside its installed folder; it is served from there, so nothing comes from a CDN.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyvis
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from tsunagari.graph.sectors import SECTORS
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES

router = APIRouter()

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
PAGE_FILES = {
    "app.js": "text/javascript",
    "style.css": "text/css",
    "icon.svg": "image/svg+xml",
}
VIS_FILES = {
    "vis-network.min.js": "text/javascript",
    "vis-network.css": "text/css",
}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _vis_dir() -> Path:
    """The newest vis-network folder inside the installed pyvis package."""
    folders = (Path(pyvis.__file__).parent / "lib").glob("vis-*")

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in folder.name.removeprefix("vis-").split("."))

    return max(folders, key=version)


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    """The web page."""
    return FileResponse(
        WEB_DIR / "index.html",
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )


@router.get("/web/vendor/{name}", include_in_schema=False)
def vendor_file(name: str) -> FileResponse:
    """vis-network's script and style, from the installed pyvis package."""
    if name not in VIS_FILES:
        raise HTTPException(404, f"no file {name!r}")
    return FileResponse(_vis_dir() / name, media_type=VIS_FILES[name])


@router.get("/web/vocabulary.json", include_in_schema=False)
def vocabulary() -> dict[str, Any]:
    """Sector names in both languages and the relation types without a direction."""
    return {
        "sectors": {key: {"ja": ja, "en": en} for key, (ja, en, _) in SECTORS.items()},
        "symmetric": sorted(SYMMETRIC_TYPES),
    }


@router.get("/web/{name}", include_in_schema=False)
def page_file(name: str) -> FileResponse:
    """The page's own script, style and icon."""
    if name not in PAGE_FILES:
        raise HTTPException(404, f"no file {name!r}")
    return FileResponse(WEB_DIR / name, media_type=PAGE_FILES[name])
