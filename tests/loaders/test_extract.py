"""Candidate extraction: name patterns, gazetteer reuse, cues, dates, quotes, the seed targets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import SEED_DOCUMENT_ID, SEEDS
from tsunagari.graph.model import Contribution, DocumentRecord, Entity, Relation
from tsunagari.graph.text import normalise
from tsunagari.graph.vocabulary import SYMMETRIC_TYPES, EntityType, Stage, Status
from tsunagari.loaders.curated import SLUG, read_annotation
from tsunagari.loaders.extract import Proposals, ProposedEntity, ProposedRelation, extract
from tsunagari.loaders.extract.anaphora import anaphors
from tsunagari.loaders.extract.metrics import evaluate, figures, missed, strict_scores
from tsunagari.loaders.extract.patterns import candidates
from tsunagari.loaders.extract.segments import Segment, segments
from tsunagari.loaders.sources import Document, DocumentError

T = EntityType
LOCATOR = re.compile(r"L(\d+)(?:-(\d+))?:c(\d+)-(\d+)")


def run(text: str, known: list[Entity] | None = None) -> Proposals:
    return extract(Document.from_text("t", text), known or [])


def names(proposals: Proposals) -> dict[str, Entity]:
    """Proposed entities by their display name."""
    return {p.entity.display_name: p.entity for p in proposals.entities}


def relations(proposals: Proposals) -> set[tuple[str, str, str]]:
    """(type, source name, target name) of every proposed relation; symmetric ones in name order."""
    by_id = {p.entity.id: p.entity.display_name for p in proposals.entities}
    return {
        ordered(p.relation.type, by_id[p.relation.source], by_id[p.relation.target])
        for p in proposals.relations
    }


def ordered(relation_type: str, source: str, target: str) -> tuple[str, str, str]:
    if relation_type in SYMMETRIC_TYPES:
        source, target = sorted((source, target))
    return relation_type, source, target


def relation(proposals: Proposals, source: str, target: str) -> Relation:
    """The proposed relation between two named entities (either way round)."""
    found = names(proposals)
    ends = {found[source].id, found[target].id}
    return next(p.relation for p in proposals.relations if {p.relation.source, p.relation.target} == ends)


NEWER_ENDINGS = [
    ("信州金属加工研究会が視察を企画", "信州金属加工研究会", T.NPO),
    ("上田精密協同組合の組合員", "上田精密協同組合", T.NPO),
    ("県立松本工業専門校で研修", "県立松本工業専門校", T.TRAINING_INSTITUTION),
    ("「ながの海外挑戦補助金」を活用", "ながの海外挑戦補助金", T.PROGRAM),
    ("フエ・ハイテクパークに入居", "フエ・ハイテクパーク", T.INDUSTRIAL_PARK),
    ("フエ省フーロック郡に立地", "フーロック郡", T.PLACE),
]
"""Names with endings added later (研究会, 協同組合, 専門校, 補助金, ハイテクパーク, 郡)."""


@pytest.mark.parametrize(
    ("text", "name", "entity_type"),
    [
        ("尼崎信用金庫が支援する", "尼崎信用金庫", T.FINANCIAL_INSTITUTION),
        ("当初はロンドウック工業団地に入居", "ロンドウック工業団地", T.INDUSTRIAL_PARK),
        ("タイ: オオタ・テクノパーク(OTP)", "オオタ・テクノパーク", T.INDUSTRIAL_PARK),
        ("職員が大田区産業振興協会の会議に出る", "大田区産業振興協会", T.NPO),
        ("ハノイ工業大学を卒業", "ハノイ工業大学", T.TRAINING_INSTITUTION),
        ("大阪府立大学高専の教員", "大阪府立大学高専", T.TRAINING_INSTITUTION),
        ("中小企業基盤整備機構による支援", "中小企業基盤整備機構", T.GOVERNMENT_AGENCY),
        ("計画投資省に設置", "計画投資省", T.GOVERNMENT_AGENCY),
        ("南部のドンナイ省に進出", "ドンナイ省", T.MUNICIPALITY),
        ("兵庫県と神戸市が連携", "神戸市", T.MUNICIPALITY),
        ("東京都大田区の企業", "大田区", T.MUNICIPALITY),
        ("大阪のザ・サポート社が入居", "ザ・サポート社", T.FIRM),
        ("(株)テクノ精工が出資", "テクノ精工", T.FIRM),
        ("横浜ウォーター(株)(水道局が100%出資)", "横浜ウォーター", T.FIRM),
        ("神戸市アジア進出支援センターを開設", "神戸市アジア進出支援センター", T.SUPPORT_CENTER),
        ("「関西ビジネスデスク」を設置", "関西ビジネスデスク", T.SUPPORT_CENTER),
        ("「関西裾野産業集積支援モデル事業」の第1号案件", "関西裾野産業集積支援モデル事業", T.PROGRAM),
        ("Hanoi University of Industry trains", "Hanoi University of Industry", T.TRAINING_INSTITUTION),
        ("supported by the Mekong Development Bank.", "Mekong Development Bank", T.FINANCIAL_INSTITUTION),
        ("Vie-Pan Techno Park opened", "Vie-Pan Techno Park", T.INDUSTRIAL_PARK),
        ("the Ministry of Planning and Investment", "Ministry of Planning and Investment",
         T.GOVERNMENT_AGENCY),
        *NEWER_ENDINGS,
    ],
)
def test_names_are_found_by_their_form_and_typed_by_their_last_word(
    text: str, name: str, entity_type: EntityType
) -> None:
    found = {name: entity.type for name, entity in names(run(text)).items()}
    assert found.get(name) is entity_type, found


@pytest.mark.parametrize(
    "text",
    ["新興市場の開拓", "県内企業の海外展開", "日系の会社と数社が重大課題に直面", "本社の社長と面談",
     "都市づくり", "大都市と友好都市の商工会議所", "中央直轄市のひとつ"],
)
def test_ordinary_words_are_not_names(text: str) -> None:
    assert [c.name for c in candidates(Segment(text)) if c.type is not T.PROGRAM] == []


def test_acronyms_and_people_are_found() -> None:
    found = {c.name: c.type for c in candidates(Segment("泰日経済技術振興協会(TPA)と関智宏教授、HEPZAとCEO"))}
    assert found["泰日経済技術振興協会"] is T.NPO
    assert found["HEPZA"] is T.NPO and "CEO" not in found
    assert found["関智宏"] is T.PERSON


def test_words_broken_across_slide_lines_and_pdf_glyphs_are_read_whole() -> None:
    text = "\uf06c 近畿経済産業局を事務局とする「関西ベトナ\nム経済交流会議」が支援\n\n\uf0e8 ﾏﾈｰｼﾞｬｰ研修"
    parts = list(segments(text))
    assert [p.text for p in parts] == [
        "近畿経済産業局を事務局とする「関西ベトナム経済交流会議」が支援",
        "マネージャー研修",
    ]
    found = names(run(text))
    assert "関西ベトナム経済交流会議" in found


def test_a_known_entity_is_reused_by_any_of_its_names_never_duplicated() -> None:
    known = [
        Entity(id="dong-nai", type=T.MUNICIPALITY, name_ja="ドンナイ省", name_en="Dong Nai Province",
               aliases=["ドンナイ", "Đồng Nai"]),
        Entity(id="jetro", type=T.GOVERNMENT_AGENCY, name_ja="日本貿易振興機構",
               aliases=["JETRO", "ジェトロ"]),
    ]
    text = (
        "ジェトロがドンナイ省の企業を支援。JETROはＤｏｎｇ　Ｎａｉにも事務所。"
        "日本貿易振興機構とドンナイの連携。"
    )
    proposals = run(text, known)
    by_id = {p.entity.id: p for p in proposals.entities}
    assert by_id["dong-nai"].existing and by_id["jetro"].existing
    assert len(by_id["jetro"].evidence) >= 2
    new = [p.entity.display_name for p in proposals.entities if not p.existing]
    assert not {"ドンナイ省", "ドンナイ", "JETRO", "ジェトロ", "日本貿易振興機構"} & set(new)


def test_a_new_name_is_one_new_entity_with_an_ascii_id() -> None:
    proposals = run("ロンドウック工業団地に入居。ﾛﾝﾄﾞｳｯｸ工業団地は拡張。ロンドウック工業団地の第2期。")
    parks = [p for p in proposals.entities if p.entity.type is T.INDUSTRIAL_PARK]
    assert len(parks) == 1 and not parks[0].existing
    assert parks[0].entity.id.startswith("new-") and SLUG.fullmatch(parks[0].entity.id)
    assert len(parks[0].evidence) == 3


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("長野県と、しなのひかり信用金庫が連携", "しなのひかり信用金庫"),
        ("取引先の株式会社山の手みらい銀行が融資", "山の手みらい銀行"),
        ("・あずみのあおば銀行の支店", "あずみのあおば銀行"),
        ("上田市の有限会社ちくまテックが入居", "ちくまテック"),
        ("株式会社安曇あさひ銀行\n長野県", "安曇あさひ銀行"),
        ("事務局:はくば中央信用金庫 地域振興部", "はくば中央信用金庫"),
    ],
)
def test_names_with_words_in_hiragana_are_found_whole(text: str, name: str) -> None:
    assert name in names(run(text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("長野県とみらい銀行が連携", "長野県とみらい銀行"),
        ("費用の残りはあおば銀行が負担", "残りはあおば銀行"),
        ("大阪のザ・サポート社が入居", "大阪のザ・サポート社"),
    ],
)
def test_particles_and_verbs_in_hiragana_end_a_name(text: str, wrong: str) -> None:
    assert wrong not in names(run(text))


def test_a_company_is_found_after_either_legal_form_and_nothing_before_a_legal_form_joins_it() -> None:
    found = names(run("上田市の有限会社千曲モールドが入居。\n長野県 国際課\n一般社団法人信州産業振興協会"))
    assert "千曲モールド" in found and found["千曲モールド"].type is T.FIRM
    assert "一般社団法人信州産業振興協会" in found
    assert not [name for name in found if name.startswith("国際課")]


def test_no_name_runs_across_a_table_cell_or_from_a_heading_into_the_next_line() -> None:
    text = (
        "全体統括\t松本地域産業振興センター\n運営  信州海外展開推進協会 | 長野市\n\n"
        "2．協働センターの概要\n協働センターは、長野県と上田市が設立した施設で、県内企業の相談に応じます。"
    )
    found = names(run(text))
    assert {"松本地域産業振興センター", "信州海外展開推進協会", "協働センター"} <= set(found)
    assert not [name for name in found if name.startswith(("全体統括", "運営", "概要"))]


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("長野県 産業労働部 国際課\n2024年5月", "長野県産業労働部国際課"),
        ("事業主体 上田市商工観光部 上田市", "上田市商工観光部"),
        ("松本市（産業振興部）が主催", "松本市産業振興部"),
        ("2025年3月12日\n上田市 産業経済部 産業政策課", "上田市産業経済部産業政策課"),
    ],
)
def test_a_department_written_after_its_prefecture_or_city_is_one_body_of_it(
    text: str, department: str
) -> None:
    proposals = run(text)
    found = names(proposals)
    assert found[department].type is T.GOVERNMENT_AGENCY
    sections = [name for name in found if name in department and name[-1] in "部課室" and name != department]
    assert not sections
    assert [r for r in relations(proposals) if r[0] == "PART_OF" and r[1] == department]


def test_a_name_broken_across_full_slide_lines_is_still_read_whole() -> None:
    found = names(run("運営受託 一般社団法人長野県精密機\n械工業会 長野市"))
    assert "一般社団法人長野県精密機械工業会" in found


@pytest.mark.parametrize(
    "text",
    [
        "松本市産業振興センター（Matsumoto City Industrial Promotion Center）が支援。",
        "Matsumoto City Industrial Promotion Center (松本市産業振興センター) helps firms.",
    ],
)
def test_a_name_and_its_translation_in_brackets_are_one_entity_with_both_names(text: str) -> None:
    proposals = run(text)
    centers = [p.entity for p in proposals.entities if p.entity.type is T.SUPPORT_CENTER]
    assert len(centers) == 1
    assert (centers[0].name_ja, centers[0].name_en) == (
        "松本市産業振興センター", "Matsumoto City Industrial Promotion Center"
    )


def test_a_definition_in_brackets_is_an_alias_and_the_short_form_names_the_same_entity() -> None:
    text = (
        "株式会社信州あおば銀行（以下「あおば銀行」という）と信州海外研究会（以下、「研究会」）は、"
        "Suwa Trade Center (hereinafter \"STC\") と協定を締結した。あおば銀行が事業費を負担し、"
        "STCが相談に応じる。本事業（以下「本プロジェクト」という）は3年間。"
    )
    proposals = run(text)
    banks = [p.entity for p in proposals.entities if p.entity.type is T.FINANCIAL_INSTITUTION]
    assert len(banks) == 1 and "あおば銀行" in banks[0].aliases
    found = names(proposals)
    assert "STC" in found["Suwa Trade Center"].aliases and "STC" not in found
    assert "本プロジェクト" not in found


def test_a_bracket_listing_several_names_in_the_other_script_lists_other_entities() -> None:
    found = names(run("Suwa Holdings Corporation（千曲精工、安曇野化成、上田モールド）が出資。"))
    assert "Suwa Holdings Corporation" in found
    assert not found["Suwa Holdings Corporation"].aliases


@pytest.mark.parametrize("heading", ["NEWSLETTER", "UPDATE: SUWA DESK ENTERS ITS THIRD YEAR", "EVENTS"])
def test_words_of_a_heading_in_capitals_are_no_organisations(heading: str) -> None:
    found = names(run(f"{heading}\n\nThe Suwa Trade Association (STA) opened a desk."))
    assert set(found) == {"Suwa Trade Association"}, found


def test_an_english_name_stays_on_its_line_and_two_names_joined_by_and_are_two() -> None:
    found = names(run("CONTACT\nShinshu Export Center, Nagano\n\nUeda City and Chikuma Shinkin Bank signed."))
    assert {"Shinshu Export Center", "Ueda City", "Chikuma Shinkin Bank"} <= set(found)
    assert not [name for name in found if "CONTACT" in name or " and " in name]


def test_capitals_that_are_mostly_small_letters_are_no_acronym() -> None:
    found = {c.name for c in candidates(Segment("The Hi-Tech zone and NAGANO-JV"))}
    assert "Hi-Tech" not in found


def test_a_peoples_committee_is_its_province_by_another_name() -> None:
    text = (
        "長野県はベトナム・フエ省人民委員会と覚書を締結した。フエ省人民委員会は企業を案内する。"
        "フエ省は港に近い。"
    )
    provinces = [p.entity for p in run(text).entities if "フエ" in p.entity.display_name]
    assert len(provinces) == 1 and provinces[0].name_ja == "フエ省"
    assert "フエ省人民委員会" in provinces[0].aliases
    assert relations(run(text)) >= {ordered("AGREEMENT_WITH", "長野県", "フエ省")}


def test_a_place_in_an_ordinary_word_is_no_mention() -> None:
    assert "日本" not in names(run("上田精密が日本式の技能指導を日本語で行う。"))


def test_a_body_and_its_place_in_the_name_of_its_office_are_not_proposed_apart() -> None:
    known = [
        Entity(id="jetro", type=T.GOVERNMENT_AGENCY, name_ja="日本貿易振興機構", aliases=["ジェトロ"]),
        Entity(id="ueda", type=T.MUNICIPALITY, name_ja="上田市", aliases=["上田"]),
    ]
    found = names(run("ジェトロ上田が千曲精工に助言した。", known))
    assert "ジェトロ上田" in found and "日本貿易振興機構" not in found and "上田市" not in found


def test_a_known_name_without_its_place_is_not_linked_to_another_places_namesake() -> None:
    known = [
        Entity(id="hue-desk", type=T.SUPPORT_CENTER, name_ja="ジャパンデスク（フエ省）",
               name_en="Hue Japan Desk", aliases=["ジャパンデスク", "Japan Desk", "フエ省ジャパンデスク"]),
    ]
    for text in ("ダナン市ジャパンデスクが開設された。", "ダナン市のジャパンデスクが企業を支援する。",
                 "The Da Nang Japan Desk opened."):
        assert not [p for p in run(text, known).entities if p.existing], text
    assert [p for p in run("フエ省にはジャパンデスクがある。", known).entities if p.existing]


ACTORS = [
    ("浜松市は浜松商工会議所と連携し、企業を支援する。", ("PARTNERS_WITH", "浜松市", "浜松商工会議所")),
    ("長野県と信州あおば銀行は、「信州フエ架け橋事業」を開始します。",
     ("IMPLEMENTS", "信州あおば銀行", "信州フエ架け橋事業")),
    ("長野県と信州あおば銀行は、「信州フエ架け橋事業」を開始します。",
     ("IMPLEMENTS", "長野県", "信州フエ架け橋事業")),
    ("信州海外研究会は、関東経済産業局から後援を受けます。",
     ("SUPPORTS", "関東経済産業局", "信州海外研究会")),
    ("「ぐんまフエ交流事業」の対象は県内企業です。", ("SERVES_AREA", "ぐんまフエ交流事業", "群馬県")),
]
"""A city or province that acts, and the ones joined to who acts, are actors."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("尼崎信用金庫が大田区産業振興協会を支援。", ("SUPPORTS", "尼崎信用金庫", "大田区産業振興協会")),
        ("近畿経済産業局を事務局とする「関西ベトナム経済交流会議」が発足。",
         ("SECRETARIAT_OF", "近畿経済産業局", "関西ベトナム経済交流会議")),
        ("近畿地域中小企業海外展開支援会議(事務局:近畿経済産業局)と連携。",
         ("SECRETARIAT_OF", "近畿経済産業局", "近畿地域中小企業海外展開支援会議")),
        ("ザ・サポート社がロンドウック工業団地に入居。",
         ("TENANT_OF", "ザ・サポート社", "ロンドウック工業団地")),
        ("HEPZA管轄のヒェップフォック工業団地。", ("OPERATES", "HEPZA", "ヒェップフォック工業団地")),
        ("大阪府によるドンナイ省ものづくり人材育成支援事業",
         ("IMPLEMENTS", "大阪府", "ドンナイ省ものづくり人材育成支援事業")),
        ("JETROが設置したジャパン・パビリオンを活用。",
         ("ESTABLISHED", "日本貿易振興機構", "ジャパン・パビリオン")),
        ("横浜ウォーター(株)(水道局が100%出資)", ("INVESTS_IN", "水道局", "横浜ウォーター")),
        ("ユニカ社がザ・サポート社と提携。", ("PARTNERS_WITH", "ザ・サポート社", "ユニカ社")),
        ("近畿経済産業局がベトナム商工省と協力文書を締結。",
         ("AGREEMENT_WITH", "ベトナム商工省", "近畿経済産業局")),
        ("ベトナム・ドンナイ省に進出。", ("LOCATED_IN", "ドンナイ省", "ベトナム")),
        ("関西ビジネスデスク(関西経済連合会)", ("OPERATES", "関西経済連合会", "関西ビジネスデスク")),
        *ACTORS,
    ],
)
def test_a_cue_or_a_form_gives_the_relation_type_and_the_particles_its_direction(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert ordered(*expected) in relations(run(text))


def test_a_cue_inside_a_relative_clause_does_not_bind_the_subject() -> None:
    found = relations(run("大阪府が尼崎信用金庫と連携し、ロンドウック工業団地に入居する企業を支援。"))
    assert ordered("PARTNERS_WITH", "大阪府", "尼崎信用金庫") in found
    assert not [r for r in found if r[0] == "TENANT_OF"]


def test_periods_and_stages_date_the_relations_that_stand_near_them() -> None:
    proposals = run("進出後の支援として、大阪府と太平洋人材交流センターが共同で実施(2014年6月~2017年3月)。")
    partners = relation(proposals, "大阪府", "太平洋人材交流センター")
    assert (partners.since, partners.until, partners.stage) == ("2014-06", "2017-03", Stage.POST_ENTRY.value)
    supported = run("ハノイ工業大学を日本貿易振興機構が支援(2010~13年)")
    project = relation(supported, "ハノイ工業大学", "日本貿易振興機構")
    assert (project.since, project.until) == ("2010", "2013")


def test_every_proposal_is_proposed_unsure_and_quoted_where_it_stands() -> None:
    text = (
        "はじめに\n\n• 近畿経済産業局がベトナム\n商工省と協力文書を締結。\n\n"
        "\uf06c 大阪のザ・サポート社\n（ベトナム共同進出支援）、ﾏﾈｰｼﾞｬｰ研修を実施（2012年～）"
    )
    document = Document.from_text("t", text)
    proposals = extract(document)
    assert proposals.relations and proposals.entities
    for proposal in proposals.relations:
        assert proposal.relation.status is Status.PROPOSED
        assert 0 < proposal.confidence < 1 and proposal.relation.confidence == proposal.confidence
    quoted = [e for p in proposals.relations for e in p.relation.evidence]
    quoted += [e for p in proposals.entities for e in p.evidence]
    for evidence in quoted:
        locator = LOCATOR.fullmatch(evidence.locator)
        assert locator is not None, evidence.locator
        first, last, start, end = (int(g) if g else None for g in locator.groups())
        assert (first, last or first) == (evidence.line_start, evidence.line_end)
        assert normalise(document.text[start:end]) == normalise(evidence.quote)
        assert document.locate(evidence.quote) is not None


def test_extraction_on_the_seed_document_meets_its_targets_with_the_annotation_hidden(
    seed_document: Document,
) -> None:
    reference = read_annotation(SEEDS / "curated" / f"{SEED_DOCUMENT_ID}.yaml", SEEDS / "documents")
    entities, relations_found = evaluate(extract(seed_document), reference)
    assert missed(figures(entities, relations_found)) == [], figures(entities, relations_found)


def test_binary_or_undecodable_input_is_refused_clearly(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Réunion à Hanoï".encode("latin-1"))
    with pytest.raises(DocumentError, match="binary content"):
        extract(Document.read(binary))
    with pytest.raises(DocumentError, match="not UTF-8"):
        extract(Document.read(latin1))


def test_strict_scores_count_duplicates_direction_and_the_best_of_a_pair() -> None:
    reference = Contribution(
        DocumentRecord("d", "d", ""),
        [Entity("sakai-center", EntityType.SUPPORT_CENTER, name_ja="堺市産業振興センター"),
         Entity("sakai-city", EntityType.MUNICIPALITY, name_ja="堺市"),
         Entity("bank", EntityType.FINANCIAL_INSTITUTION, name_ja="泉州みらい銀行")],
        [Relation("FUNDS", "sakai-city", "sakai-center"),
         Relation("PARTNERS_WITH", "bank", "sakai-center")])
    found = [Entity("c1", EntityType.SUPPORT_CENTER, name_ja="堺市産業振興センター"),
             Entity("c2", EntityType.SUPPORT_CENTER, name_ja="堺市産業振興センター本部"),  # a duplicate
             Entity("city", EntityType.MUNICIPALITY, name_ja="堺市"),
             Entity("b", EntityType.FINANCIAL_INSTITUTION, name_ja="泉州みらい銀行")]
    proposals = Proposals("d", [ProposedEntity(e, False, 0.9) for e in found], [
        ProposedRelation(Relation("FUNDS", "c1", "city"), 0.9),      # the wrong way round
        ProposedRelation(Relation("FUNDS", "city", "c1"), 0.6),      # right, not the best
        ProposedRelation(Relation("PARTNERS_WITH", "c1", "b"), 0.8),  # symmetric: right
        ProposedRelation(Relation("SUPPORTS", "b", "city"), 0.3),    # states nothing
    ])
    strict = strict_scores(proposals, reference)
    assert (strict.entities, strict.entities_distinct) == (4, 3)
    assert (strict.facts, strict.facts_best_right) == (2, 1)
    assert (strict.relations, strict.relations_right) == (4, 2)
    assert [(decile, count) for decile, _, _, count in strict.calibration] == [
        (0.3, 1), (0.6, 1), (0.8, 1), (0.9, 1)]


@pytest.mark.parametrize("kept_apart", ["extraction_dev", "extraction_heldout", "extraction_heldout2",
                                        "extraction_heldout3", "extraction_heldout4",
                                        "extraction_heldout5"])
def test_every_gold_annotation_of_the_extraction_sets_loads(kept_apart: str) -> None:
    folder = SEEDS.parent / "benchmarks" / kept_apart
    golds = sorted((folder / "gold").glob("*.yaml"))
    assert len(golds) >= 6
    for gold in golds:
        annotation = read_annotation(gold, folder / "documents")
        assert annotation.entities and annotation.relations, gold.name


def surest(proposals: Proposals, source: str, target: str) -> Relation:
    """The surest proposed relation between two named entities (either way round)."""
    found = names(proposals)
    ends = {found[source].id, found[target].id}
    return max(
        (p for p in proposals.relations if {p.relation.source, p.relation.target} == ends),
        key=lambda p: p.confidence,
    ).relation


def best(proposals: Proposals, source: str, target: str) -> tuple[str, str, str]:
    """(type, source name, target name) of the surest proposal between two named entities."""
    by_id = {p.entity.id: p.entity.display_name for p in proposals.entities}
    found = surest(proposals, source, target)
    return ordered(found.type, by_id[found.source], by_id[found.target])


def test_a_pair_gets_one_proposal_a_sentence_and_an_action_before_where_the_two_stand() -> None:
    proposals = run("北陸銀行は2019年に北陸銀行ハノイ駐在員事務所を開設した。")
    ends = {names(proposals)["北陸銀行"].id, names(proposals)["北陸銀行ハノイ駐在員事務所"].id}
    assert len([p for p in proposals.relations if {p.relation.source, p.relation.target} == ends]) == 1
    assert best(proposals, "北陸銀行", "北陸銀行ハノイ駐在員事務所") == (
        "ESTABLISHED", "北陸銀行", "北陸銀行ハノイ駐在員事務所")


PASSIVES = [
    ("「越中交流事業」は、富山県により2023年に設立されました。",
     ("ESTABLISHED", "富山県", "越中交流事業")),
    ("「越中交流事業」の運営は、一般社団法人越中海外研究会に委託されました。",
     ("OPERATES", "一般社団法人越中海外研究会", "越中交流事業")),
    ("越中海外研究会は、北陸経済産業局の支援を受けて説明会を開きます。",
     ("SUPPORTS", "北陸経済産業局", "越中海外研究会")),
    ("The Toyama Desk is run by the Toyama Overseas Business Association.",
     ("OPERATES", "Toyama Overseas Business Association", "Toyama Desk")),
    ("The Toyama Bridge Project was financed by Hokuriku Hikari Bank and Toyama Prefecture.",
     ("FUNDS", "Hokuriku Hikari Bank", "Toyama Bridge Project")),
    ("The Toyama Bridge Project was financed by Hokuriku Hikari Bank and Toyama Prefecture.",
     ("FUNDS", "富山県", "Toyama Bridge Project")),
    ("越中交流事業は富山県により設立され、運営は越中商工会議所に委託されました。",
     ("OPERATES", "越中商工会議所", "越中交流事業")),
    ("Tateyama Seiki Co., Ltd. received advice from JETRO Toyama on tariffs.",
     ("ADVISES", "JETRO Toyama", "Tateyama Seiki Co., Ltd.")),
    ("「越中交流事業」は、富山県により2024年度の新規施策として設立されました。",
     ("ESTABLISHED", "富山県", "越中交流事業")),
    ("The Toyama Business Center was established by Toyama Prefecture and the Hokuriku Hikari Bank.",
     ("ESTABLISHED", "Hokuriku Hikari Bank", "Toyama Business Center")),
]
"""A passive turns the direction: the giver acts upon the one the sentence is about."""
PARTICLES = [
    ("富山県と北陸第一銀行は、「越中交流事業」を設立した。",
     ("ESTABLISHED", "北陸第一銀行", "越中交流事業")),
    ("富山県と北陸第一銀行は、「越中交流事業」を設立した。",
     ("ESTABLISHED", "富山県", "越中交流事業")),
    ("越中海外研究会は、説明会の開催にあたり北陸経済産業局から後援を受ける。",
     ("SUPPORTS", "北陸経済産業局", "越中海外研究会")),
    ("高岡ものづくり協会は北陸第一銀行と連携する。",
     ("PARTNERS_WITH", "高岡ものづくり協会", "北陸第一銀行")),
    ("越中第一信用金庫は日本政策金融公庫と業務連携の覚書を結んでいる。",
     ("AGREEMENT_WITH", "越中第一信用金庫", "日本政策金融公庫")),
    ("富山高専とハノイ工業大学は、2025年度から共同研修を実施します。",
     ("PARTNERS_WITH", "富山高専", "ハノイ工業大学")),
    ("Toyama Bank supports the Toyama Desk.", ("SUPPORTS", "Toyama Bank", "Toyama Desk")),
    ("As a first step, Toyama University and the Takaoka School will exchange teachers.",
     ("PARTNERS_WITH", "Toyama University", "Takaoka School")),
    ("Toyama City and Hue City signed a friendship city agreement.",
     ("SISTER_CITY_OF", "Hue City", "Toyama City")),
    ("ゲアン省の省都ヴィン市に工場を置く。", ("LOCATED_IN", "ヴィン市", "ゲアン省")),
    ("Hue College signed a training agreement with the Toyama School.",
     ("AGREEMENT_WITH", "Hue College", "Toyama School")),
    ("Kurobe Seiki Ltd. (有限会社黒部精機) of Kurobe City received a loan.",
     ("LOCATED_IN", "有限会社黒部精機", "Kurobe City")),
]
"""The one marked by が or は acts, or the names an English sentence opens with; one marked by から
is no object; the last of English cue words in a row says what they state (a training agreement);
a place holds the city that is its seat, an English name is of the place after it."""


@pytest.mark.parametrize(("text", "expected"), PASSIVES + PARTICLES)
def test_the_stated_relation_is_the_best_proposal_of_its_pair(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert best(run(text), expected[1], expected[2]) == ordered(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("立山精工株式会社は富山市の企業です。同社は、タンロン工業団地に入居しました。",
         ("TENANT_OF", "立山精工", "タンロン工業団地")),
        ("高岡第一銀行は立山精工株式会社の取引先です。同行は、越中ハノイデスクに出資している。",
         ("INVESTS_IN", "高岡第一銀行", "越中ハノイデスク")),
        ("富山県は富山国際センターを設立し、北陸銀行と連携する。同センターは北陸銀行から融資を受ける。",
         ("FUNDS", "北陸銀行", "富山国際センター")),
        ("The Toyama Business Center opened in May. The Center is operated by Hokuriku Hikari Bank.",
         ("OPERATES", "Hokuriku Hikari Bank", "Toyama Business Center")),
        ("The Toyama Hanoi Bridge Programme started in May. Takaoka City joined the programme in June.",
         ("MEMBER_OF", "Takaoka City", "Toyama Hanoi Bridge Programme")),
        ("The Toyama Long An Desk opened in 2023 with help from JETRO. The desk was financed by "
         "Hokuriku Hikari Bank.", ("FUNDS", "Hokuriku Hikari Bank", "Toyama Long An Desk")),
        ("Tateyama Seiki leased a plant at Tan Long Industrial Park. The park is operated by "
         "Tan Long Land JSC.", ("OPERATES", "Tan Long Land JSC", "Tan Long Industrial Park")),
        ("The Toyama Business Center opened in May with help from JETRO. It is run by the Toyama "
         "Overseas Business Association.",
         ("OPERATES", "Toyama Overseas Business Association", "Toyama Business Center")),
    ],
)
def test_an_anaphor_stands_for_the_nearest_name_before_it_of_a_fitting_kind(
    text: str, expected: tuple[str, str, str]
) -> None:
    """同社, the Center, the desk (a common noun in small letters), or `It` opening a sentence:
    what the sentence before is about, not the last name it gave."""
    proposals = run(text)
    assert best(proposals, expected[1], expected[2]) == ordered(*expected)
    quote = surest(proposals, expected[1], expected[2]).evidence[0].quote
    assert re.search("同|the (?:Center|programme|desk|park)|^It ", quote, re.IGNORECASE)


def test_it_refers_to_nothing_when_no_sentence_before_names_a_body() -> None:
    found = run("It is run by the Toyama Overseas Business Association.")
    assert not [p for p in found.relations if p.relation.type == "OPERATES"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Toyama Overseas Business Association\nSecretariat c/o Hokuriku Hikari Bank",
     ("CO_LOCATED_WITH", "Hokuriku Hikari Bank", "Toyama Overseas Business Association")),
    ("The Toyama Overseas Business Association is the secretariat of the Toyama Hanoi Forum.",
     ("SECRETARIAT_OF", "Toyama Overseas Business Association", "Toyama Hanoi Forum")),
    ("Tan Long Industrial Park was developed by Tan Long Land JSC in 2019.",
     ("ESTABLISHED", "Tan Long Land JSC", "Tan Long Industrial Park")),
])
def test_english_words_for_an_address_a_secretariat_and_a_developer_state_their_relation(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert best(run(text), expected[1], expected[2]) == ordered(*expected)


def test_a_known_prefecture_of_the_reference_places_acts_and_holds_its_departments() -> None:
    """The reference places name prefectures and cities as places; a document's prefecture
    sets things up, and its department is part of it (as for one extraction finds itself)."""
    toyama = Entity("toyama-pref", T.PLACE, name_ja="富山県", name_en="Toyama Prefecture",
                    country="JP")
    found = run("富山県 商工労働部\n\n富山県は越中ハノイデスクを設立しました。", [toyama])
    assert best(found, "富山県", "越中ハノイデスク") == ("ESTABLISHED", "富山県", "越中ハノイデスク")
    assert best(found, "富山県商工労働部", "富山県") == ("PART_OF", "富山県商工労働部", "富山県")


def test_an_anaphor_refers_to_a_name_ending_with_its_head_or_of_the_type_it_names() -> None:
    bank = Entity("bank", T.FINANCIAL_INSTITUTION, name_ja="北陸第一銀行")
    firm = Entity("firm", T.FIRM, name_ja="立山精工")
    group = Entity("group", T.NPO, name_ja="越中海外研究会")
    programme = Entity("programme", T.PROGRAM, name_ja="越中交流事業")
    entities = {e.id: e for e in (bank, firm, group, programme)}
    recent = ["programme", "group", "bank", "firm"]
    found = anaphors(Segment("同行と同社と同研究会、本社、共同事業"), [], recent, entities)
    assert [(m.entity, m.start, m.end) for m in found] == [("bank", 0, 2), ("firm", 3, 5), ("group", 6, 10)]
    assert anaphors(Segment("同社は"), [], ["bank"], entities) == []
    heading = Segment("参加企業本事業には", line_starts=[0, 4])
    assert [m.entity for m in anaphors(heading, [], recent, entities)] == ["programme"]


@pytest.mark.parametrize(
    "table",
    [
        "役割 機関名 所在地\n事業主体 富山県 富山市\n運営受託 一般社団法人越中海外研究会 富山市\n"
        "資金協力 北陸第一銀行 高岡市",
        "役割\n機関名\n所在地\n事業主体\n富山県\n富山市\n運営受託\n一般社団法人越中海外研究会\n富山市\n"
        "資金協力\n北陸第一銀行\n高岡市",
        "・「とやま補助金」の申請\n・「とやま補助金」の報告\n・「とやま補助金」の監査\n\n"
        "役割 機関名 所在地\n事業主体 富山県 富山市\n運営受託 一般社団法人越中海外研究会 富山市\n"
        "資金協力 北陸第一銀行 高岡市",
    ],
)
def test_a_table_row_relates_its_body_to_the_programme_as_its_role_says(table: str) -> None:
    text = f"富山ハノイ交流プロジェクト\n\n■ 概要\n・富山ハノイ交流プロジェクトの体制\n\n{table}\n\n以上"
    found = run(text)
    programme = "富山ハノイ交流プロジェクト"
    assert best(found, "富山県", programme) == ("IMPLEMENTS", "富山県", programme)
    assert best(found, "一般社団法人越中海外研究会", programme) == (
        "OPERATES", "一般社団法人越中海外研究会", programme)
    assert best(found, "北陸第一銀行", programme) == ("FUNDS", "北陸第一銀行", programme)


@pytest.mark.parametrize("sentence", [
    "第1期の参加企業として、呉市の株式会社瀬戸精工と尾道市の有限会社向島モールドの2社が決定しました。",
    "The participating firms are Seto Seiko Co., Ltd. and Mukaishima Mold Ltd.",
])
def test_firms_named_as_participants_are_members_of_the_programme(sentence: str) -> None:
    text = ("せとうちダナン人材交流プロジェクトを開始します\n\n"
            f"広島県は本日、事業の概要を発表しました。\n{sentence}")
    assert_members(run(text), ("瀬戸精工", "Seto Seiko", "向島モールド", "Mukaishima"),
                   "せとうちダナン人材交流プロジェクト")


def test_an_english_place_written_inside_the_next_is_located_in_it() -> None:
    found = run("The desk opened an office in Khon Kaen Province, Thailand. Welders are trained in "
                "Vinh Phuc Province in Vietnam. Chonburi Province, Rayong Province and Vietnam, "
                "Thailand were visited.")
    located = {(r[1], r[2]) for r in relations(found) if r[0] == "LOCATED_IN"}
    assert ("Khon Kaen Province", "タイ") in located
    assert ("Vinh Phuc Province", "ベトナム") in located
    assert not {("Chonburi Province", "Rayong Province"), ("ベトナム", "タイ")} & located


@pytest.mark.parametrize("text", [
    "Uruma Tech Ltd. and Ryukyu Minato Bank are both members of the Okinawa Mekong Study Group.",
    "有限会社うるまテック（うるま市） - 沖縄メコン研究会の会員\n"
    "琉球みなと銀行（那覇市） - 沖縄メコン研究会の会員",
])
def test_the_members_a_sentence_or_bullet_names_belong_to_the_group(text: str) -> None:
    found = run(text)
    group = next(n for n in names(found) if "Study Group" in n or n.endswith("研究会"))
    assert_members(found, ("Uruma", "うるまテック", "Minato", "みなと銀行"), group)


def assert_members(found: Proposals, words: tuple[str, ...], group: str) -> None:
    """The two entities whose names hold one of the words are members of the group, as their
    pair's best proposal."""
    members = [n for n in names(found) if any(word in n for word in words)]
    assert len(members) == 2, members
    for member in members:
        assert best(found, member, group) == ("MEMBER_OF", member, group)


def test_firms_named_without_a_word_for_participants_are_not_made_members() -> None:
    found = run("せとうちダナン人材交流プロジェクトを開始します\n\n"
                "広島県は本日、事業の概要を発表しました。\n呉市の株式会社瀬戸精工は創業50年です。")
    assert ("MEMBER_OF", "瀬戸精工", "せとうちダナン人材交流プロジェクト") not in relations(found)


def test_a_document_of_one_page_has_no_title_over_its_sentences_nor_neighbours() -> None:
    found = run(
        "報道発表資料\n富山県\n\n立山精工株式会社がタンロン工業団地に入居します。\n高岡第一銀行が説明会を開催します。"
    )
    pairs = {frozenset((r[1], r[2])) for r in relations(found)}
    assert frozenset(("立山精工", "タンロン工業団地")) in pairs
    assert not {frozenset(("富山県", "立山精工")), frozenset(("タンロン工業団地", "高岡第一銀行"))} & pairs


def confidences(proposals: Proposals) -> dict[tuple[str, str, str], float]:
    """How sure each proposal is, by (type, source name, target name)."""
    by_id = {p.entity.id: p.entity.display_name for p in proposals.entities}
    return {
        (p.relation.type, by_id[p.relation.source], by_id[p.relation.target]): p.confidence
        for p in proposals.relations
    }


def test_confidence_ranks_a_cue_over_a_place_in_a_name_and_over_names_merely_together() -> None:
    confidence = confidences(run("富山県は北陸第一銀行と連携し、高岡市の立山精工株式会社を支援する。"))
    assert confidence[("PARTNERS_WITH", "富山県", "北陸第一銀行")] > confidence[
        ("LOCATED_IN", "北陸第一銀行", "高岡市")]
    guessed = confidence[("SUPPORTS", "北陸第一銀行", "立山精工")]
    assert confidence[("SUPPORTS", "富山県", "立山精工")] > guessed
    office = "北陸銀行ハノイ駐在員事務所"
    confidence = confidences(run(f"北陸銀行は2019年に{office}を開設した。"))
    assert confidence[("ESTABLISHED", "北陸銀行", office)] > confidence[("LOCATED_IN", office, "北陸")]


def test_a_place_written_before_a_programme_is_the_area_it_serves() -> None:
    found = run("富山県・ハノイ交流プロジェクトの概要")
    programme = "ハノイ交流プロジェクト"
    assert best(found, "富山県", programme) == ("SERVES_AREA", programme, "富山県")


def test_words_that_hold_a_cue_word_but_state_nothing_are_no_cue() -> None:
    found = relations(run("富山県は本事業を「とやま海外戦略」の重点事業に位置づけています。"))
    assert not [r for r in found if r[0] == "LOCATED_IN"]


def test_a_name_alone_on_a_bullet_is_the_topic_of_the_bullets_under_it_and_the_one_marked_acts() -> None:
    desk, group, park, firm = "越中ハノイデスク", "越中海外研究会", "タンロン工業団地", "立山精工"
    found = run(f"■ 現地拠点\n・{desk}\n　- {group}が運営\n・{park}\n　- 株式会社{firm}が入居")
    assert best(found, group, desk) == ("OPERATES", group, desk)
    assert best(found, firm, park) == ("TENANT_OF", firm, park)


@pytest.mark.parametrize(
    ("text", "name", "fragment"),
    [
        ("2024年6月、208インダストリアルパークに入居", "208インダストリアルパーク", "インダストリアルパーク"),
        ("現地の造船会社ハイフォン造船株式会社を視察", "ハイフォン造船", "造船会社ハイフォン造船"),
        ("対象地域:長野市、津市", "津市", "長野市、津市"),
        ("ベトナム北中部のゲアン省", "ベトナム北中部", "北中部"),
        ("株式会社信州みらい銀行\n上田市\n事務局", "上田市", "銀行上田市"),
    ],
)
def test_a_name_starts_where_it_starts_not_in_the_word_or_cell_before_it(
    text: str, name: str, fragment: str
) -> None:
    found = names(run(text))
    assert name in found and fragment not in found, list(found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("信州商工会議所 国際ビジネス課(長野県長野市)", "国際ビジネス課"),
        ("株式会社信州あおば銀行 国際部 海外サポートグループ", "海外サポートグループ"),
        ("信州あおば銀行 タイ進出支援セミナー", "タイ進出支援"),
        ("「しなの・ハノイ ものづくり協働センター」を開設", "ものづくり協働センター"),
        ("a member of the Minami-Kyushu Machinery Cooperative", "九州"),
        ("国際協力機構北陸センター(JICA北陸)が支援", "国際協力機構"),
        ("The work is financed by JICA Hokuriku (JICA北陸).", "北陸"),
        ("役割\n機関名\n所在地\n事業主体\n長野県", "所在地事業"),
    ],
)
def test_a_section_a_fragment_or_an_offices_body_and_place_is_no_entity(text: str, absent: str) -> None:
    assert absent not in names(run(text))


