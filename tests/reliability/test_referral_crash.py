"""Referrals survive a crash: an API killed with SIGKILL while status changes pour in loses
none it acknowledged; on Neo4j a second API process, with a data directory of its own, sees
the same referrals."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.support.neo4j_servers import Neo4jServers
from tests.support.processes import ApiProcess
from tests.support.referrals import FIRM
from tests.support.targets import Target
from tsunagari.api.auth import Role, TokenStore
from tsunagari.graph.neo4j import Neo4jStore

pytestmark = pytest.mark.slow
STEPS = ("accepted", "in_progress", "helped")


def _desk_tokens(target: Target, data_dir: Path) -> dict[str, str]:
    store = target.open()
    tokens = TokenStore(data_dir / "tokens.sqlite3")
    try:
        return {org: tokens.create(f"desk-{org}", Role.DESK, store.entity(org))
                for org in ("mobio", "jetro")}
    finally:
        tokens.close()
        store.close()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _refer_and_close(url: str, tokens: dict[str, str], acknowledged: dict[str, int],
                     stop: threading.Event) -> None:
    """Send referrals and take each through its statuses, noting every version the API
    acknowledged, until told to stop or the server is gone."""
    with httpx.Client(base_url=url, timeout=10) as client:
        while not stop.is_set():
            try:
                sent = client.post("/v1/referrals", headers=_auth(tokens["mobio"]),
                                   json={"to": "jetro", "firm": FIRM, "consent": True})
                if sent.status_code != 201:
                    continue
                referral = sent.json()["id"]
                acknowledged[referral] = 1
                for step in STEPS:
                    changed = client.patch(f"/v1/referrals/{referral}", json={"status": step},
                                           headers=_auth(tokens["jetro"]))
                    if changed.status_code != 200:
                        break
                    acknowledged[referral] = changed.json()["version"]
            except httpx.TransportError:
                return


def test_no_acknowledged_status_change_is_lost_to_sigkill(target: Target, tmp_path: Path) -> None:
    target.seed()
    tokens = _desk_tokens(target, target.data_dir)
    acknowledged: dict[str, int] = {}
    stop = threading.Event()
    api = ApiProcess(target.env(), tmp_path / "api.log").start()
    writer = threading.Thread(target=_refer_and_close,
                              args=(api.url, tokens, acknowledged, stop))
    writer.start()
    deadline = time.monotonic() + 120
    while sum(acknowledged.values()) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    api.kill()
    stop.set()
    writer.join(30)
    assert sum(acknowledged.values()) >= 40, api.tail()
    with ApiProcess(target.env(), tmp_path / "restarted.log") as restarted, httpx.Client(
            base_url=restarted.url, timeout=30) as client:
        for referral, version in acknowledged.items():
            stored = client.get(f"/v1/referrals/{referral}", headers=_auth(tokens["jetro"]))
            assert stored.status_code == 200, (referral, stored.text)
            assert stored.json()["version"] >= version
            statuses = [change["status"] for change in stored.json()["history"]]
            assert statuses == ["sent", *STEPS][:len(statuses)]


def test_api_processes_on_one_neo4j_share_referrals(
        neo4j_servers: Neo4jServers, scratch_neo4j: Neo4jStore, tmp_path: Path) -> None:
    target = Target("neo4j", tmp_path / "first", neo4j_servers.scratch_uri)
    target.seed()
    other = Target(target.backend, tmp_path / "other", target.neo4j_uri)
    other.data_dir.mkdir(parents=True)
    tokens, other_tokens = _desk_tokens(target, target.data_dir), _desk_tokens(other, other.data_dir)
    with ApiProcess(target.env(), tmp_path / "first.log") as first, ApiProcess(
            other.env(), tmp_path / "second.log") as second, httpx.Client() as client:
        sent = client.post(f"{first.url}/v1/referrals", headers=_auth(tokens["mobio"]),
                           json={"to": "jetro", "firm": FIRM, "consent": True})
        assert sent.status_code == 201
        inbox = client.get(f"{second.url}/v1/referrals", params={"box": "received"},
                           headers=_auth(other_tokens["jetro"])).json()["referrals"]
        assert [r["id"] for r in inbox] == [sent.json()["id"]]
        accepted = client.patch(f"{second.url}/v1/referrals/{sent.json()['id']}",
                                json={"status": "accepted"}, headers={
                                    **_auth(other_tokens["jetro"]), "If-Match": '"1"'})
        assert accepted.status_code == 200
        seen = client.get(f"{first.url}/v1/referrals/{sent.json()['id']}",
                          headers=_auth(tokens["mobio"])).json()
        assert seen["status"] == "accepted" and seen["version"] == 2
