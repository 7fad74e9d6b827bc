"""Crash campaigns: writers killed with SIGKILL at random moments, and what survives them.

Two writers, on either store (`Target`):

- `load_campaign`: `tsunagari load A.yaml B.yaml` (two documents, one transaction each),
  killed at a uniformly random moment of its run. After each kill the graph, read by a
  fresh store, must be exactly the graph before the run, after A, or after A and B.
- `api_campaign`: `tsunagari serve` receiving writes from several clients at once (staff
  entities, staff relations, document uploads and the acceptance of a proposal), killed at
  a random moment. After the restart every acknowledged write is there, every write left
  unanswered is wholly there or wholly absent, and a reviewed document's accepted
  proposals are exactly what the graph holds of it.

Both return `Figures`; `benchmarks/crash_campaign.py` runs them at length.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx

from tests.support.processes import ApiProcess, cli, kill
from tests.support.targets import Snapshot, Target, snapshot_of
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.graph.model import Contribution, relation_id
from tsunagari.loaders.curated import read_annotation


@dataclass
class Figures:
    """What a campaign did and saw."""

    store: str
    kind: str
    runs: int = 0
    kills: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"store": self.store, "kind": self.kind, "runs": self.runs, "kills": self.kills,
                "outcomes": dict(sorted(self.outcomes.items())), "violations": self.violations}


# -- loads -----------------------------------------------------------------

DOCUMENTS = ("crash-a", "crash-b")
LOAD_SIZES = {"networkx": (400, 1_000), "neo4j": (100, 250)}
"""Entities and relations of each generated document: a whole load takes about a second."""
LOAD_OUTCOMES = ("before", "after A", "after A and B")


def write_document(seeds: Path, name: str, entities: int, relations: int) -> dict[int, Path]:
    """A generated document and two annotations of it (variants 1 and 2), which name the
    same entities and different relations: loading one after the other changes the graph."""
    lines, annotations = [], {}
    for variant in (1, 2):
        rows = []
        for n in range(relations):
            a = n % entities
            b = (a + variant + n // entities) % entities
            quote = f"組織{a}番は組織{b}番を支援する（{name}第{variant}-{n}項）"
            lines.append(quote + "。")
            rows.append(f"  - {{type: SUPPORTS, source: org-{a}, target: org-{b}, quote: {quote}}}")
        entity_rows = [f"  - {{id: org-{i}, type: NPO, name_ja: 組織{i}番, quote: 組織{i}番は}}"
                       for i in range(entities)]
        path = seeds / "curated" / f"{name}-{variant}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"document: {name}\nentities:\n" + "\n".join(entity_rows)
                        + "\nrelations:\n" + "\n".join(rows) + "\n", encoding="utf-8")
        annotations[variant] = path
    (seeds / "documents").mkdir(parents=True, exist_ok=True)
    (seeds / "documents" / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return annotations


class Expected:
    """The graph after loading given variants of the documents, computed on a scratch
    embedded store in this process (and kept)."""

    def __init__(self, files: dict[tuple[str, int], Path], seeds: Path, scratch: Path) -> None:
        self.contributions: dict[tuple[str, int], Contribution] = {
            key: read_annotation(path, seeds / "documents") for key, path in files.items()
        }
        self.scratch = scratch
        self.cache: dict[tuple[int, ...], Snapshot] = {}

    def snapshot(self, variants: tuple[int, ...]) -> Snapshot:
        if variants not in self.cache:
            path = self.scratch / f"expected-{len(self.cache)}.sqlite3"
            store = NetworkxStore(path)
            for name, variant in zip(DOCUMENTS, variants, strict=True):
                if variant:
                    store.apply(self.contributions[(name, variant)])
            self.cache[variants] = snapshot_of(store)
            store.close()
        return self.cache[variants]


def load_campaign(
    target: Target, work: Path, runs: int, rng: random.Random, entities: int, relations: int,
) -> Figures:
    """`runs` loads of two documents, each killed at a random moment of the time a whole
    load takes (measured by a first run left to finish, and by every run that finishes)."""
    figures = Figures(target.backend, "load")
    target = replace(target, seeds_dir=work / "seeds")
    files = {(name, variant): path for name in DOCUMENTS
             for variant, path in write_document(target.seeds_dir, name, entities,
                                                 relations).items()}
    expected = Expected(files, target.seeds_dir, work)
    target.reset()
    current: tuple[int, ...] = (0, 0)
    duration = 0.0
    for run in range(runs + 1):
        plan = tuple(2 if v == 1 else 1 for v in current)
        states = [current, (plan[0], current[1]), plan]
        started = time.monotonic()
        child = cli(["load", *(str(files[(n, v)]) for n, v in zip(DOCUMENTS, plan, strict=True))],
                    target.env(), work / "load.log")
        child.join(rng.uniform(0, duration) if run else None)
        kill(child)
        killed = child.exitcode == -signal.SIGKILL
        if not killed:
            duration = time.monotonic() - started
        if not killed and child.exitcode != 0:
            raise RuntimeError(f"the load failed ({child.exitcode}); see {work / 'load.log'}")
        got = target.snapshot()
        found = [i for i, state in enumerate(states) if expected.snapshot(state) == got]
        if not found or (not killed and found != [2]):
            figures.violations.append(f"run {run}: the graph is none of {states} "
                                      f"({len(got[0]['nodes'])} entities, "
                                      f"{len(got[0]['edges'])} relations, {got[1]})")
            break
        current = states[found[0]]
        if run:
            figures.runs += 1
            figures.kills += killed
            figures.outcomes[LOAD_OUTCOMES[found[0]] if killed else "finished first"] += 1
    return figures


# -- API writes -------------------------------------------------------------

DOCUMENT_TEXT = "大阪府はドンナイ省と連携する。"
ACCEPTED = relation_id("PARTNERS_WITH", "osaka-pref", "dong-nai")
PARTNER = "jetro"


@dataclass
class Write:
    """One write sent to the API, and what became of it."""

    kind: str
    key: str
    body: dict[str, Any]
    run: int
    state: str = "sent"


class Ledger:
    """Every write sent during a campaign."""

    def __init__(self) -> None:
        self.writes: list[Write] = []
        self.lock = threading.Lock()
        self.killed_at = float("inf")

    def add(self, write: Write) -> Write:
        with self.lock:
            self.writes.append(write)
        return write


def _send(client: httpx.Client, ledger: Ledger, write: Write, method: str, path: str) -> bool:
    """Send one write; True when it was acknowledged."""
    sent_at = time.monotonic()
    try:
        response = client.request(method, path, json=write.body)
    except httpx.TransportError:
        write.state = "unsent" if sent_at >= ledger.killed_at else "unanswered"
        return False
    write.state = "acknowledged" if response.is_success else f"refused {response.status_code}"
    return response.is_success


def _writer(url: str, token: str, number: int, run: int, ledger: Ledger,
            stop: threading.Event) -> None:
    """Write until stopped or until the server is gone: entities, then relations from
    them, then documents with an accepted proposal, in turn."""
    headers = {"Authorization": f"Bearer {token}"}
    source = f"crash campaign, run {run}, writer {number}"
    last_entity = None
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        for n in range(1_000_000):
            if stop.is_set():
                return
            tag = f"r{run}-w{number}-{n}"
            step = n % 3 if last_entity else 0
            if step == 0:
                body = {"type": "NPO", "name_ja": f"耐障害試験{tag}", "name_en": f"Crash {tag}",
                        "aliases": [f"crash alias {tag}"], "description": f"written {tag}",
                        "source": source}
                write = ledger.add(Write("entity", f"crash-{tag}", body, run))
                if _send(client, ledger, write, "PUT", f"/v1/entities/{write.key}"):
                    last_entity = write.key
            elif step == 1:
                assert last_entity is not None
                body = {"type": "PARTNERS_WITH", "from": last_entity, "to": PARTNER,
                        "source": f"{source}, {tag}"}
                key = relation_id("PARTNERS_WITH", last_entity, PARTNER)
                write = ledger.add(Write("relation", key, body, run))
                _send(client, ledger, write, "POST", "/v1/relations")
            else:
                document = f"crash-doc-{tag}"
                write = ledger.add(Write("upload", document, {"id": document, "text": DOCUMENT_TEXT,
                                                               "title": tag}, run))
                if _send(client, ledger, write, "POST", "/v1/documents"):
                    write = ledger.add(Write("accept", document, {}, run))
                    _send(client, ledger, write, "POST",
                          f"/v1/documents/{document}/proposals/relation:{ACCEPTED}/accept")
            if write.state != "acknowledged":
                return


class Checker:
    """Looks at the restarted API and says, write by write, whether it is there."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        graph = client.get("/v1/graph").raise_for_status().json()
        self.nodes = {n["id"]: n for n in graph["nodes"]}
        self.edges = {e["id"]: e for e in graph["edges"]}
        entries = client.get("/v1/audit", params={"limit": 1000}).raise_for_status().json()
        self.audited = {(e["action"], e["target"]) for e in entries["entries"]}

    def present(self, write: Write) -> bool | None:
        """True when wholly there, False when wholly absent, None when partly there."""
        if write.kind == "entity":
            node = self.nodes.get(write.key)
            if node is None:
                return False
            fields = ("name_ja", "name_en", "aliases", "description")
            return True if all(node[f] == write.body[f] for f in fields) else None
        if write.kind == "relation":
            edge = self.edges.get(write.key)
            if edge is None:
                return False
            quotes = {e["quote"] for e in edge["evidence"]}
            return True if write.body["source"] in quotes else None
        proposals = self.client.get(f"/v1/documents/{write.key}/proposals")
        if write.kind == "upload":
            return proposals.status_code == 200
        statuses = {p["id"]: p["status"] for p in proposals.json().get("proposals", [])}
        queued = statuses.get(f"relation:{ACCEPTED}") == "accepted"
        document = self.client.get(f"/v1/documents/{write.key}")
        in_graph = document.status_code == 200 and ACCEPTED in document.json()["relations"]
        return queued if queued == in_graph else None

    def audited_write(self, write: Write) -> bool:
        action, target = {
            "entity": ("put-entity", write.key), "relation": ("post-relation", write.key),
            "upload": ("upload", write.key),
            "accept": ("accepted", f"{write.key}/relation:{ACCEPTED}"),
        }[write.kind]
        return (action, target) in self.audited


