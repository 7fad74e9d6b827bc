"""Which kind of directory some files are, and the contribution they make as one document
(`directory-<name>`): re-importing the same files changes nothing, a changed file replaces
what the document said before."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from tsunagari.graph.model import Contribution, DocumentRecord
from tsunagari.graph.store import GraphStore
from tsunagari.graph.text import slug
from tsunagari.loaders.directory.hsds_package import read_package
from tsunagari.loaders.directory.organisations import (
    DirectoryBuilder,
    is_organisations,
    is_relations,
)
from tsunagari.loaders.directory.rows import DirectoryError, Known

DIRECTORY_PREFIX = "directory-"
MAX_FILES = 20
MAX_NAME = 60


def directory_document_id(name: str) -> str:
    """The document id of a directory named `name` (a file's or folder's stem)."""
    return DIRECTORY_PREFIX + (slug(name)[:MAX_NAME].strip("-") or "unnamed")


def read_directory(files: dict[str, str], name: str, store: GraphStore) -> Contribution:
    """The contribution of a directory's files (file name → text): an HSDS package when
    datapackage.json is among them, else one organisations CSV and at most one relations
    CSV. DirectoryError names the file, row, column and value of anything wrong; nothing
    is returned unless all of it is sound."""
    if not files or len(files) > MAX_FILES:
        raise DirectoryError(name, 0, "", "", f"holds {len(files)} files; a directory is 1 to "
                             f"{MAX_FILES} files", f"のファイル数が{len(files)}です（1～{MAX_FILES}）")
    document = directory_document_id(name)
    directory = DirectoryBuilder(document, Known(store))
    if "datapackage.json" in files:
        read_package(directory, files)
    else:
        kinds = {file: ("organisations" if is_organisations(text) else
                        "relations" if is_relations(text) else "") for file, text in files.items()}
        for file, kind in kinds.items():
            if not kind:
                raise DirectoryError(file, 1, "", "", "is neither an organisations file "
                                     "(id,type,...) nor a relations file (from,type,to,...)",
                                     "は組織の表（id,type,…）でも関係の表（from,type,to,…）でもありません")
        organisations = [file for file, kind in kinds.items() if kind == "organisations"]
        relations = [file for file, kind in kinds.items() if kind == "relations"]
        if len(organisations) != 1 or len(relations) > 1:
            raise DirectoryError(name, 0, "", "", "needs one organisations file and at most one "
                                 "relations file", "には組織の表が一つ、関係の表が多くて一つ必要です")
        directory.organisations(organisations[0], files[organisations[0]])
        for file in relations:
            directory.relations_file(file, files[file])
    if not directory.stated:
        raise DirectoryError(name, 0, "", "", "states no organisation", "に組織が一つもありません")
    digest = hashlib.sha256()
    for file in sorted(files):
        digest.update(file.encode() + b"\0" + files[file].encode() + b"\0")
    record = DocumentRecord(
        id=document, title=f"Directory: {name}", sha256=digest.hexdigest(), path=name,
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        entity_count=len(directory.entities), relation_count=len(directory.relations),
        date=datetime.now(UTC).strftime("%Y-%m"))
    return Contribution(record, list(directory.entities.values()),
                        list(directory.relations.values()))


def read_directory_path(path: Path, relations: Path | None, store: GraphStore) -> Contribution:
    """The contribution of a directory on disk: a folder holding an HSDS package, or an
    organisations CSV file (and a relations CSV file)."""
    paths = (sorted(p for p in path.iterdir() if p.suffix in (".csv", ".json"))
             if path.is_dir() else [path, *([relations] if relations else [])])
    files = {}
    for each in paths:
        try:
            files[each.name] = each.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DirectoryError(str(each), 0, "", "", f"cannot be read: {exc}",
                                 f"を読めません：{exc}") from None
    return read_directory(files, path.stem if path.is_file() else path.name, store)
