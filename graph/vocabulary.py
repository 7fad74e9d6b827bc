"""The vocabulary: every entity type, relation type and attribute value the graph knows.

This module is the allow-list. Labels and relationship types that reach a store
(and Cypher in particular) come from here and nowhere else.
"""

from __future__ import annotations

from enum import StrEnum


class EntityType(StrEnum):
    """Primary type of an entity; doubles as its node label."""

    MUNICIPALITY = "Municipality"
    GOVERNMENT_AGENCY = "GovernmentAgency"
    FINANCIAL_INSTITUTION = "FinancialInstitution"
    NPO = "NPO"
    SUPPORT_CENTER = "SupportCenter"
    INDUSTRIAL_PARK = "IndustrialPark"
    TRAINING_INSTITUTION = "TrainingInstitution"
    FIRM = "Firm"
    PROGRAM = "Program"
    PERSON = "Person"
    PLACE = "Place"



class Family(StrEnum):
    """The three core relation families of the client's model."""

    SUPPORTS = "SUPPORTS"
    PARTNERS_WITH = "PARTNERS_WITH"
    LOCATED_IN = "LOCATED_IN"


RELATION_TYPES: dict[str, tuple[Family, str]] = {
    # type: (family, meaning of "source -> target")
    "SUPPORTS": (Family.SUPPORTS, "source helps target (firms, projects, expansion)"),
    "OPERATES": (Family.SUPPORTS, "source runs target (a centre, park, desk or programme)"),
    "ESTABLISHED": (Family.SUPPORTS, "source set up or founded target"),
    "IMPLEMENTS": (Family.SUPPORTS, "source carries out target (a programme or project)"),
    "FUNDS": (Family.SUPPORTS, "source pays for or subsidises target"),
    "INVESTS_IN": (Family.SUPPORTS, "source holds capital in target"),
    "TRAINS": (Family.SUPPORTS, "source trains the people of target"),
    "ADVISES": (Family.SUPPORTS, "source gives advice or consulting to target"),
    "REFERS_TO": (Family.SUPPORTS, "source refers firms on to target"),
    "COORDINATES": (Family.SUPPORTS, "source acts as coordinator of target"),
    "SECRETARIAT_OF": (Family.SUPPORTS, "source is the secretariat of target"),
    "PARTNERS_WITH": (Family.PARTNERS_WITH, "source and target work together"),
    "MEMBER_OF": (Family.PARTNERS_WITH, "source is a member or participant of target"),
    "AGREEMENT_WITH": (Family.PARTNERS_WITH, "source signed an agreement or MoU with target"),
    "SISTER_CITY_OF": (Family.PARTNERS_WITH, "source and target are sister or partner cities"),
    "CO_LOCATED_WITH": (Family.PARTNERS_WITH, "source sits beside target (same floor, one site)"),
    "LOCATED_IN": (Family.LOCATED_IN, "source stands in place target"),
    "SERVES_AREA": (Family.LOCATED_IN, "source serves firms of place target"),
    "TENANT_OF": (Family.LOCATED_IN, "source is a tenant of park or factory target"),
    "PART_OF": (Family.LOCATED_IN, "source is a unit, branch or part of target"),
}

SYMMETRIC_TYPES = frozenset({"PARTNERS_WITH", "AGREEMENT_WITH", "SISTER_CITY_OF", "CO_LOCATED_WITH"})
"""Relation types whose direction carries no meaning."""


class Stage(StrEnum):
    """Stage of a firm's expansion a relation serves."""

    PRE_ENTRY = "pre-entry"
    ENTRY = "entry"
    POST_ENTRY = "post-entry"


class EntryPoint(StrEnum):
    """What a firm needs to enter: land, people or a market."""

    LAND = "land"
    PEOPLE = "people"
    MARKET = "market"


class Status(StrEnum):
    """Whether a fact is curated/accepted or only proposed by extraction."""

    ACCEPTED = "accepted"
    PROPOSED = "proposed"


def family_of(relation_type: str) -> Family:
    """The core family of a relation type (raises KeyError when unknown)."""
    return RELATION_TYPES[relation_type][0]
