"""Several processes on one store: one server per data directory, and servers sharing a Neo4j.

On a data directory that a server holds, a second `tsunagari serve` refuses to start and
names the first; `tsunagari load` still writes while it serves, and the server answers
with what was loaded; a server killed with SIGKILL does not keep the next one out. Two
servers on one Neo4j (each with a data directory of its own) take staff edits at once,
split between them, while questions are asked of both: every acknowledged write is in the
graph afterwards, and no answer is a 500.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.support.crash import write_document
from tests.support.neo4j_servers import Neo4jServers
from tests.support.processes import ApiProcess, cli, kill
from tests.support.servers import free_port
from tests.support.targets import Target
from tsunagari.api.auth import TokenStore
from tsunagari.graph.model import relation_id

WRITERS_PER_SERVER = 2
ENTITIES_PER_WRITER = 25
"""Staff entities each writer creates; every fourth is also linked to the seed's JETRO."""
PAUSE = 0.2
"""Seconds between two questions to one server (the writers get most of the machine)."""
PARTNER = "jetro"
QUESTION = {"q": "who connects an Osaka machinist to Dong Nai?"}


def exit_of(args: list[str], target: Target, log: Path) -> int | None:
    """Run `tsunagari ARGS` in a process of its own; its exit code (None, and the process
    killed, if it runs on after a minute)."""
    process = cli(args, target.env(), log)
    process.join(60)
    code = process.exitcode
    kill(process)
    return code


def test_a_second_server_on_a_data_directory_in_use_refuses_and_names_the_first(
    tmp_path: Path,
) -> None:
    target = Target("networkx", tmp_path / "data", seeds_dir=tmp_path / "seeds")
    target.seed()
    annotation = write_document(target.seeds_dir, "while-serving", 5, 8)[1]
    second_log = tmp_path / "second.log"
    with ApiProcess(target.env(), tmp_path / "first.log") as first:
        assert first.process is not None
        assert exit_of(["serve", "--port", str(free_port())], target, second_log) == 2
        refusal = second_log.read_text(encoding="utf-8")
        assert "is in use by tsunagari serve" in refusal, refusal
        assert f"pid {first.process.pid} " in refusal and f"127.0.0.1:{first.port} " in refusal
        assert "serving" not in refusal, "the second server opened the store"

        assert exit_of(["load", str(annotation)], target, tmp_path / "load.log") == 0
        with httpx.Client(base_url=first.url, timeout=30) as client:
            loaded = client.get("/v1/documents/while-serving")
            assert loaded.status_code == 200, loaded.text
            assert client.get("/v1/entities/org-4").json()["name_ja"] == "組織4番"
        first.kill()
    with ApiProcess(target.env(), tmp_path / "after-kill.log") as after_kill, httpx.Client(
        base_url=after_kill.url, timeout=30
    ) as client:
        assert client.get("/v1/documents/while-serving").status_code == 200


@dataclass
class Traffic:
    """What the clients of both servers sent and got."""

    acknowledged: dict[str, dict[str, str]] = field(default_factory=dict)
    """Entities acknowledged (200), by id, with the body sent."""
    linked: list[str] = field(default_factory=list)
    """Relations acknowledged (201), by id."""
    failures: list[str] = field(default_factory=list)
    """Every answer that was neither an acknowledgement nor a refusal."""
    questions: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, what: str, answer: httpx.Response, expected: int) -> bool:
        if answer.status_code != expected:
            with self.lock:
                self.failures.append(f"{what}: {answer.status_code} {answer.text[:300]}")
        return answer.status_code == expected


