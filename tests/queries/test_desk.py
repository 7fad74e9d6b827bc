"""Desk answers: the question sets and their figures, explanations a person would say, the
regional hubs of Kansai, and the same answers from either store."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from unittest import mock

import pytest

from tests.support.desk_questions import HELD_OUT, REPORT, SETS, TODAY, judge, load
from tests.support.paths import ROOT
from tsunagari.graph import Entity
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.needs import Need, needs_in
from tsunagari.graph.referral_model import Firm, Outcomes, new_referral
from tsunagari.graph.store import GraphStore
from tsunagari.queries.cache import VersionedCache
from tsunagari.queries.chains import connect
from tsunagari.queries.desk import DeskAnswer, QuestionNotUnderstood, ask
from tsunagari.queries.desk.hub_answer import LEFT_OUT
from tsunagari.queries.desk.question import language_of
from tsunagari.queries.hubs import hubs

TUNED = ["dev", "dev2", "dev3", "dev4", "dev5", "heldout", "uncovered"]
"""The sets the answers were tuned on; the HELD_OUT sets are only measured. dev3, dev4, dev5
and heldout were each measured fresh before any tuning on them (top five / first: 80.4 /
51.8 %, 83.3 / 57.4 %, 76.7 / 46.7 %, 80.0 / 57.3 %)."""
FLOORS = {
    # set: (answered, in top five, first) as measured when this was written, less a margin;
    # a fall below is a regression. The targets are 97 %, 90 % and 60 %.
    "dev": (1.0, 0.95, 0.78), "dev2": (1.0, 0.97, 0.62), "dev3": (1.0, 0.95, 0.65),
    "dev4": (1.0, 0.95, 0.65), "dev5": (1.0, 0.86, 0.57), "heldout": (0.97, 0.89, 0.55),
    "heldout2": (0.97, 0.92, 0.60),
}
"""What each set measured (heldout2, never tuned on: 100 % answered, 94.4 % in the top five,
62.2 % first; before the text search, 100 %, 80.0 %, 62.2 %)."""
HONEST = {"heldout": 0.9, "heldout2": 0.9, "uncovered": 0.9, "uncovered2": 0.8}
"""The share of questions a set does not cover that must be answered honestly (1.0 elsewhere),
as measured less a margin. uncovered2, never tuned on: 83.3 % (56.7 % before the needs no
body offers and unknown organisations were said); heldout2: 90 % (70 % before; one of its
misses, currency hedging, was seen before that need was added)."""


@pytest.fixture(scope="module")
def cache(seed_store: GraphStore) -> VersionedCache:
    return VersionedCache(seed_store)


def test_the_sets_are_large_bilingual_and_cover_every_intent_and_need(
    seed_store: GraphStore,
) -> None:
    for name in HELD_OUT:
        held_out = load(name)
        assert len(held_out) >= (100 if any(entry["covered"] for entry in held_out) else 30)
        japanese = sum(language_of(entry["q"]) == "ja" for entry in held_out)
        assert 0.4 <= japanese / len(held_out) <= 0.6
    every = [entry for name in [*TUNED, *HELD_OUT] for entry in load(name)]
    assert {entry["intent"] for entry in every} == {"referral", "need", "about", "hubs", "menu"}
    asked = {need for entry in every for need in needs_in(entry["q"])}
    assert set(Need) - asked <= {Need.CONSULTATION}, set(Need) - asked
    known = {e.id for e in seed_store.entities()}
    for entry in every:
        assert set(entry["expected"]) <= known, entry["id"]
        assert entry["covered"] == bool(entry["expected"]), entry["id"]
    assert len({entry["id"] for entry in every}) == len(every)
    assert sorted(path.stem for path in SETS.glob("*.yaml")) == sorted([*TUNED, *HELD_OUT])


@pytest.mark.parametrize("name", [*TUNED, *HELD_OUT])
def test_desk_questions_are_answered(nx_seed_store: NetworkxStore, name: str) -> None:
    figures = judge(nx_seed_store, name, VersionedCache(nx_seed_store))
    REPORT.extend(figures.lines())
    measured = tuple(figures.share(test) for test in ("answered", "in_top5", "first"))
    floors = FLOORS.get(name, (0.0, 0.0, 0.0))  # a set of uncovered questions has none
    assert all(m >= floor - 1e-9 for m, floor in zip(measured, floors, strict=True)), measured
    assert figures.share("honest", covered=False) >= HONEST.get(name, 1.0)


def _sentences(text: str, language: str) -> list[str]:
    if language == "ja":
        return [s for s in text.split("。") if s]
    return [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", text) if s]


def _answers(store: GraphStore, cache: VersionedCache) -> Iterator[DeskAnswer]:
    for name in TUNED:
        for entry in load(name):
            try:
                yield ask(store, entry["q"], cache=cache, today=TODAY)
            except QuestionNotUnderstood:
                continue


def test_explanations_read_as_advice(seed_store: GraphStore, cache: VersionedCache) -> None:
    """No chained 「これが」「これには」, no name twice in one sentence (nor in an item's
    reason), a full stop at the end, and every route starts by saying whom to see."""
    told = 0
    for answer in _answers(seed_store, cache):
        names = {item.entity.id: item.entity for item in answer.items}
        for chain in answer.chains:
            names.update({step.entity.id: step.entity for step in chain.steps})
            assert chain.explanation["ja"].startswith("まず")
            assert chain.explanation["en"].startswith("Start with")
        for text in [answer.advice, *(chain.explanation for chain in answer.chains)]:
            for language in ("ja", "en"):
                said = text[language]
                told += 1
                assert "これが" not in said and "これには" not in said, said
                assert said.endswith("。" if language == "ja" else "."), said
                assert ".." not in said and "  " not in said, said
                _each_name_once(said, language, names.values())
        for item in answer.items:  # a title in 「」 or a description is the sources' own
            for language in ("ja", "en"):
                reason = item.reason[language]
                if not item.entity.about(language).startswith(reason):
                    _each_name_once(re.sub(r"「[^」]*」", "「」", reason), language, names.values())
    assert told > 400


def _each_name_once(said: str, language: str, entities: Iterable[Entity]) -> None:
    longest_first = sorted({e.name(language) for e in entities}, key=len, reverse=True)
    for sentence in _sentences(said, language):
        for name in longest_first:  # a name inside a longer name is that name
            if len(name) >= 3:
                assert sentence.count(name) <= 1, (name, sentence)
                sentence = sentence.replace(name, "\x00")


def test_connect_explanations_name_a_new_subject(seed_store: GraphStore, cache: VersionedCache) -> None:
    """A sentence whose subject is not the one before names it: after "It has an agreement
    with JICA", JICA's own deed is told as "JICA funds …", never as "It funds …"."""
    chains = connect(seed_store, "Yokohama", "Vietnam", cache=cache).chains
    longer = [chain for chain in chains if chain.hops >= 2 and chain.door is None]
    assert longer, "the test needs a chain of two hops that starts at its first entity"
    for chain in longer:
        second = chain.steps[1].entity
        told = chain.explanation["en"].split(". ")[2]
        assert told.startswith(("The " + second.name("en"), second.name("en"))), told


