"""Candidate extraction: the entities and relations a new document names, proposed with
their quotes for a person to accept or reject."""

from tsunagari.loaders.extract.collector import Proposals, ProposedEntity, ProposedRelation
from tsunagari.loaders.extract.pipeline import extract

__all__ = ["Proposals", "ProposedEntity", "ProposedRelation", "extract"]
