"""The API's pydantic shapes: what requests carry and answers hold (DESIGN.md: API), and
the conversion of query results into them."""

from tsunagari.api.schemas.convert import ask_out, chain_out, entity_out, item_out, relation_out, service_out
from tsunagari.api.schemas.document_schemas import DocumentDetail, DocumentList, DocumentOut
from tsunagari.api.schemas.entity_schemas import (
    EntityDetail,
    EntityOut,
    EvidenceOut,
    RelationOut,
    SearchHit,
    SearchResults,
    ServiceOut,
)
from tsunagari.api.schemas.graph_schemas import GraphJson, GraphView, LegendEntry
from tsunagari.api.schemas.hsds_schemas import HsdsAbout, HsdsPage, HsdsRecord
from tsunagari.api.schemas.query_schemas import (
    AskOut,
    Bridge,
    ChainOut,
    ConnectOut,
    DeskAnswerOut,
    Explanation,
    HubOut,
    HubsOut,
    ItemOut,
    NeighboursOut,
    ParsedQuestion,
    PathsOut,
    RecognisedOut,
    StepOut,
    SupportItemOut,
    SupportOut,
    TallyOut,
)
from tsunagari.api.schemas.referral_schemas import (
    ReferralChange,
    ReferralIn,
    ReferralList,
    ReferralOut,
    ReferralStats,
)
from tsunagari.api.schemas.service_schemas import Health, Problem
from tsunagari.api.schemas.text_fields import DocumentText, FieldText
from tsunagari.api.schemas.write_schemas import (
    AuditOut,
    ConfidentIn,
    ConfidentOut,
    Decision,
    DecisionOut,
    DirectoryIn,
    DocumentIn,
    DocumentVersionIn,
    EntityEdit,
    EntityWriteOut,
    GraphChangeOut,
    MergeEdit,
    MergeOut,
    ProposalsOut,
    RelationEdit,
    RelationWriteOut,
    UploadOut,
    VersionOut,
)

__all__ = [
    "AskOut", "AuditOut", "Bridge", "ChainOut", "ConfidentIn", "ConfidentOut", "ConnectOut",
    "Decision", "DecisionOut",
    "DirectoryIn",
    "DocumentDetail", "DocumentIn", "DocumentList", "DocumentOut", "DocumentText",
    "DocumentVersionIn", "EntityDetail",
    "EntityEdit", "EntityOut", "EntityWriteOut", "EvidenceOut", "Explanation", "FieldText",
    "GraphChangeOut", "GraphJson", "GraphView", "Health", "HsdsAbout", "HsdsPage", "HsdsRecord",
    "HubOut", "HubsOut", "LegendEntry",
    "MergeEdit", "MergeOut", "NeighboursOut", "ParsedQuestion", "PathsOut", "Problem",
    "ProposalsOut", "RelationEdit", "RelationOut", "RelationWriteOut", "SearchHit", "SearchResults",
    "StepOut", "SupportItemOut", "SupportOut", "UploadOut", "VersionOut", "chain_out", "entity_out",
    "relation_out", "ask_out", "item_out", "service_out", "ServiceOut", "ItemOut", "DeskAnswerOut",
    "RecognisedOut", "ReferralChange", "ReferralIn", "ReferralList", "ReferralOut",
    "ReferralStats", "TallyOut",
]
