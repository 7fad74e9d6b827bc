"""What every directory import shares: its refusal, reading a CSV file's rows with their row
numbers, and finding the entities a cell names in the graph."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from tsunagari.graph.model import Entity, Evidence
from tsunagari.graph.store import GraphStore
from tsunagari.graph.text import field_fault, fold

MAX_VALUE_SHOWN = 80


class DirectoryError(ValueError):
    """A directory file that cannot be imported; names the file, row, column and value
    (`messages`: English and Japanese)."""

    def __init__(self, file: str, row: int, column: str, value: str, why: str,
                 why_ja: str) -> None:
        shown = value if len(value) <= MAX_VALUE_SHOWN else value[:MAX_VALUE_SHOWN] + "…"
        where = file + (f", row {row}" if row else "") + (f", column {column}" if column else "")
        where_ja = file + (f"の{row}行目" if row else "") + (f"の列 {column}" if column else "")
        super().__init__(f"{where}: {why}" + (f" (value {shown!r})" if value else ""))
        self.messages = {"en": str(self),
                         "ja": f"{where_ja}：{why_ja}" + (f"（値「{shown}」）" if value else "")}
        self.file, self.row, self.column, self.value = file, row, column, value


@dataclass
class Row:
    """One row of a CSV file: its cells by column, where it stands, and its quote."""

    file: str
    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def refuse(self, column: str, why: str, why_ja: str) -> DirectoryError:
        return DirectoryError(self.file, self.number, column, self.get(column), why, why_ja)

    def required(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise self.refuse(column, "is empty; it is required", "空です（必須の列です）")
        return value

    def evidence(self, document: str, locator_note: str = "", quote: str = "") -> Evidence:
        """The row as evidence: the quote given, or the row's cells joined."""
        quote = quote or ", ".join(v.strip() for v in self.cells.values() if (v or "").strip())
        locator = f"{self.file}:row {self.number}" + (f" ({locator_note})" if locator_note else "")
        return Evidence(document, locator, quote, self.number, self.number)


def read_rows(file: str, text: str, columns: tuple[str, ...], required: Iterable[str],
              *, only_these: bool = True) -> list[Row]:
    """The rows of a CSV text (a header row first), every cell checked; refuses a missing
    required column, a column not among `columns` (unless `only_these` is False), a row with
    more cells than the header, and a cell no field may hold."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    unknown = [name for name in header if name not in columns] if only_these else []
    if unknown:
        raise DirectoryError(file, 1, unknown[0], "", f"is not a column of this file (columns: "
                             f"{', '.join(columns)})", f"はこの表の列ではありません（列："
                             f"{', '.join(columns)}）")
    missing = [name for name in required if name not in header]
    if missing:
        raise DirectoryError(file, 1, missing[0], "", f"the header lacks the column {missing[0]} "
                             f"(columns: {', '.join(columns)})",
                             f"見出し行に列 {missing[0]} がありません（列：{', '.join(columns)}）")
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if None in cells:
                raise DirectoryError(file, number, "", "", "has more cells than the header has "
                                     "columns", "見出し行より多くの値があります")
            row = Row(file, number, {k: v or "" for k, v in cells.items()})
            for column, value in row.cells.items():
                fault = field_fault(value)
                if fault:
                    raise row.refuse(column, f"holds a {fault}", f"使えない文字があります（{fault}）")
            rows.append(row)
    except csv.Error as exc:
        raise DirectoryError(file, reader.line_num, "", "", f"is not CSV: {exc}",
                             f"CSVとして読めません：{exc}") from None
    return rows


@dataclass
class Known:
    """The entities of the graph a directory may name by id or by any of their names."""

    store: GraphStore
    _by_name: dict[str, list[Entity]] = field(default_factory=dict)

    def named(self, name: str, places_only: bool) -> list[Entity]:
        """The entities (places only, if asked) a cell names: by id first, then by any name."""
        by_id = self.store.entity(name)
        if by_id is not None and (by_id.is_place or not places_only):
            return [by_id]
        if not self._by_name:
            for entity in self.store.entities():
                for each in {fold(n) for n in entity.names()}:
                    self._by_name.setdefault(each, []).append(entity)
        found = self._by_name.get(fold(name), [])
        return [e for e in found if e.is_place or not places_only]


def stub(entity: Entity, evidence: Evidence) -> Entity:
    """An entity of the graph as a directory names it: its id, type and names only, with the
    row that names it as evidence."""
    return Entity(id=entity.id, type=entity.type, name_ja=entity.name_ja, name_en=entity.name_en,
                  country=entity.country, actor=entity.actor, evidence=[evidence])
