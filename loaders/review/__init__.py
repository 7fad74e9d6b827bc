"""Writes: the review queue of proposals, staff edits, merges, and `Writes`, the one path
through which documents, decisions, retractions and edits reach the graph and the audit."""

from tsunagari.loaders.review.decisions import STARTUP, AuditTrail, Submission, Version, Writes
from tsunagari.loaders.review.merges import MergeJournal
from tsunagari.loaders.review.queue import Carried, Proposal, ReviewQueue
from tsunagari.loaders.review.refusals import (
    Conflict,
    DocumentExists,
    InvalidDecision,
    NotFound,
    ReservedId,
    WriteRefused,
)
from tsunagari.loaders.review.staff_edits import staff_evidence

__all__ = [
    "STARTUP", "AuditTrail", "Carried", "Conflict", "DocumentExists", "InvalidDecision",
    "MergeJournal", "NotFound", "Proposal", "ReservedId", "ReviewQueue", "Submission", "Version",
    "WriteRefused", "Writes", "staff_evidence",
]
