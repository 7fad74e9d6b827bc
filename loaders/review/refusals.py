"""What a write can refuse, by kind; the API answers each kind with its own status.

A refusal a desk worker meets carries its message in Japanese too (`messages`)."""

from __future__ import annotations


class WriteRefused(ValueError):
    """A write that cannot be done as asked; the message says why."""

    def __init__(self, message: str, japanese: str = "") -> None:
        super().__init__(message)
        self.messages = {"en": message, "ja": japanese} if japanese else {}


class NotFound(WriteRefused):
    """The document, proposal, entity or relation named does not exist."""


class Conflict(WriteRefused):
    """The write contradicts what is stored (an id taken, a fact another document states)."""


class DocumentExists(Conflict):
    """A new document under an id already stored (or one that reads the same); `stored` is
    that id, `reviewed` whether it is a document in review, `hint` what to do instead
    (English, Japanese)."""

    def __init__(self, document_id: str, stored: str, reviewed: bool,
                 hint: tuple[str, str]) -> None:
        self.document_id, self.stored, self.reviewed = document_id, stored, reviewed
        same = "" if stored == document_id else f" as {stored!r}"
        same_ja = "" if stored == document_id else f"（「{stored}」として）"
        super().__init__(f"document {document_id!r} already exists{same}; {hint[0]}",
                         f"文書「{document_id}」はすでにあります{same_ja}。{hint[1]}。")


class ReservedId(WriteRefused):
    """A document id the code keeps for a document of its own (the staff edits, the
    reference places)."""

    def __init__(self, document_id: str, held: tuple[str, str]) -> None:
        self.document_id = document_id
        super().__init__(
            f"document id {document_id!r} is reserved for {held[0]}; choose another id",
            f"文書ID「{document_id}」は{held[1]}のために予約されています。別のIDを選んでください。")


class InvalidDecision(WriteRefused):
    """A decision or edit that is not allowed (an unknown decision, type or field)."""


class TooMuch(WriteRefused):
    """A write larger than the bounds set for it (a document that proposes too much); the
    message is in English (`str`) and Japanese (`messages`)."""

    def __init__(self, message: str, japanese: str) -> None:
        super().__init__(message)
        self.messages = {"en": message, "ja": japanese}
