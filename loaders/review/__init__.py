"""Writes: the review queue of proposals, staff edits, merges, and `Writes`, the one path
through which documents, decisions, retractions and edits reach the graph and the audit."""

from tsunagari.loaders.review.decisions import STARTUP, AuditTrail, Submission, Writes
from tsunagari.loaders.review.merges import MergeJournal
from tsunagari.loaders.review.queue import Proposal, ReviewQueue
from tsunagari.loaders.review.refusals import Conflict, InvalidDecision, NotFound, WriteRefused
from tsunagari.loaders.review.staff_edits import staff_evidence

__all__ = [
    "STARTUP", "AuditTrail", "Conflict", "InvalidDecision", "MergeJournal", "NotFound", "Proposal",
    "ReviewQueue", "Submission", "WriteRefused", "Writes", "staff_evidence",
]
