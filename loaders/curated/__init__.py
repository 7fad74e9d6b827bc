"""Curated annotations: read and verified against their document, loaded whole or not at
all, and written back out (format: docs/annotation-format.md)."""

from tsunagari.loaders.curated.annotation import SLUG, AnnotationError, read_annotation
from tsunagari.loaders.curated.dump import annotation_yaml
from tsunagari.loaders.curated.loading import curated_files, load_annotation

__all__ = [
    "SLUG", "AnnotationError", "annotation_yaml", "curated_files", "load_annotation", "read_annotation",
]
