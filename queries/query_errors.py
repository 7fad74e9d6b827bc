"""Errors a query reports about its input (the API answers them with 4xx).

Each carries its message in English (`str(error)`) and, where a desk worker meets it, in
Japanese too (`messages`)."""

from __future__ import annotations

ROLES_JA = {"origin": "出発地", "destination": "行き先", "source": "始点", "target": "終点",
            "region": "地域", "country": "国"}


class QueryError(ValueError):
    """A query that cannot be answered as asked; the message says why."""

    def __init__(self, message: str, japanese: str = "") -> None:
        super().__init__(message)
        self.messages = {"en": message, "ja": japanese or message}


class UnknownName(QueryError):
    """A name that resolves to no entity; carries the closest names."""

    def __init__(self, role: str, text: str, suggestions: list[str]) -> None:
        self.role = role
        self.text = text
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        hint_ja = f"（候補：{'、'.join(suggestions)}）" if suggestions else ""
        super().__init__(
            f"{role} {text!r} matches no organisation or place{hint}",
            f"{ROLES_JA.get(role, role)}「{text}」に当たる組織や地名が見つかりません{hint_ja}。",
        )


def check_range(name: str, value: int, low: int, high: int) -> None:
    """Refuse a limit outside [low, high], naming it."""
    if not low <= value <= high:
        raise QueryError(f"{name} must be between {low} and {high}, not {value}",
                         f"{name}は{low}から{high}の間で指定してください（指定値：{value}）。")
