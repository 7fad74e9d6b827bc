"""The round-two attack campaign against a real `tsunagari serve` (docs/reliability.md).

    python benchmarks/attack_campaign.py --store networkx --tries 5 --entities 20000
    python benchmarks/attack_campaign.py --store neo4j --tries 5 --entities 20000 [--neo4j-uri URI]

Each attack of `tests/support/attacks.py` is tried `--tries` times against one API process
over the seed graph (plus a synthetic network of `--entities`), then `--processes` API
processes write `--writes` entities at once. Prints one JSON line per attack; exits 1 when
anything did not hold. Without `--neo4j-uri`, a Neo4j is started for the run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.attacks import concurrent_writers, run_campaign  # noqa: E402
from tests.support.targets import scratch_target  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Attack a running tsunagari; check what holds.")
    parser.add_argument("--store", choices=["networkx", "neo4j"], default="networkx")
    parser.add_argument("--tries", type=int, default=5, help="tries of each attack")
    parser.add_argument("--entities", type=int, default=0,
                        help="a synthetic network of this many entities beside the seed")
    parser.add_argument("--processes", type=int, default=3, help="API processes that write")
    parser.add_argument("--writes", type=int, default=400, help="entities they write")
    parser.add_argument("--neo4j-uri", help="an existing Neo4j (default: start one)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with ExitStack() as stack:
        work, target = scratch_target(stack, args.store, args.neo4j_uri, "tsunagari-attack-")
        outcomes = run_campaign(target, work, args.tries, args.entities)
        outcomes.append(concurrent_writers(target, work, args.processes, args.writes))
    for outcome in outcomes:
        print(json.dumps({"store": args.store, **outcome.to_dict()}, ensure_ascii=False))
    print(json.dumps({"store": args.store, "entities": args.entities,
                      "seconds": round(time.monotonic() - started, 1)}))
    return 1 if any(outcome.failures for outcome in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
