"""Directories desks keep: a CSV of organisations (with an optional CSV of relations) or an
Open Referral HSDS 3 data package, read into one document's contribution, every fact's
evidence its file and row."""

from tsunagari.loaders.directory.reading import (
    DIRECTORY_PREFIX,
    DirectoryError,
    directory_document_id,
    read_directory,
    read_directory_path,
)

__all__ = ["DIRECTORY_PREFIX", "DirectoryError", "directory_document_id", "read_directory",
           "read_directory_path"]