def writer(url: str, token: str, name: str, traffic: Traffic) -> Callable[[], None]:
    """Staff entities, and now and then a relation from one of them to the partner."""
    def run() -> None:
        with httpx.Client(base_url=url, timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            for n in range(ENTITIES_PER_WRITER):
                entity_id = f"shared-{name}-{n}"
                body = {"type": "NPO", "name_en": f"Shared {name} {n}",
                        "name_ja": f"共有試験{name}{n}", "source": f"two servers, {name}"}
                if traffic.note(entity_id, client.put(f"/v1/entities/{entity_id}", json=body),
                                200):
                    traffic.acknowledged[entity_id] = body
                if n % 4 == 0:
                    link = {"type": "PARTNERS_WITH", "from": entity_id, "to": PARTNER,
                            "source": f"two servers, {name}, link {n}"}
                    if traffic.note(f"link {entity_id}", client.post("/v1/relations", json=link),
                                    201):
                        traffic.linked.append(relation_id("PARTNERS_WITH", entity_id, PARTNER))
    return run


def asker(url: str, traffic: Traffic, writing: list[threading.Thread]) -> Callable[[], None]:
    """Questions (each rebuilds the views of a graph that keeps changing) until the writers
    are done."""
    def run() -> None:
        with httpx.Client(base_url=url, timeout=120) as client:
            while any(thread.is_alive() for thread in writing):
                traffic.note("ask", client.get("/v1/ask", params=QUESTION), 200)
                traffic.questions += 1
                time.sleep(PAUSE)
    return run


@pytest.mark.slow
def lost_writes(target: Target, traffic: Traffic) -> tuple[list[str], set[str]]:
    """The acknowledged entities a fresh store does not hold as written, and the acknowledged
    relations it does not hold."""
    graph = target.open()
    try:
        lost = [entity_id for entity_id, body in traffic.acknowledged.items()
                if (found := graph.entity(entity_id)) is None or found.name_ja != body["name_ja"]]
        return lost, set(traffic.linked) - {r.id for r in graph.relations_of(PARTNER)}
    finally:
        graph.close()


def test_two_servers_on_one_neo4j_keep_every_acknowledged_write(
    neo4j_servers: Neo4jServers, scratch_neo4j: object, tmp_path: Path,
) -> None:
    first = Target("neo4j", tmp_path / "first", neo4j_servers.scratch_uri)
    second = Target("neo4j", tmp_path / "second", neo4j_servers.scratch_uri)
    tokens = [first.seed()]
    second.data_dir.mkdir(parents=True)
    store = TokenStore(second.data_dir / "tokens.sqlite3")
    tokens.append(store.create("second server"))
    store.close()

    traffic = Traffic()
    with ApiProcess(first.env(), tmp_path / "first.log") as one, ApiProcess(
        second.env(), tmp_path / "second.log"
    ) as two:
        servers = [(one, tokens[0]), (two, tokens[1])]
        writing = [threading.Thread(target=writer(api.url, token, f"s{s}w{w}", traffic))
                   for s, (api, token) in enumerate(servers) for w in range(WRITERS_PER_SERVER)]
        asking = [threading.Thread(target=asker(api.url, traffic, writing)) for api, _ in servers]
        for thread in writing + asking:
            thread.start()
        for thread in writing + asking:
            thread.join()
        errors = one.unexpected_errors() + two.unexpected_errors()

    lost, unlinked = lost_writes(first, traffic)
    print(f"{len(traffic.acknowledged)} entities and {len(traffic.linked)} relations "
          f"acknowledged, {len(lost)} and {len(unlinked)} lost; {traffic.questions} questions "
          f"answered; {len(traffic.failures)} failures")
    assert lost == [], f"{len(lost)} acknowledged entities lost, e.g. {lost[:5]}"
    assert unlinked == set(), f"{len(unlinked)} acknowledged relations lost"
    assert traffic.failures == [], "\n".join(traffic.failures[:5]) + errors
    assert len(traffic.acknowledged) == 2 * WRITERS_PER_SERVER * ENTITIES_PER_WRITER
    assert traffic.questions > 0


def test_workers_over_one_neo4j_keep_every_acknowledged_write(
    neo4j_servers: Neo4jServers, scratch_neo4j: object, tmp_path: Path,
) -> None:
    target = Target("neo4j", tmp_path / "data", neo4j_servers.scratch_uri)
    token = target.seed()
    traffic = Traffic()
    with ApiProcess(target.env(), tmp_path / "workers.log", ["--workers", "3"]) as api:
        writing = [threading.Thread(target=writer(api.url, token, f"w{w}", traffic))
                   for w in range(2 * WRITERS_PER_SERVER)]
        asking = [threading.Thread(target=asker(api.url, traffic, writing)) for _ in range(2)]
        for thread in writing + asking:
            thread.start()
        for thread in writing + asking:
            thread.join()
        errors = api.unexpected_errors()
        log = api.tail(200)
    lost, unlinked = lost_writes(target, traffic)
    assert "with 3 workers" in log
    assert lost == [] and unlinked == set()
    assert traffic.failures == [], "\n".join(traffic.failures[:5]) + errors
    assert len(traffic.acknowledged) == 2 * WRITERS_PER_SERVER * ENTITIES_PER_WRITER
    assert traffic.questions > 0


def test_workers_need_the_neo4j_store(tmp_path: Path) -> None:
    target = Target("networkx", tmp_path / "data")
    log = tmp_path / "serve.log"
    assert exit_of(["serve", "--port", str(free_port()), "--workers", "2"], target, log) == 2
    assert "--workers needs the Neo4j store" in log.read_text(encoding="utf-8")
