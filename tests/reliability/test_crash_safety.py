"""A load killed with SIGKILL part-way leaves the previous graph intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tsunagari.graph.embedded import NetworkxStore
from tsunagari.queries.views import graph_json

pytestmark = pytest.mark.slow

ENTITIES = 2_000
RELATIONS = 20_000


def write_network(seeds: Path, relations: int) -> Path:
    """A generated document and its annotation: one sentence per relation."""
    lines, rel_yaml = [], []
    for n in range(relations):
        a = n % ENTITIES
        b = (a + 1 + n // ENTITIES) % ENTITIES
        lines.append(f"組織{a}番は組織{b}番を支援する（第{n}項）。")
        rel_yaml.append(
            f"  - {{type: SUPPORTS, source: org-{a}, target: org-{b}, "
            f"quote: 組織{a}番は組織{b}番を支援する（第{n}項）}}"
        )
    ent_yaml = [
        f"  - {{id: org-{i}, type: NPO, name_ja: 組織{i}番, quote: 組織{i}番は}}"
        for i in range(ENTITIES)
    ]
    (seeds / "documents").mkdir(parents=True, exist_ok=True)
    (seeds / "documents" / "gen.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = seeds / f"gen-{relations}.yaml"
    path.write_text(
        "document: gen\nentities:\n" + "\n".join(ent_yaml) + "\nrelations:\n" + "\n".join(rel_yaml),
        encoding="utf-8",
    )
    return path


def run_load(data: Path, seeds: Path, annotation: Path, kill_after: str | None) -> int:
    """Run `tsunagari load` in a child process; SIGKILL it when a progress line appears."""
    env = {**os.environ, "TSUNAGARI_DATA_DIR": str(data), "TSUNAGARI_SEEDS_DIR": str(seeds)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tsunagari.api.cli.commands", "load", str(annotation)],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    assert child.stderr is not None
    for line in child.stderr:
        if kill_after and kill_after in line:
            child.send_signal(signal.SIGKILL)
            break
    return child.wait(120)


def snapshot(data: Path) -> dict:
    store = NetworkxStore(data / "tsunagari.sqlite3")
    try:
        return graph_json(store)
    finally:
        store.close()


def test_sigkill_during_load_keeps_the_previous_graph(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    small = write_network(seeds, 3_000)
    assert run_load(data, seeds, small, kill_after=None) == 0
    before = snapshot(data)
    assert len(before["edges"]) == 3_000

    big = write_network(seeds, RELATIONS)
    outcomes = []
    for step in ("verified", "entities written", "entities written"):
        code = run_load(data, seeds, big, kill_after=step)
        assert code == -signal.SIGKILL
        after_kill = snapshot(data)
        outcomes.append(after_kill == before)
        assert after_kill == before or len(after_kill["edges"]) == RELATIONS
    assert any(outcomes), "no kill landed before the commit; the test proved nothing"

    assert run_load(data, seeds, big, kill_after=None) == 0
    assert len(snapshot(data)["edges"]) == RELATIONS
