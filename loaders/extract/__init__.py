"""Candidate extraction: the entities and relations a new document names, proposed with
their quotes for a person to accept or reject."""

from tsunagari.loaders.extract.pipeline import extract
from tsunagari.loaders.extract.proposals import Proposals, ProposedEntity, ProposedRelation

__all__ = ["Proposals", "ProposedEntity", "ProposedRelation", "extract"]
