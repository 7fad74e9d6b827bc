"""What to offer when a question cannot be understood: at least three questions, in both
languages, that the graph does answer, built from what was recognised (a place, an
organisation, a word that is close to a name) and from the graph's own best-known places.
"""

from __future__ import annotations

import re

from tsunagari.graph import Entity, EntityType
from tsunagari.graph.text import is_cjk
from tsunagari.queries.desk.question import Question, Recognised, side_of
from tsunagari.queries.projection import Projection
from tsunagari.queries.query_errors import QueryError

Text = dict[str, str]
MOST = 5
LEAST = 3


class QuestionNotUnderstood(QueryError):
    """A question whose intent could not be told; carries what was recognised and questions
    that work, and its message in both languages."""

    def __init__(self, question: Question, offered: list[Text]) -> None:
        self.question = question
        self.suggestions = offered
        seen_ja = "、".join(r.text for r in question.recognised)
        seen_en = ", ".join(r.text for r in question.recognised)
        self.messages = {
            "ja": "ご質問の意図を読み取れませんでした。"
                  + (f"読み取れた語：{seen_ja}。" if seen_ja else "")
                  + "たとえば次のように尋ねてください。",
            "en": "The question could not be understood"
                  + (f" (recognised: {seen_en})" if seen_en else "")
                  + ". Try asking, for example, one of the questions below.",
        }
        super().__init__(self.messages["en"], self.messages["ja"])

    @property
    def recognised(self) -> list[Recognised]:
        return self.question.recognised


def suggestions(asked: Question, projection: Projection) -> list[Text]:
    """Questions that work, from what the question named, then from the graph."""
    offered: list[Text] = []
    for mention in asked.mentions:
        offered += _about(mention.entity, projection)
    for entity in _close_names(asked, projection):
        offered += _about(entity, projection)
    offered += _stock(projection)
    unique: dict[str, Text] = {}
    for suggestion in offered:
        unique.setdefault(suggestion["en"], suggestion)
    chosen = list(unique.values())[:MOST]
    assert len(chosen) >= LEAST or not projection.entities
    return chosen


def _about(entity: Entity, projection: Projection) -> list[Text]:
    if entity.is_place:
        asked = [{"ja": f"{entity.name('ja')}の企業はどこに相談すればいい？",
                  "en": f"Who can help firms in {entity.name('en')}?"}]
        if side_of(entity, projection) not in ("", "JP"):
            asked.append({"ja": f"{entity.name('ja')}向けの支援メニューは？",
                          "en": f"What support is there for {entity.name('en')}?"})
        return asked
    return [{"ja": f"{entity.name('ja')}では何をしてくれる？",
             "en": f"What does {entity.name('en')} offer?"}]


def _close_names(asked: Question, projection: Projection) -> list[Entity]:
    """Organisations whose names hold a word of the question (e.g. a misspelt name's part)."""
    words = [w for w in re.findall(r"[^\W_]{3,}", asked.text) if not w.isdigit()]
    found = []
    for word in words:
        key = word.casefold()
        for entity in projection.entities.values():
            if not entity.in_chains or entity.type is EntityType.PERSON:
                continue
            names = [entity.name_ja, entity.name_en, *entity.aliases]
            if any(key in name.casefold() for name in names if name and is_cjk(name) == is_cjk(word)):
                found.append(entity)
                break
    return found[:2]


def _stock(projection: Projection) -> list[Text]:
    """A referral, a need and a menu question between the best-known places of the graph."""
    home = _best_known(projection, lambda e: side_of(e, projection) == "JP")
    abroad = _best_known(projection, lambda e: side_of(e, projection) not in ("", "JP"))
    offered = []
    if home and abroad:
        offered.append({"ja": f"{home.name('ja')}の企業を{abroad.name('ja')}につなぐのは？",
                        "en": f"Who connects a firm in {home.name('en')} to {abroad.name('en')}?"})
    if abroad:
        offered.append({"ja": f"{abroad.name('ja')}で人材を採用したい",
                        "en": f"Who can help us hire workers in {abroad.name('en')}?"})
    offered.append({"ja": "進出前に使える支援メニューは？", "en": "What support is there before entry?"})
    offered.append({"ja": "海外展開の相談はまずどこにすればいい？",
                    "en": "Where can a firm get advice on going abroad?"})
    return offered


def _best_known(projection: Projection, keep: object) -> Entity | None:
    assert callable(keep)
    places = [e for e in projection.entities.values()
              if e.type is EntityType.MUNICIPALITY and keep(e)]
    return max(places, key=lambda e: (projection.degree(e.id), e.id), default=None)
