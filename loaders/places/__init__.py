"""Reference places: Japan, Vietnam (before and after its 2025 merger of provinces) and
Thailand, loaded by default as their own document."""

from tsunagari.loaders.places.reference import (
    COUNTRIES_FILE,
    PLACES_DOCUMENT,
    PlacesError,
    is_places_folder,
    read_places,
)

__all__ = ["COUNTRIES_FILE", "PLACES_DOCUMENT", "PlacesError", "is_places_folder", "read_places"]
