"""Writes: the review queue of proposals, staff edits, merges, and `Writes`, the one path
through which documents, decisions, retractions and edits reach the graph and the audit."""

from tsunagari.loaders.review.decisions import (
    MAX_PROPOSALS,
    STARTUP,
    AuditTrail,
    Submission,
    Version,
    Writes,
)
from tsunagari.loaders.review.merges import MergeJournal
from tsunagari.loaders.review.queue import Carried, Proposal, ReviewQueue
from tsunagari.loaders.review.refusals import (
    Conflict,
    DocumentExists,
    InvalidDecision,
    NotFound,
    ReservedId,
    TooMuch,
    WriteRefused,
)
from tsunagari.loaders.review.staff_edits import staff_evidence

__all__ = [
    "MAX_PROPOSALS", "STARTUP", "AuditTrail", "Carried", "Conflict", "DocumentExists",
    "InvalidDecision", "MergeJournal", "NotFound", "Proposal", "ReservedId", "ReviewQueue",
    "Submission", "TooMuch", "Version", "WriteRefused", "Writes", "staff_evidence",
]
