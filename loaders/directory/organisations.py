"""A desk's own directory as CSV: organisations (`id,type,name_ja,name_en,aliases,located_in,
description`, aliases separated by `|`, `located_in` an id or any name of a known place) and,
optionally, relations among them and the graph (`from,type,to,quote,source`)."""

from __future__ import annotations

from tsunagari.graph.model import NOT_ORGANISATIONS, Entity, Relation, Service
from tsunagari.graph.text import is_cjk
from tsunagari.graph.vocabulary import EntityType, RelationType
from tsunagari.loaders.curated import SLUG
from tsunagari.loaders.directory.rows import Known, Row, read_rows, stub

ORGANISATION_COLUMNS = ("id", "type", "name_ja", "name_en", "aliases", "located_in", "description")
RELATION_COLUMNS = ("from", "type", "to", "quote", "source")
ORGANISATION_TYPES = {kind.value.casefold(): kind for kind in EntityType
                      if kind not in NOT_ORGANISATIONS}
RELATION_TYPES = {kind.value.casefold(): kind for kind in RelationType}


def header_of(text: str) -> list[str]:
    """The column names of a CSV text's first line."""
    first = text.removeprefix("\ufeff").split("\n", 1)[0]
    return [name.strip().strip('"') for name in first.split(",")]


def is_organisations(text: str) -> bool:
    return header_of(text)[:2] == ["id", "type"]


def is_relations(text: str) -> bool:
    return header_of(text)[:3] == ["from", "type", "to"]


class DirectoryBuilder:
    """The entities and relations a directory states, built row by row."""

    def __init__(self, document: str, known: Known) -> None:
        self.document, self.known = document, known
        self.entities: dict[str, Entity] = {}
        self.relations: dict[str, Relation] = {}
        self.stated: set[str] = set()
        """The ids of the entities the directory's rows state (not those it only names)."""

    def organisations(self, file: str, text: str) -> None:
        """Read the organisations file: each row one organisation, in its place."""
        for row in read_rows(file, text, ORGANISATION_COLUMNS, ORGANISATION_COLUMNS[:2]):
            entity_id = row.required("id")
            if not SLUG.fullmatch(entity_id):
                raise row.refuse("id", "is not an id: lower-case letters and digits joined by "
                                 "single hyphens", "IDではありません（英小文字・数字をハイフン1つで"
                                 "つないだもの）")
            kind = ORGANISATION_TYPES.get(row.required("type").casefold())
            if kind is None:
                allowed = ", ".join(k.value for k in ORGANISATION_TYPES.values())
                raise row.refuse("type", f"is not a type of organisation ({allowed})",
                                 f"組織の種類ではありません（{allowed}）")
            known = self.known.store.entity(entity_id)
            if known is not None and known.type is not kind:
                raise row.refuse("type", f"differs from the graph's {entity_id}, a "
                                 f"{known.type.value}", f"グラフの{entity_id}の種類"
                                 f"（{known.type.value}）と違います")
            if not (row.get("name_ja") or row.get("name_en")):
                raise row.refuse("name_ja", "and name_en are both empty; give at least one name",
                                 "と name_en がどちらも空です（名称を一つは書いてください）")
            evidence = row.evidence(self.document)
            description = row.get("description")
            entity = Entity(
                id=entity_id, type=kind, name_ja=row.get("name_ja"), name_en=row.get("name_en"),
                aliases=[a.strip() for a in row.get("aliases").split("|") if a.strip()],
                description="" if is_cjk(description) else description,
                description_ja=description if is_cjk(description) else "", evidence=[evidence])
            self.add(row, "id", entity)
            if row.get("located_in"):
                place = self.place(row, "located_in")
                entity.country = place.country
                self.relate(RelationType.LOCATED_IN, entity_id, place.id, row)

    def relations_file(self, file: str, text: str) -> None:
        """Read the relations file: each row one relation, its quote the evidence."""
        for row in read_rows(file, text, RELATION_COLUMNS, RELATION_COLUMNS[:4]):
            kind = RELATION_TYPES.get(row.required("type").casefold())
            if kind is None:
                allowed = ", ".join(k.value for k in RelationType)
                raise row.refuse("type", f"is not a relation type ({allowed})",
                                 f"関係の種類ではありません（{allowed}）")
            row.required("quote")
            ends = [self._end(row, column) for column in ("from", "to")]
            if ends[0] == ends[1]:
                raise row.refuse("to", "is the same entity as from", "from と同じ相手です")
            self.relate(kind, ends[0], ends[1], row, quoted=True)

    def add(self, row: Row, column: str, entity: Entity) -> None:
        """Add an entity the directory states; an id stated twice is refused."""
        if entity.id in self.stated:
            raise row.refuse(column, f"repeats the id {entity.id} of an earlier row",
                             f"前の行と同じID（{entity.id}）です")
        self.stated.add(entity.id)
        self.entities[entity.id] = entity

    def place(self, row: Row, column: str) -> Entity:
        """The known place a cell names (refused when it names none or several)."""
        return self._known(row, column, places_only=True)

    def service_of(self, row: Row, services: dict[str, Service]) -> Service:
        """The service of a row's `service_id` (refused when the services file has none)."""
        found = services.get(row.get("service_id"))
        if found is None:
            raise row.refuse("service_id", "names no service of services.csv",
                             "services.csv にないサービスです")
        return found

    def _end(self, row: Row, column: str) -> str:
        value = row.required(column)
        return value if value in self.entities else self._known(row, column, False).id

    def _known(self, row: Row, column: str, places_only: bool) -> Entity:
        what, what_ja = ("place", "地名") if places_only else ("entity", "組織・地名")
        found = self.known.named(row.get(column), places_only)
        if not found:
            raise row.refuse(column, f"names no known {what}; give its id or a name "
                             "/v1/search finds", f"既知の{what_ja}ではありません"
                             "（IDか、検索で見つかる名称を書いてください）")
        if len(found) > 1:
            ids = ", ".join(sorted(e.id for e in found)[:6])
            raise row.refuse(column, f"names more than one {what} ({ids}); give the id",
                             f"複数の{what_ja}に当たります（{ids}）。IDを書いてください")
        entity = found[0]
        if entity.id not in self.entities:
            self.entities[entity.id] = stub(entity, row.evidence(self.document))
        return entity

    def relate(self, kind: RelationType, source: str, target: str, row: Row,
               quoted: bool = False) -> None:
        evidence = (row.evidence(self.document, row.get("source"), row.get("quote")) if quoted
                    else row.evidence(self.document))
        relation = Relation(kind.value, source, target, [evidence])
        found = self.relations.get(relation.id)
        if found is None:
            self.relations[relation.id] = relation
        elif evidence not in found.evidence:
            found.evidence.append(evidence)
