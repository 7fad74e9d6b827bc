"""Pydantic shapes of writes: request bodies (documents, decisions, staff edits) and the
answers to writes, proposals and the audit log."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.json_schema import JsonDict

from tsunagari.api.params import DOCUMENT_ID
from tsunagari.api.schemas.document_schemas import DocumentOut, Page
from tsunagari.api.schemas.entity_schemas import EntityOut, EvidenceOut, RelationOut
from tsunagari.api.schemas.text_fields import DocumentText, FieldText
from tsunagari.graph import EntityType, EntryPoint, RelationType, Stage
from tsunagari.graph.vocabulary import is_relation_type
from tsunagari.loaders import RESERVED_DOCUMENTS

DecisionStatus = Literal["proposed", "accepted", "rejected"]


class GraphChange(BaseModel):
    """What a write changed in the merged graph."""

    summary: str
    entities_added: list[str]
    entities_removed: list[str]
    relations_added: list[str]
    relations_removed: list[str]


class EntityRecordOut(EntityOut):
    extra_labels: list[str]
    evidence: list[EvidenceOut]


class EntityProposalOut(BaseModel):
    id: str
    kind: Literal["entity"]
    existing: bool = Field(description="True when the document names an entity already in the graph")
    confidence: float
    status: DecisionStatus
    entity: EntityRecordOut


class RelationProposalOut(BaseModel):
    id: str
    kind: Literal["relation"]
    existing: bool
    confidence: float
    status: DecisionStatus
    relation: RelationOut


ProposalOut = Annotated[EntityProposalOut | RelationProposalOut, Field(discriminator="kind")]


class ProposedCounts(BaseModel):
    entities: int
    relations: int


class UploadOut(BaseModel):
    document: DocumentOut
    proposed: ProposedCounts
    proposals: list[ProposalOut]


class CarriedOut(BaseModel):
    """What a new version did with the decisions made on the one before."""

    kept: list[str] = Field(description="Proposals that came back from the same sentences: "
                                        "their decision (and a reviewer's edits) stand")
    reopened: list[str] = Field(description="Decided proposals whose sentences changed (or an "
                                            "end of an accepted relation did): proposed again")
    dropped: list[str] = Field(description="Decided proposals the new version no longer makes")


class VersionOut(UploadOut):
    decisions: CarriedOut
    graph: GraphChange


class ProposalsOut(Page):
    document: str
    proposals: list[ProposalOut]


class DecisionOut(BaseModel):
    proposal: ProposalOut
    graph: GraphChange


class GraphChangeOut(BaseModel):
    graph: GraphChange


class ConfidentIn(BaseModel):
    """Accept every undecided proposal at least this confident, or first see which."""

    model_config = ConfigDict(extra="forbid")

    min_confidence: float = Field(ge=0.0, le=1.0, description=(
        "The least confidence accepted (a relation's confidence is the share of such proposals found "
        "right on the annotated sets)"))
    preview: bool = Field(default=False, description="Only list what would be accepted")


class ConfidentOut(BaseModel):
    document: str
    min_confidence: float
    preview: bool
    proposals: list[ProposalOut] = Field(description="Accepted, or to be accepted (preview); "
                                         "a relation's end entities are accepted with it")
    graph: GraphChange | None = Field(description="What the acceptance changed (none for a "
                                      "preview or when nothing was left to accept)")


class EntityWriteOut(BaseModel):
    entity: EntityOut
    graph: GraphChange


class RelationWriteOut(BaseModel):
    relation: RelationOut
    graph: GraphChange


class MergeOut(BaseModel):
    entity: EntityOut | None = Field(description="The merged entity")
    documents: list[str] = Field(description="The documents rewritten by the merge")


class AuditEntry(BaseModel):
    id: int = Field(description="The entry's number in the log (a later write, a higher one)")
    at: str
    token: str = Field(description="The name of the token that wrote")
    action: str
    target: str
    changes: dict[str, Any]


class AuditOut(Page):
    entries: list[AuditEntry]


# request bodies


class DocumentVersionIn(BaseModel):
    """A document's text (UTF-8) and a title."""

    model_config = ConfigDict(extra="forbid")

    text: DocumentText = Field(min_length=1)
    title: FieldText = Field(default="", max_length=300)