def test_the_regional_hubs_of_kansai_are_the_bodies_the_document_names_there(
    seed_store: GraphStore, cache: VersionedCache
) -> None:
    for question in ("関西の支援ネットワークのハブは？", "Which organisations are the hubs of Kansai?"):
        answer = ask(seed_store, question, cache=cache, today=TODAY)
        top = [item.entity.id for item in answer.items]
        assert answer.question.intent == "hubs" and len(top) >= 6
        assert {"kansai-vietnam-council", "kinki-meti", "kobe-asia-center", "osaka-pref"} <= set(top)
        assert all(item.entity.in_chains and item.entity.type not in LEFT_OUT for item in answer.items)
    ranked = [h.entity.id for h in hubs(seed_store, "betweenness", region="Kansai", limit=15,
                                        cache=cache)]
    assert {"kansai-vietnam-council", "kinki-meti", "kinki-sme-overseas-council"} <= set(ranked)
    bridges = ask(seed_store, "hubs between Kansai and southern Vietnam", cache=cache, today=TODAY)
    assert bridges.items[0].entity.id == "kansai-vietnam-council"


QUESTIONS_OF_EACH_INTENT = [
    "大阪の機械加工の町工場をドンナイ省につなぐのは？",
    "who connects an Ota City mould maker to Thailand?",
    "ベトナムの現地マネージャーを育成したい",
    "consultation in Japanese at a Thai rental factory",
    "神戸市アジア進出支援センターでは何をしてくれる？",
    "which organisations sit on the national SME overseas support council?",
    "hubs between Kansai and southern Vietnam",
    "進出前に使える支援メニューは？",
    "北海道の水産加工会社をラオスにつなぐのは？",
]


