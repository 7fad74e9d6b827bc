"""Fit the steps that turn the extraction rules' figures into shares right.

Run as `python benchmarks/extraction_calibration.py`. It extracts every document of the sets
the rules are tuned on (never the held-out set not yet tuned on), judges each relation
proposal against the gold annotation (right pair, type and direction), fits the steps and
prints them beside those in `tsunagari.loaders.extract.calibration`, with the share right per
step under each.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import SEED, SEEDS  # noqa: E402

from tsunagari.loaders.curated import read_annotation  # noqa: E402
from tsunagari.loaders.extract import extract  # noqa: E402
from tsunagari.loaders.extract.calibration import STEPS, calibrated, fit_steps, step_of  # noqa: E402
from tsunagari.loaders.extract.metrics import judged_proposals  # noqa: E402
from tsunagari.loaders.sources import Document  # noqa: E402

TUNED = ("extraction_dev", "extraction_heldout", "extraction_heldout2", "extraction_heldout3")


def judged(sets: tuple[str, ...] = TUNED) -> list[tuple[float, bool]]:
    """(the rules' figure, right) for every relation proposal of the sets' documents."""
    known = list(read_annotation(SEEDS / "curated" / f"{SEED}.yaml", SEEDS / "documents").entities)
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
    print(f"{len(pairs)} proposals of {', '.join(TUNED)}")
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
