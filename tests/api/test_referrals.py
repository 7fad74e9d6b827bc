"""Closed-loop referrals over HTTP on both stores: sent, seen, accepted and closed with an
outcome the sender sees; private to the two organisations; overdue on the follow-up clock;
outcomes ranking the routes that worked, and changing nothing while there are none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.referrals import FIRM, ReferralDesk, referral_desk
from tsunagari.api.auth import Role, TokenStore
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore


@pytest.fixture
def desk(empty_store: GraphStore, tmp_path: Path) -> Iterator[ReferralDesk]:
    with referral_desk(empty_store, tmp_path) as made:
        yield made


def test_a_referral_goes_round_the_loop(desk: ReferralDesk) -> None:
    sent = desk.send(note="旋盤加工のベトナム進出。ホーチミン周辺の工業団地を希望。",
                     chain=["mobio", "osaka-pref", "jetro"])
    assert sent.status_code == 201, sent.text
    referral = sent.json()
    assert sent.headers["Location"] == f"/v1/referrals/{referral['id']}"
    assert sent.headers["ETag"] == '"1"'
    assert (referral["status"], referral["sender"]["id"], referral["receiver"]["id"]) == (
        "sent", "mobio", "jetro")
    assert referral["next"] == ["withdrawn"]
    received = desk.box("receiver", "received")
    assert [r["id"] for r in received] == [referral["id"]]
    assert received[0]["firm"] == FIRM and received[0]["next"] == ["accepted", "declined"]
    for status, version in (("accepted", 1), ("in_progress", 2)):
        desk.clock.advance(1)
        changed = desk.patch("receiver", referral["id"], status, version)
        assert changed.status_code == 200, changed.text
        assert changed.headers["ETag"] == f'"{version + 1}"'
    closed = desk.patch("receiver", referral["id"], "helped", note="現地の工業団地を3件紹介した。")
    assert closed.json()["status"] == "helped" and closed.json()["next"] == []
    outbox = desk.box("sender", "sent")
    assert outbox[0]["status"] == "helped"
    history = outbox[0]["history"]
    assert [h["status"] for h in history] == ["sent", "accepted", "in_progress", "helped"]
    assert [h["organisation"] for h in history] == ["mobio", "jetro", "jetro", "jetro"]
    assert history[-1]["by"] == "desk-jetro" and history[-1]["note"].startswith("現地の")
    assert history[0]["at"] < history[1]["at"] < history[2]["at"]


def test_only_the_two_organisations_see_a_referral(desk: ReferralDesk) -> None:
    referral = desk.send().json()
    path = f"/v1/referrals/{referral['id']}"
    for who in ("sender", "receiver", "admin"):
        assert desk.client.get(path, headers=desk.auth(who)).json()["firm"] == FIRM
    hidden = desk.client.get(path, headers=desk.auth("other"))
    missing = desk.client.get("/v1/referrals/ref-0000000000000000", headers=desk.auth("other"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(referral["id"], "X") == missing.json()[
        "detail"].replace("ref-0000000000000000", "X")
    assert desk.patch("other", referral["id"], "accepted").status_code == 404
    assert desk.box("other", "received") == [] and desk.box("other", "sent") == []
    assert desk.client.get(path).status_code == 401
    assert desk.client.post("/v1/referrals", json={}).status_code == 401
    orphan = desk.send("no-org")
    assert orphan.status_code == 403 and "organisation" in orphan.json()["detail"]


def test_refusals_and_their_statuses(desk: ReferralDesk) -> None:
    no_consent = desk.send(consent=False)
    assert no_consent.status_code == 422 and "consent" in no_consent.json()["detail"]
    assert "同意" in no_consent.json()["messages"]["ja"]
    assert desk.send(to="osaka-pref", service="no-such-service").status_code == 422
    assert desk.send(to="mobio").status_code == 422  # itself
    assert desk.send(to="dong-nai-kansai-desk", chain=["mobio", "jetro"]).status_code == 422
    referral = desk.send().json()
    assert desk.patch("sender", referral["id"], "accepted").status_code == 409
    assert desk.patch("receiver", referral["id"], "helped").status_code == 409
    assert desk.patch("receiver", referral["id"], "declined").status_code == 422  # no reason
    assert desk.patch("receiver", referral["id"], "accepted", version=1).status_code == 200
    stale = desk.patch("receiver", referral["id"], "in_progress", version=1)
    assert stale.status_code == 412 and "version 2" in stale.json()["detail"]
    withdrawn = desk.patch("sender", referral["id"], "withdrawn", version=2)
    assert withdrawn.json()["status"] == "withdrawn"
    late = desk.patch("receiver", referral["id"], "helped")
    assert late.status_code == 409 and "withdrawn" in late.json()["detail"]


def test_the_firm_appears_in_no_public_answer_log_or_error(desk: ReferralDesk) -> None:
    referral = desk.send().json()
    desk.client.get(f"/v1/referrals/{referral['id']}", headers=desk.auth("receiver"))
    desk.patch("receiver", referral["id"], "declined", reason="対象外の業種")
    too_long = desk.send(firm={**FIRM, "sector": FIRM["name"] * 40})
    assert too_long.status_code == 422
    bad_note = desk.send(note=FIRM["name"] * 300)
    assert bad_note.status_code == 422
    public = [desk.client.get(path, params=params) for path, params in (
        ("/v1/search", {"q": FIRM["name"]}), ("/v1/search", {"q": "テスト精工"}),
        ("/v1/ask", {"q": "東大阪の機械加工の会社をベトナムにつなぐには？"}),
        ("/v1/hubs", {}), ("/v1/graph", {}), ("/v1/referrals/stats", {}),
        ("/hsds/organizations", {"search": "テスト"}), ("/v1/documents", {}))]
    audit = desk.client.get("/v1/audit", params={"limit": 100}, headers=desk.auth("admin"))
    actions = [entry["action"] for entry in audit.json()["entries"]]
    assert {"referral-sent", "referral-read", "referral-status"} <= set(actions)
    for answer in [*public, audit, too_long, bad_note]:
        for secret in (FIRM["name"], "テスト精工", FIRM["contact"]):
            assert secret not in answer.text, answer.url
    for log in desk.data_dir.glob("*.log"):
        assert FIRM["name"] not in log.read_text(encoding="utf-8", errors="replace")


def test_an_unanswered_referral_becomes_overdue_in_both_boxes(desk: ReferralDesk) -> None:
    referral = desk.send().json()
    desk.clock.advance(3)  # Monday to Thursday: three business days
    assert desk.box("sender", "overdue") == []
    desk.clock.advance(1)  # Friday: four
    for who in ("sender", "receiver"):
        overdue = desk.box(who, "overdue")
        assert [r["id"] for r in overdue] == [referral["id"]] and overdue[0]["overdue"]
        assert "mobio" in overdue[0]["history"][0]["organisation"]
        assert overdue[0]["follow_up"]["ja"].endswith("へ電話で確認してください。")
        assert "call" in overdue[0]["follow_up"]["en"]
    later = desk.send().json()
    received = desk.box("receiver", "received")
    assert [r["id"] for r in received] == [referral["id"], later["id"]]  # overdue first
    desk.patch("receiver", referral["id"], "accepted")
    assert desk.box("receiver", "overdue") == []


def _chains(desk: ReferralDesk) -> list[dict[str, Any]]:
    answer = desk.client.get("/v1/connect", params={"from": "kobe-city", "to": "vietnam"})
    return list(answer.json()["chains"])


def _route(chain: dict[str, Any]) -> list[str]:
    return [step["entity"]["id"] for step in chain["steps"]]


def test_a_route_that_worked_ranks_first_and_none_changes_nothing(desk: ReferralDesk) -> None:
    before = _chains(desk)
    asked = desk.client.get("/v1/ask", params={"q": "神戸の会社をベトナムにつなぐには？"}).json()
    tied = [c for c in before if c["score"] == before[0]["score"]]
    assert len(tied) >= 2 and all(c["referrals"] is None for c in before)
    twin = tied[-1]
    sender, receiver = _route(twin)[0], _route(twin)[-1]
    tokens = TokenStore(Settings(data_dir=desk.data_dir).tokens_path)
    desk.tokens["route-sender"] = tokens.create("desk-route", Role.DESK, desk.store.entity(sender))
    tokens.close()
    withdrawn = desk.send("route-sender", to=receiver, chain=_route(twin)).json()
    desk.patch("route-sender", withdrawn["id"], "withdrawn")
    assert _chains(desk) == before  # a withdrawn referral counts for nothing
    assert desk.client.get("/v1/ask", params={"q": "神戸の会社をベトナムにつなぐには？"}).json() == asked
    referral = desk.send("route-sender", to=receiver, chain=_route(twin)).json()
    for status in ("accepted", "helped"):
        assert desk.patch("admin", referral["id"], status).status_code == 200
    after = _chains(desk)
    assert _route(after[0]) == _route(twin) and after[0]["score"] > twin["score"]
    assert after[0]["referrals"] == {"referrals": 1, "closed": 1, "helped": 1}
    assert after[0]["score"] <= twin["score"] * 1.25
    stats = desk.client.get("/v1/referrals/stats").json()
    assert stats["total"] == 2 and stats["by_route"][0]["route"] == _route(twin)
    assert {"id": receiver, "referrals": 1, "closed": 1, "helped": 1} in stats["by_receiver"]