class DocumentIn(DocumentVersionIn):
    """A new document: its text (UTF-8), a title, and optionally its id."""

    id: str | None = Field(
        default=None, pattern=DOCUMENT_ID,
        description=f"New and not reserved ({', '.join(RESERVED_DOCUMENTS)}: 422); an id "
                    "stored already, or one differing from it only in case or in _ for -, is "
                    "a 409 (a new text of a document in review is a PUT to its URL)")


class Edits(BaseModel):
    """What a reviewer changes when accepting: an entity's type and names, a relation's type."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = Field(default=None, max_length=40,
                             description="An entity type, or a relation type for a relation")
    name_ja: FieldText | None = Field(default=None, min_length=1, max_length=300)
    name_en: FieldText | None = Field(default=None, min_length=1, max_length=300)


class Decision(BaseModel):
    """Edits to apply with an acceptance."""

    model_config = ConfigDict(extra="forbid")

    edits: Edits = Field(default_factory=Edits)


Source = Annotated[FieldText, Field(min_length=1, max_length=2000,
                                    description="Where the fact comes from (kept as its evidence)")]


def _in_vocabulary(relation_type: str) -> str:
    if not is_relation_type(relation_type):
        raise ValueError(f"relation type {relation_type!r} is not in the vocabulary")
    return relation_type


RelationTypeName = Annotated[str, AfterValidator(_in_vocabulary),
                             Field(description="A relation type of the vocabulary",
                                   json_schema_extra={"enum": sorted(RelationType)})]


NAMED: JsonDict = {"anyOf": [{"required": [name], "properties": {name: {"minLength": 1}}}
                   for name in ("name_ja", "name_en")]}
"""The schema's statement that an entity needs a name in Japanese or English (or both)."""


class EntityEdit(BaseModel):
    """An entity as staff write it: `name_ja` or `name_en` (or both) must be given."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=NAMED)

    type: EntityType
    name_ja: FieldText = Field(default="", max_length=300)
    name_en: FieldText = Field(default="", max_length=300)
    aliases: list[Annotated[FieldText, Field(min_length=1, max_length=300)]] = Field(
        default_factory=list, max_length=100)
    country: str = Field(default="", pattern=r"^([A-Za-z]{2})?$",
                         description="ISO 3166 alpha-2 code, or empty")
    sectors: list[Annotated[FieldText, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=50)
    description: FieldText = Field(default="", max_length=4000)
    source: Source

    @model_validator(mode="after")
    def _named(self) -> EntityEdit:
        if not (self.name_ja or self.name_en):
            raise ValueError("needs name_ja or name_en (a name in Japanese or English)")
        return self


class RelationEdit(BaseModel):
    """A relation as staff write it, between two different entities that exist."""

    model_config = ConfigDict(extra="forbid")

    type: RelationTypeName
    source_entity: str = Field(alias="from", max_length=120)
    target_entity: str = Field(alias="to", max_length=120)
    stage: Stage | None = None
    entry_point: EntryPoint | None = None
    source: Source


class MergeEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    drop: str = Field(max_length=120, description="The entity that becomes part of the other")
    source: Source


class DirectoryIn(BaseModel):
    """A directory to import: its name (the document is `directory-<name>`) and its files,
    by file name: an organisations CSV and at most one relations CSV, or an HSDS package
    (datapackage.json and its CSV files)."""

    name: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")
    files: dict[Annotated[str, StringConstraints(min_length=1, max_length=100)],
                Annotated[str, StringConstraints(max_length=5_000_000)]] = Field(
        min_length=1, max_length=20)