def _digest(answer: DeskAnswer) -> tuple[object, ...]:
    return (answer.question.intent, answer.advice, answer.fallback, answer.notes,
            [(item.entity.id, item.role, round(item.score, 6)) for item in answer.items],
            [(chain.ids, round(chain.score, 6), chain.explanation) for chain in answer.chains])


@pytest.mark.parametrize("question", QUESTIONS_OF_EACH_INTENT)
def test_either_store_gives_the_same_answer(
    seed_store: GraphStore, nx_seed_store: NetworkxStore, cache: VersionedCache, question: str
) -> None:
    here = ask(seed_store, question, cache=cache, today=TODAY)
    embedded = ask(nx_seed_store, question, today=TODAY)
    assert here.items
    assert _digest(here) == _digest(embedded)


@pytest.mark.parametrize("question", QUESTIONS_OF_EACH_INTENT)
def test_referrals_not_yet_closed_change_no_answer(nx_seed_store: NetworkxStore,
                                                   question: str) -> None:
    plain = ask(nx_seed_store, question, today=TODAY)
    assert _digest(ask(nx_seed_store, question, today=TODAY, outcomes=Outcomes.of([]))) == (
        _digest(plain))
    routes = [chain.ids for chain in plain.chains] or [[plain.items[0].entity.id, "jetro"]]
    open_ones = [new_referral(route[0], route[-1], Firm("A社"), "desk", datetime.now(UTC),
                              chain=route) for route in routes]
    counted = ask(nx_seed_store, question, today=TODAY, outcomes=Outcomes.of(open_ones))
    assert _digest(counted) == _digest(plain)
    assert all(chain.referrals and chain.referrals.closed == 0 for chain in counted.chains)


def test_an_empty_graph_answers_honestly(empty_store: GraphStore) -> None:
    answer = ask(empty_store, "海外展開の相談はまずどこにすればいい？")
    assert answer.items == [] and answer.fallback
    assert answer.advice["ja"].endswith("ありません。") and "：" not in answer.advice["ja"]
    assert answer.advice["en"].startswith("The sources name no body")


FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"})
"""Printable ASCII to its full-width form, as a Japanese keyboard in full-width mode types it."""


@pytest.mark.parametrize("question", [
    question for question in ["hubs in Kansai", "What does JETRO do?",
                              "who can help with training in Dong Nai", "JETROって何？",
                              *QUESTIONS_OF_EACH_INTENT]
    if re.search("[A-Za-z]", question)
])
def test_a_question_in_full_width_letters_is_read_as_in_half_width(
    nx_seed_store: NetworkxStore, question: str
) -> None:
    typed = question.translate(FULL_WIDTH)
    assert typed != question
    wide, narrow = ask(nx_seed_store, typed, today=TODAY), ask(nx_seed_store, question, today=TODAY)
    assert narrow.items
    assert wide.question.text == narrow.question.text
    assert _digest(wide) == _digest(narrow)


def test_a_short_hiragana_run_names_no_place_without_its_suffix(
    nx_seed_store: NetworkxStore,
) -> None:
    """「いの町」 is a town; the 「いの」 of 「使いたいのですが」 is not."""
    question = "海外展開の資金で信用保証を使いたいのですが、どこに相談できますか？"
    answer = ask(nx_seed_store, question, today=TODAY)
    assert not [m.text for m in answer.question.mentions if m.entity.is_place]
    assert "いの町" not in answer.advice["ja"]
    named = ask(nx_seed_store, "いの町の企業がタイに進出したい。どこに相談すればいいですか", today=TODAY)
    assert "いの町" in [m.entity.name("ja") for m in named.question.mentions]


