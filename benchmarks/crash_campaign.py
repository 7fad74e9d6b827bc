"""A long crash campaign: `tsunagari` writers killed with SIGKILL, hundreds of times.

    python benchmarks/crash_campaign.py --store networkx --kind load --runs 300
    python benchmarks/crash_campaign.py --store neo4j --kind api --runs 300 [--neo4j-uri URI]

`--kind load` kills `tsunagari load` of two documents at random moments and checks that
the graph is the one before, after the first or after both; `--kind api` kills
`tsunagari serve` while three clients write, and checks that every acknowledged write is
kept and no write is kept in part (the campaigns are in `tests/support/crash.py`; `make test` runs
twenty kills of each). Without `--neo4j-uri`, a Neo4j 5.26 is started for the run.
Prints the figures as JSON; exits 1 when a campaign found a violation.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.crash import LOAD_SIZES, api_campaign, load_campaign  # noqa: E402
from tests.support.targets import scratch_target  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill tsunagari writers; check what survives.")
    parser.add_argument("--store", choices=["networkx", "neo4j"], default="networkx")
    parser.add_argument("--kind", choices=["load", "api"], default="load")
    parser.add_argument("--runs", type=int, default=300, help="how many kills")
    parser.add_argument("--seed", type=int, default=1, help="seed of the kill moments")
    parser.add_argument("--neo4j-uri", help="an existing Neo4j (default: start one)")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        work, target = scratch_target(stack, args.store, args.neo4j_uri, "tsunagari-crash-")
        rng = random.Random(args.seed)
        started = time.monotonic()
        if args.kind == "load":
            figures = load_campaign(target, work, args.runs, rng, *LOAD_SIZES[args.store])
        else:
            figures = api_campaign(target, work, args.runs, rng)
        seconds = round(time.monotonic() - started, 1)
    print(json.dumps({**figures.to_dict(), "seed": args.seed, "seconds": seconds},
                     ensure_ascii=False))
    return 1 if figures.violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
