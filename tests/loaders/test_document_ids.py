"""Document ids at the write path: reserved ids refused wherever an id is chosen (an upload,
a curated annotation, a load), whatever their case or spelling of `-`, and a review stored
under one before they were refused left alone at start-up. Every test runs on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.documents import SECOND_DOCUMENT
from tsunagari.graph.model import DocumentRecord, Entity, EntityType
from tsunagari.loaders import AnnotationError, Document, extract, read_annotation
from tsunagari.loaders.review import DocumentExists, ReservedId, Writes

STAFF_ENTITY = Entity(id="sakai-monozukuri", type=EntityType.NPO, name_ja="堺ものづくり協会")


@pytest.mark.parametrize("document_id", ["staff-edits", " Staff_Edits ", "REFERENCE-places"])
def test_a_reserved_id_is_refused_in_any_spelling(write_path: Writes, document_id: str) -> None:
    with pytest.raises(ReservedId) as refused:
        write_path.submit("desk-osaka", SECOND_DOCUMENT, document_id=document_id)
    assert refused.value.messages["ja"].startswith(f"文書ID「{document_id}」は")
    assert write_path.queue.document_ids() == [] and write_path.store.documents() == []


def test_a_taken_id_names_the_document_stored(write_path: Writes) -> None:
    write_path.submit("desk-osaka", SECOND_DOCUMENT, document_id="sakai-2025")
    with pytest.raises(DocumentExists, match="'sakai_2025' already exists as 'sakai-2025'") as taken:
        write_path.submit("desk-osaka", "大阪府はドンナイ省と連携する。", document_id="sakai_2025")
    assert (taken.value.stored, taken.value.reviewed) == ("sakai-2025", True)
    assert write_path.queue.document_ids() == ["sakai-2025"]


def test_a_curated_annotation_may_not_take_a_reserved_id(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "reference-places.txt").write_text("大阪府", encoding="utf-8")
    annotation = tmp_path / "reference-places.yaml"
    annotation.write_text("document: reference-places\nentities:\n  - {id: osaka-pref, "
                          "type: Municipality, name_ja: 大阪府, quote: 大阪府}\nrelations: []\n",
                          encoding="utf-8")
    with pytest.raises(AnnotationError, match=r":1: document id 'reference-places' is reserved"):
        read_annotation(annotation, tmp_path / "documents")


def test_start_up_leaves_a_review_under_a_reserved_id_alone(write_path: Writes) -> None:
    """A document uploaded as `staff-edits` before such ids were refused, with a decision."""
    write_path.put_entity("desk-osaka", STAFF_ENTITY, "desk note")
    staff_facts = write_path.store.document_facts("staff-edits")
    proposals = extract(Document.from_text("staff-edits", SECOND_DOCUMENT), [])
    write_path.queue.put(DocumentRecord("staff-edits", "Sakai", "0" * 64), proposals,
                         SECOND_DOCUMENT)
    pid = next(p.pid for p in write_path.queue.proposals("staff-edits") if p.kind == "relation")
    write_path.queue.decide("staff-edits", pid, "accepted")

    assert write_path.recover() == []
    assert write_path.store.document_facts("staff-edits") == staff_facts
    with pytest.raises(ReservedId):
        write_path.decide("desk-osaka", "staff-edits", pid, "accepted")
    assert write_path.store.document_facts("staff-edits") == staff_facts
