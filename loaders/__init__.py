"""Loaders: source documents into the graph, every fact tied to the quote that states it.

Sub-packages: `curated` (hand annotations, verified and loaded whole), `directory` (desks'
directories: organisation CSVs and HSDS packages), `extract` (candidate proposals from new
documents), `places` (reference places of Japan, Vietnam and Thailand),
`review` (the review queue, staff edits and `Writes`, the one write path), `synth` (synthetic
national networks for scale tests); `seeds` loads a whole seeds folder.
"""

from tsunagari.loaders.curated import (
    AnnotationError,
    annotation_yaml,
    curated_files,
    load_annotation,
    read_annotation,
)
from tsunagari.loaders.directory import DirectoryError, read_directory, read_directory_path
from tsunagari.loaders.document_ids import RESERVED_DOCUMENTS
from tsunagari.loaders.extract import Proposals, extract
from tsunagari.loaders.places import PLACES_DOCUMENT, PlacesError, read_places
from tsunagari.loaders.review import (
    Conflict,
    DocumentExists,
    InvalidDecision,
    MergeJournal,
    NotFound,
    ReservedId,
    ReviewQueue,
    WriteRefused,
    Writes,
)
from tsunagari.loaders.seeds import load_seeds, read_seed, seed_contributions, seed_sources, sources_of
from tsunagari.loaders.sources import Document, DocumentError, Locator
from tsunagari.loaders.synth import synthesize, write_synthetic

__all__ = [
    "PLACES_DOCUMENT", "RESERVED_DOCUMENTS", "AnnotationError", "Conflict", "DirectoryError", "Document",
    "DocumentError", "DocumentExists", "InvalidDecision", "Locator", "MergeJournal", "NotFound",
    "PlacesError", "Proposals", "ReservedId", "ReviewQueue", "WriteRefused", "Writes",
    "annotation_yaml", "curated_files", "extract", "load_annotation", "load_seeds",
    "read_annotation", "read_directory",
    "read_directory_path", "read_places", "read_seed", "seed_contributions", "seed_sources", "sources_of",
    "synthesize", "write_synthetic",
]