def named(proposals: Proposals, name: str) -> Entity:
    """The proposed entity one of whose names is `name`."""
    return next(
        p.entity for p in proposals.entities
        if name in (p.entity.name_ja, p.entity.name_en, *p.entity.aliases)
    )


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Issued by the Toyama Asia Business Support Center\n\n発行:富山アジアビジネス支援センター",
         "Toyama Asia Business Support Center", "富山アジアビジネス支援センター"),
        ("The Center is based in Kofu City.\n当センターは甲府市にあります。", "Kofu City", "甲府市"),
        ("一般社団法人信州海外研究会が発足。信州海外研究会は会員を募る。",
         "一般社団法人信州海外研究会", "信州海外研究会"),
        ("Members: Chikuma Tech Ltd. (有限会社ちくまテック, Ueda City)",
         "Chikuma Tech Ltd.", "有限会社ちくまテック"),
        ("The Toyama Desk in Hanoi (富山県ハノイ・デスク) opened.\nThe Toyama Desk advises firms.",
         "富山県ハノイ・デスク", "Toyama Desk"),
        ("The work is financed by JICA Hokuriku (JICA北陸).", "JICA Hokuriku", "JICA北陸"),
        ("三重県立桑名高等技術学校が指導。\n桑名高等技術学校が受け入れる。",
         "三重県立桑名高等技術学校", "桑名高等技術学校"),
        ("・信州あおば銀行の支援\n・信州あおば銀行ハノイ・デスク\n④ ハノイ・デスクによる現地アテンド",
         "信州あおば銀行ハノイ・デスク", "ハノイ・デスク"),
        ("The Quang Tri Provincial People's Committee signed it. Quang Tri Province will host.",
         "Quang Tri Province", "Quang Tri Provincial People's Committee"),
    ],
)
def test_two_forms_of_one_organisation_are_one_entity(text: str, first: str, second: str) -> None:
    proposals = run(text)
    assert named(proposals, first).id == named(proposals, second).id