def check_writes(
    client: httpx.Client, ledger: Ledger, run: int, figures: Figures, everything: bool = False
) -> None:
    """Compare the restarted API with the ledger: the writes of `run` (counted), and those
    of earlier runs as they were settled then (documents only when `everything`)."""
    checker = Checker(client)
    for write in ledger.writes:
        documents = write.kind in ("upload", "accept")
        if write.state in ("unsent", "failed") or (documents and write.run != run
                                                   and not everything):
            continue
        there = checker.present(write)
        label = f"run {write.run}: {write.kind} {write.key} ({write.state})"
        failure = (
            "was refused" if write.state.startswith("refused")
            else "is partly there" if there is None
            else "is lost" if write.state in ("acknowledged", "present") and not there
            else "appeared later" if write.state == "absent" and there
            else None
        )
        if failure:
            figures.violations.append(f"{label} {failure}")
            write.state = "failed"
        elif write.state == "unanswered":
            write.state = "present" if there else "absent"
            figures.outcomes[f"unanswered, {write.state}"] += 1
        if write.run == run and write.state in ("acknowledged", "present"):
            if write.state == "acknowledged":
                figures.outcomes["acknowledged"] += 1
                if not checker.audited_write(write):
                    figures.violations.append(f"{label} is not in the audit log")
            elif not checker.audited_write(write):
                figures.outcomes["unanswered, present, not audited"] += 1


