"""Loading curated seeds into a store: verify first, then apply whole or not at all."""

from __future__ import annotations

from pathlib import Path

from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.store import ApplyReport, GraphStore
from tsunagari.loaders.curated.annotation import read_annotation


def curated_files(seeds_dir: Path) -> list[Path]:
    """The curated annotation files of a seeds folder, in name order."""
    return sorted((seeds_dir / "curated").glob("*.yaml"))


def load_annotation(
    store: GraphStore,
    annotation: Path,
    documents_dir: Path,
    on_progress: ProgressFn | None = None,
) -> ApplyReport:
    """Verify one annotation against its document and apply it to the store.

    Raises AnnotationError before anything is written when the file is unsound.
    """
    contribution = read_annotation(annotation, documents_dir)
    if on_progress:
        on_progress("verified", len(contribution.entities) + len(contribution.relations))
    return store.apply(contribution, on_progress)