def test_a_city_is_not_its_prefecture_of_the_same_name() -> None:
    proposals = run("Toyama Prefecture and Toyama City signed an agreement.")
    assert named(proposals, "Toyama Prefecture").id != named(proposals, "Toyama City").id


@pytest.mark.parametrize(
    ("bullets", "expected"),
    [
        ("■ 関係団体\n□ 越中機械協同組合\n　- 事務局：越中中央信用金庫 地域振興部",
         ("SECRETARIAT_OF", "越中中央信用金庫", "越中機械協同組合")),
        ("■ 関係団体\n□ 越中機械協同組合\n　- 組合員：有限会社立山ギア（富山市）、株式会社剱精機（高岡市）",
         ("MEMBER_OF", "剱精機", "越中機械協同組合")),
    ],
)
def test_a_role_label_on_a_bullet_relates_the_names_after_it_to_the_topic(
    bullets: str, expected: tuple[str, str, str]
) -> None:
    assert best(run(bullets), expected[1], expected[2]) == ordered(*expected)


def test_a_guess_gives_way_to_a_surer_proposal_of_its_pair() -> None:
    proposals = run("北陸銀行は昨年、高岡市で説明会を開いた。\n北陸銀行は高岡市と協定を締結した。")
    ends = {names(proposals)["北陸銀行"].id, names(proposals)["高岡市"].id}
    kinds = {p.relation.type for p in proposals.relations if {p.relation.source, p.relation.target} == ends}
    assert kinds == {"AGREEMENT_WITH"}