def api_campaign(
    target: Target, work: Path, runs: int, rng: random.Random, writers: int = 3,
    window: float = 1.0,
) -> Figures:
    """`runs` times: start the API, check the writes so far, write from `writers` clients,
    SIGKILL the API at a random moment within `window` seconds."""
    figures = Figures(target.backend, "api")
    token = target.seed()
    ledger = Ledger()
    for run in range(runs + 1):
        api = ApiProcess(target.env(), work / "api.log").start()
        try:
            with httpx.Client(base_url=api.url, headers={"Authorization": f"Bearer {token}"},
                              timeout=60) as client:
                check_writes(client, ledger, run - 1, figures, everything=run == runs)
            if run == runs:
                break
            ledger.killed_at = float("inf")
            stop = threading.Event()
            threads = [threading.Thread(target=_writer, args=(api.url, token, n, run, ledger, stop))
                       for n in range(writers)]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.05, window))
            ledger.killed_at = time.monotonic()
            api.kill()
            stop.set()
            for thread in threads:
                thread.join()
            figures.runs += 1
            assert api.process is not None
            if api.process.exitcode == -signal.SIGKILL:
                figures.kills += 1
            else:
                figures.violations.append(f"run {run}: the API ended by itself "
                                          f"({api.process.exitcode}): {api.tail()}")
        finally:
            api.kill()
    return figures
