"""Fit the steps that turn the extraction rules' figures into shares right.

Run as `python benchmarks/extraction_calibration.py`. It extracts every document of the
calibration set (held-out set 4: measured, never used to make or change a rule, so the rules
do there what they do on a new document, not what they do on the sets they were written
against), judges each relation proposal against the gold annotation (right pair, type and
direction), fits the steps and prints them beside those in
`tsunagari.loaders.extract.calibration`, with the proposals of each step.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import seed_graph_entities  # noqa: E402

from tsunagari.loaders.curated import read_annotation  # noqa: E402
from tsunagari.loaders.extract import extract  # noqa: E402
from tsunagari.loaders.extract.calibration import STEPS, calibrated, fit_steps, step_of  # noqa: E402
from tsunagari.loaders.extract.metrics import judged_proposals  # noqa: E402
from tsunagari.loaders.sources import Document  # noqa: E402

CALIBRATION = ("extraction_heldout4",)
"""The sets the steps are fitted on: never the sets the rules are tuned on (dev and held-out
sets 1–3), whose shares right run higher than a new document's, nor the set never tuned on."""


def judged(sets: tuple[str, ...] = CALIBRATION) -> list[tuple[float, bool]]:
    """(the rules' figure, right) for every relation proposal of the sets' documents."""
    known = seed_graph_entities()
    found = []
    for name in sets:
        folder = ROOT / "benchmarks" / name
        for gold in sorted((folder / "gold").glob("*.yaml")):
            reference = read_annotation(gold, folder / "documents")
            document = Document.read(folder / "documents" / f"{gold.stem}.txt")
            found += judged_proposals(extract(document, known, calibrated=False), reference)
    return found


def main() -> int:
    pairs = judged()
    fitted = fit_steps(pairs)
    print(f"{len(pairs)} proposals of {', '.join(CALIBRATION)}")
    print("fitted steps (lowest rule figure, share right):")
    counts = Counter(step_of(raw, fitted) for raw, _ in pairs)
    for index, (low, share) in enumerate(fitted):
        print(f"  {low:>6.3f}  {share:.2f}  ({counts[index]} proposals)")
    print("in use:", "same" if fitted == STEPS else f"different: {STEPS}")
    print(f"mean calibrated confidence {sum(calibrated(raw) for raw, _ in pairs) / len(pairs):.3f}, "
          f"share right {sum(right for _, right in pairs) / len(pairs):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
