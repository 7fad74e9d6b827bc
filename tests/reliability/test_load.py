"""Sixty seconds of 64 concurrent clients on loopback, against each store, while a staff
writer edits: no errors but queries shed (503 when one cannot start within its budget),
every read answered still right, every write kept. Figures are printed."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.support.processes import ApiProcess, figures, loadgen
from tests.support.targets import Target

pytestmark = pytest.mark.slow

CLIENTS = 64
SECONDS = 60.0
CONNECT = "/v1/connect?from=Osaka&to=" + quote("Dong Nai")
HUBS = "/v1/hubs?metric=betweenness&limit=5"
WRITE_PAUSE = 0.25
"""Seconds between two edits of the writer."""
WARM_UP = 5


def read_specs(client: httpx.Client) -> list[dict[str, Any]]:
    """The reads of the load, each with what its answer must contain: fixed facts of the
    seed graph, and the answers the server gave before the load (the writer's edits touch
    none of them)."""
    entity = client.get("/v1/entities/jetro").raise_for_status().text
    for _ in range(WARM_UP):  # a new process plans and caches on its first queries
        connection = client.get(CONNECT).raise_for_status().json()
        if connection["complete"]:
            break
    assert connection["complete"] and connection["chains"]
    best = json.dumps(connection["chains"][0]["explanation"], ensure_ascii=False,
                      separators=(",", ":"))
    hub = client.get(HUBS).raise_for_status().json()["hubs"][0]["entity"]["id"]
    return [
        {"kind": "search", "path": "/v1/search?q=JETRO", "weight": 3,
         "expect_contains": '{"results":[{"id":"jetro",'},
        {"kind": "search", "path": "/v1/search?q=" + quote("ドンナイ"), "weight": 2,
         "expect_contains": '{"results":[{"id":"dong-nai",'},
        {"kind": "entity", "path": "/v1/entities/jetro", "weight": 3, "expect_contains": entity},
        {"kind": "connect", "path": CONNECT, "weight": 2, "expect_contains": best},
        {"kind": "hubs", "path": HUBS, "weight": 1,
         "expect_contains": f'{{"metric":"betweenness","hubs":[{{"entity":{{"id":"{hub}",'},
    ]


class StaffWriter(threading.Thread):
    """Creates pairs of entities and a relation between them, and reads each back."""

    def __init__(self, url: str, token: str) -> None:
        super().__init__()
        self.client = httpx.Client(base_url=url, timeout=60,
                                   headers={"Authorization": f"Bearer {token}"})
        self.stopping = threading.Event()
        self.written: list[str] = []
        self.failures: list[str] = []

    def run(self) -> None:
        source = {"source": "load test"}
        with self.client:
            while not self.stopping.wait(WRITE_PAUSE):
                pair = [f"load-{len(self.written)}-{end}" for end in ("a", "b")]
                answers = [self.client.put(f"/v1/entities/{e}", json={
                    "type": "NPO", "name_ja": f"負荷試験{e}", **source}) for e in pair]
                answers.append(self.client.post("/v1/relations", json={
                    "type": "PARTNERS_WITH", "from": pair[0], "to": pair[1], **source}))
                read = self.client.get(f"/v1/entities/{pair[0]}")
                answers.append(read)
                self.failures += [f"{a.request.method} {a.request.url.path}: {a.status_code}"
                                  for a in answers if not a.is_success]
                if read.is_success and list(read.json()["neighbours"]) != [pair[1]]:
                    self.failures.append(f"{pair[0]} reads back without its relation")
                self.written += pair


def test_64_clients_for_a_minute_with_a_writer(target: Target, tmp_path: Path) -> None:
    token = target.seed()
    with ApiProcess(target.env(), tmp_path / "api.log") as api, httpx.Client(
        base_url=api.url, timeout=60
    ) as client:
        generator = loadgen(api.url, read_specs(client), tmp_path, clients=CLIENTS,
                            duration=SECONDS)
        writer = StaffWriter(api.url, token)
        writer.start()
        report = figures(generator)
        writer.stopping.set()
        writer.join()
        nodes = {n["id"] for n in client.get("/v1/graph").raise_for_status().json()["nodes"]}
    print(json.dumps({"store": target.backend, **report, "writes": len(writer.written)}))
    shed = report["errors"]["status"].get("503", 0)
    assert report["errors"]["total"] == shed, report["errors"]
    assert report["requests"] - shed > CLIENTS
    assert writer.failures == []
    assert writer.written and set(writer.written) <= nodes