def test_a_city_named_from_its_prefectures_stem_is_a_city_of_its_own() -> None:
    found = names(run("静岡市は静岡県と連携し、説明会を開催します。"))
    assert {"静岡市", "静岡県"} <= set(found)


def test_a_table_row_joining_two_roles_states_both() -> None:
    text = "越中ハノイ交流プロジェクト\n\n役割 機関名 所在地\n事業主体・資金 富山県 富山市\n\n以上"
    kinds = {r[0] for r in relations(run(text)) if r[1] == "富山県" and r[2] == "越中ハノイ交流プロジェクト"}
    assert kinds == {"FUNDS", "IMPLEMENTS"}


def test_a_place_closing_a_table_row_is_where_its_body_stands() -> None:
    text = "越中ハノイ交流プロジェクト\n\n役割 機関名 所在地\n資金協力 北陸第一銀行 高岡市\n\n以上"
    assert best(run(text), "北陸第一銀行", "高岡市") == ("LOCATED_IN", "北陸第一銀行", "高岡市")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("参加企業には、射水市の有限会社立山ギアが選ばれました。", ("LOCATED_IN", "立山ギア", "射水市")),
        ("ベトナムの大手商業銀行であるメコン第一銀行と提携しました。",
         ("LOCATED_IN", "メコン第一銀行", "ベトナム")),
    ],
)
def test_a_place_before_a_firm_its_legal_form_or_description_is_where_it_stands(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert best(run(text), expected[1], expected[2]) == expected


def test_a_common_noun_describing_a_name_is_no_entity() -> None:
    found = names(run("富山県の公立訓練校である越中技術短期大学が研修を行います。"))
    assert "越中技術短期大学" in found and "公立訓練校" not in found


def test_a_firm_that_moves_in_is_a_tenant_of_the_park() -> None:
    found = run("株式会社立山ギアは、2026年にタンロン工業団地へ入居する予定です。")
    assert best(found, "立山ギア", "タンロン工業団地") == ("TENANT_OF", "立山ギア", "タンロン工業団地")


@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        ("越中機械協同組合の組合員企業である有限会社立山ギアと株式会社剱精機が研修を受けます。",
         "剱精機", "越中機械協同組合"),
        ("有限会社立山ギアも、越中機械協同組合の組合員です。", "立山ギア", "越中機械協同組合"),
    ],
)
def test_a_word_for_members_says_who_belongs_to_which_body(text: str, member: str, group: str) -> None:
    assert best(run(text), member, group) == ("MEMBER_OF", member, group)


