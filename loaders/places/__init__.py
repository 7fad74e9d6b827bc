"""Reference places: Japan, Vietnam (before and after its 2025 merger of provinces) and
Thailand, loaded by default as their own document."""

from tsunagari.loaders.places.reference import PLACES_DOCUMENT, PlacesError, read_places

__all__ = ["PLACES_DOCUMENT", "PlacesError", "read_places"]
