"""Loaders: source documents into the graph, every fact tied to the quote that states it.

Sub-packages: `curated` (hand annotations, verified and loaded whole), `extract` (candidate
proposals from new documents), `review` (the review queue, staff edits and `Writes`, the one
write path), `synth` (synthetic national networks for scale tests).
"""

from tsunagari.loaders.curated import (
    AnnotationError,
    annotation_yaml,
    curated_files,
    load_annotation,
    load_seeds,
    read_annotation,
)
from tsunagari.loaders.extract import Proposals, extract
from tsunagari.loaders.review import (
    Conflict,
    InvalidDecision,
    MergeJournal,
    NotFound,
    ReviewQueue,
    WriteRefused,
    Writes,
)
from tsunagari.loaders.sources import Document, DocumentError, Locator
from tsunagari.loaders.synth import synthesize, write_synthetic

__all__ = [
    "AnnotationError", "Conflict", "Document", "DocumentError", "InvalidDecision", "Locator",
    "MergeJournal", "NotFound", "Proposals", "ReviewQueue", "WriteRefused", "Writes",
    "annotation_yaml", "curated_files", "extract", "load_annotation", "load_seeds",
    "read_annotation", "synthesize", "write_synthetic",
]
