"""Errors a query reports about its input (the API answers them with 4xx)."""

from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be answered as asked; the message says why."""


class UnknownName(QueryError):
    """A name that resolves to no entity; carries the closest names."""

    def __init__(self, role: str, text: str, suggestions: list[str]) -> None:
        self.role = role
        self.text = text
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{role} {text!r} matches no organisation or place{hint}")


def check_range(name: str, value: int, low: int, high: int) -> None:
    """Refuse a limit outside [low, high], naming it."""
    if not low <= value <= high:
        raise QueryError(f"{name} must be between {low} and {high}, not {value}")
