"""What the reference places cost at start on the embedded store (target: under a second).

Run as `python benchmarks/places.py [--runs N]`. `make run` loads the seeds before it serves:
the places are read and verified from seeds/places/, then applied, which changes nothing
once they are stored. Times, as percentiles over N runs: reading and verifying the files;
applying them to an empty store (the first start); the whole reload of an unchanged store
(read, verify, apply: every later start); opening the store with the seed and the places and
answering a first search (the name index built). Exits 1 when a start costs a second or more.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders import load_seeds, read_places
from tsunagari.queries import NameIndex

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "seeds" / "places"
TARGET_SECONDS = 1.0


def timed(step: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None,
          ) -> list[float]:
    """Seconds of each of `runs` calls of `step` (`before` runs untimed ahead of each)."""
    seconds = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    return seconds


def line(what: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{what:<52} p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp())
    contribution = read_places(PLACES)
    print(f"reference places: {len(contribution.entities)} entities, "
          f"{len(contribution.relations)} relations; {runs} runs each")
    stores: list[NetworkxStore] = []

    def fresh() -> None:
        stores.append(NetworkxStore(folder / f"first-{len(stores)}.sqlite3"))

    first = timed(lambda: stores[-1].apply(read_places(PLACES)), runs, fresh)
    loaded = NetworkxStore(folder / "seeded.sqlite3")
    load_seeds(loaded, ROOT / "seeds")
    again = timed(lambda: loaded.apply(read_places(PLACES)), runs)
    loaded.close()

    def cold_start() -> None:
        store = NetworkxStore(folder / "seeded.sqlite3")
        NameIndex.of(store).resolve("浜松市")
        store.close()

    start = timed(cold_start, runs)
    print(line("read and verify the files", timed(lambda: read_places(PLACES), runs)))
    print(line("first start: read, verify, apply to an empty store", first))
    print(line("every later start: read, verify, apply unchanged", again))
    print(line("open seed + places, build the name index, search", start))
    worst = max(statistics.median(first), statistics.median(again))
    print(f"target: a start under {TARGET_SECONDS:.1f} s: "
          f"{'met' if worst < TARGET_SECONDS else 'MISSED'} ({worst * 1000:.0f} ms at p50)")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
