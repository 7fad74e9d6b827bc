"""Directories (/v1/directories): a desk's own list of organisations, or an HSDS package,
imported as one document."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from tsunagari.api.deps import Admin, Store, WritePath
from tsunagari.api.errors import problem_responses
from tsunagari.api.schemas import DirectoryIn, GraphChangeOut
from tsunagari.loaders import read_directory

router = APIRouter(prefix="/v1", tags=["writes"])


@router.post("/directories", response_model=GraphChangeOut,
             responses=problem_responses(400, 401, 403, 409, 413, 422))
def import_directory(body: DirectoryIn, admin: Admin, store: Store, writes: WritePath,
                     response: Response) -> dict[str, Any]:
    """Import a directory (an admin token): an organisations CSV (`id,type,name_ja,name_en,
    aliases,located_in,description`) with at most one relations CSV (`from,type,to,quote,
    source`), or an HSDS 3 package (datapackage.json and its CSVs). All or nothing: a refusal
    (422) names the file, row, column and value and changes nothing. The same files again
    change nothing; changed files replace what the directory said before.
    `Location`: the document, `directory-<name>`."""
    contribution = read_directory(body.files, body.name, store)
    report = writes.load(admin.name, contribution)
    response.headers["Location"] = f"/v1/documents/{contribution.document.id}"
    return {"graph": report.to_dict()}