def test_names_listed_side_by_side_are_not_guessed_to_relate() -> None:
    found = relations(run("北陸第一銀行は、有限会社立山ギアと株式会社剱精機の進出を支援します。"))
    assert not [r for r in found if {r[1], r[2]} == {"立山ギア", "剱精機"}]


def test_capital_words_of_a_masthead_or_a_label_are_no_acronyms() -> None:
    found = {c.name for c in candidates(Segment("TOYAMA GLOBAL UPDATE ／ 通信", line_starts=[0]))}
    found |= {c.name for c in candidates(Segment("NEWSLETTER No. 3 | May 2025"))}
    found |= {c.name for c in candidates(Segment("担当:山田 TEL:076-000-0000"))}
    assert not found & {"TOYAMA", "GLOBAL", "UPDATE", "NEWSLETTER", "TEL"}


def test_a_word_opening_with_dou_refers_back_and_names_nothing() -> None:
    found = names(run("北陸第一銀行はハノイに駐在員事務所を開設した。同駐在員事務所は相談に応じる。"))
    assert "同駐在員事務所" not in found


def test_an_anaphor_defined_for_a_name_stands_for_it_throughout() -> None:
    found = run("株式会社北陸第一銀行（以下「当行」という）は、越中銀行と提携しました。"
                "当行は、射水市と協定を締結しました。")
    bank = "株式会社北陸第一銀行"
    assert best(found, bank, "射水市") == ordered("AGREEMENT_WITH", bank, "射水市")


def test_a_general_cue_does_not_make_a_country_a_party() -> None:
    found = relations(run("北陸第一銀行は、タイへの進出を支援します。"))
    assert ("SUPPORTS", "北陸第一銀行", "タイ") not in found