@pytest.mark.parametrize(("question", "described"), [
    ("is there a group of Vietnamese business owners in Japan who could help connect our "
     "members with Vietnam", "vietnamese-business-association-japan"),
    ("地元の信金が市や商工会議所と組んで中小企業のアジア展開をまとめている例ってありますか",
     "amagasaki-shinkin"),
])
def test_an_organisation_the_sources_describe_in_the_question_s_words_is_listed(
    nx_seed_store: NetworkxStore, question: str, described: str,
) -> None:
    """No rule reads these questions' slots as the organisation they describe; the sources'
    words for it do, and it joins the list with what they say of it, while the answer's lead
    and advice stay its own."""
    answer = ask(nx_seed_store, question, today=TODAY)
    with mock.patch("tsunagari.queries.desk.desk.matches", return_value=[]):
        alone = ask(nx_seed_store, question, today=TODAY)
    assert described not in [item.entity.id for item in alone.items[:5]]
    found = {item.entity.id: item for item in answer.items[:5]}
    assert described in found, list(found)
    assert found[described].role == "described"
    assert found[described].reason["ja"].endswith("。") and found[described].reason["en"]
    assert answer.items[0].entity == alone.items[0].entity and answer.advice == alone.advice


def test_every_role_an_answer_gives_has_a_label_on_the_page(
    seed_store: GraphStore, cache: VersionedCache,
) -> None:
    roles = {item.role for answer in _answers(seed_store, cache) for item in answer.items}
    assert {"described", "provider", "first-contact"} <= roles
    script = (ROOT / "api" / "web" / "app.js").read_text(encoding="utf-8")
    tables = re.findall(r"\n    roles: \{(.*?)\n    \}", script, re.S)
    assert len(tables) == 2  # English and Japanese
    for table in tables:
        labelled = set(re.findall(r'"?([a-z-]+)"?: "', table))
        assert roles <= labelled, roles - labelled


def test_text_finds_join_a_referral_without_reordering_its_chains(
    nx_seed_store: NetworkxStore,
) -> None:
    """A referral's own items stay in the order its chains give; the text search only adds."""
    question = "大阪の機械加工の町工場をドンナイ省につなぐのは？"
    answer = ask(nx_seed_store, question, today=TODAY)
    with mock.patch("tsunagari.queries.desk.desk.matches", return_value=[]):
        alone = ask(nx_seed_store, question, today=TODAY)
    own = [item.entity.id for item in answer.items if item.role != "described"]
    assert own == [item.entity.id for item in alone.items]
    assert any(item.role == "described" for item in answer.items)
    assert answer.advice == alone.advice


@pytest.mark.parametrize(("question", "ja", "en"), [
    ("ベトナム工場のサイバー攻撃への備えを相談できるところは？", "サイバーセキュリティ", "cyber security"),
    ("Who can help us insure against currency swings on our Thai baht sales?", "為替リスク対策",
     "currency risk"),
    ("大阪の部品メーカーをドンナイ省につないでほしい。通関や物流も相談したい", "通関・物流",
     "customs and logistics"),
    ("What does KOTRA do for small Japanese manufacturers in Vietnam?", "「KOTRA」", "“KOTRA”"),
    ("北海道中小企業総合支援センターにタイ進出の相談窓口はありますか", "「北海道中小企業総合支援センター」",
     "“北海道中小企業総合支援センター”"),
])
def test_what_the_sources_do_not_cover_is_said_so_in_any_answer(
    nx_seed_store: NetworkxStore, question: str, ja: str, en: str,
) -> None:
    """A need no body offers (in a need answer, a referral…) or an organisation the graph does
    not know gets a note in both languages, beside the organisations that still help."""
    answer = ask(nx_seed_store, question, today=TODAY)
    assert answer.items
    assert any(ja in note["ja"] and en in note["en"] for note in answer.notes), answer.notes


@pytest.mark.parametrize("question", [
    "What does JETRO do?", "ひょうご海外ビジネスセンターは何をしていますか",
    "What does the Kobe City Asia Expansion Support Center do?", "MOBIOの支援内容は？",
])
def test_an_organisation_the_sources_name_gets_no_such_note(
    nx_seed_store: NetworkxStore, question: str,
) -> None:
    notes = ask(nx_seed_store, question, today=TODAY).notes
    assert not any("組織のため" in note["ja"] for note in notes), notes
