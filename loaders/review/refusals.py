"""What a write can refuse, by kind; the API answers each kind with its own status."""

from __future__ import annotations


class WriteRefused(ValueError):
    """A write that cannot be done as asked; the message says why."""


class NotFound(WriteRefused):
    """The document, proposal, entity or relation named does not exist."""


class Conflict(WriteRefused):
    """The write contradicts what is stored (an id taken, a fact another document states)."""


class InvalidDecision(WriteRefused):
    """A decision or edit that is not allowed (an unknown decision, type or field)."""


class TooMuch(WriteRefused):
    """A write larger than the bounds set for it (a document that proposes too much); the
    message is in English (`str`) and Japanese (`messages`)."""

    def __init__(self, message: str, japanese: str) -> None:
        super().__init__(message)
        self.messages = {"en": message, "ja": japanese}
