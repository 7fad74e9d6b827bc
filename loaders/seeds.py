"""The seeds of a graph: every curated annotation of seeds/curated/ (each against its document
in seeds/documents/), then the reference places of seeds/places/ when the folder is there."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from tsunagari.graph.model import Contribution
from tsunagari.graph.progress import ProgressFn
from tsunagari.graph.store import ApplyReport, GraphStore
from tsunagari.loaders.curated import curated_files, read_annotation
from tsunagari.loaders.places import COUNTRIES_FILE, PlacesError, is_places_folder, read_places


def seed_sources(seeds_dir: Path) -> list[Path]:
    """What a seeds folder holds to load, in order: annotation files, then the places folder."""
    places = seeds_dir / "places"
    return [*curated_files(seeds_dir), *([places] if places.is_dir() else [])]


def sources_of(path: Path, seeds_dir: Path) -> list[tuple[Path, Path]]:
    """What a path given to load stands for, each source with the seeds folder whose documents
    it is read against: a seeds folder (with curated/) stands for every source in it."""
    if (path / "curated").is_dir():
        return [(source, path) for source in seed_sources(path)]
    return [(path, seeds_dir)]


def read_seed(source: Path, seeds_dir: Path) -> Contribution:
    """One seed source, verified: an annotation file or the reference-places folder."""
    if source.is_dir():
        if not is_places_folder(source):
            raise PlacesError(f"{source}: a folder to load must be a seeds folder (with curated/) "
                              f"or a reference-places folder (with {COUNTRIES_FILE})")
        return read_places(source)
    return read_annotation(source, seeds_dir / "documents")


def seed_contributions(seeds_dir: Path) -> Iterator[Contribution]:
    """Every seed source of a folder, read and verified in turn."""
    for source in seed_sources(seeds_dir):
        yield read_seed(source, seeds_dir)


def load_seeds(
    store: GraphStore,
    seeds_dir: Path,
    on_file: Callable[[Path], None] | None = None,
    on_progress: ProgressFn | None = None,
) -> list[ApplyReport]:
    """Load every seed source of a folder (each all or nothing)."""
    reports = []
    for source in seed_sources(seeds_dir):
        if on_file:
            on_file(source)
        reports.append(store.apply(read_seed(source, seeds_dir), on_progress))
    return reports
