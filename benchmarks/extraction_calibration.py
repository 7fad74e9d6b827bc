"""Fit the steps that turn the extraction rules' figures into shares right.

Run as `python benchmarks/extraction_calibration.py`. It extracts every document of the sets
the rules are tuned on (never the held-out set not yet tuned on), judges each relation
proposal against the gold annotation (right pair, type and direction), fits the steps and
prints them beside those in `tsunagari.loaders.extract.calibration`, with the share right per
step under each.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tsunagari.loaders.curated import read_annotation
from tsunagari.loaders.extract import extract
from tsunagari.loaders.extract.calibration import STEPS, calibrated, fit_steps
from tsunagari.loaders.extract.metrics import judged_proposals
from tsunagari.loaders.sources import Document

ROOT = Path(__file__).resolve().parent.parent
TUNED = ("extraction_dev", "extraction_heldout", "extraction_heldout2", "extraction_heldout3")
SEED = ROOT / "seeds" / "curated" / "000_4a12a5157f8c4e5f.yaml"


def judged(sets: tuple[str, ...] = TUNED) -> list[tuple[float, bool]]:
    """(the rules' figure, right) for every relation proposal of the sets' documents."""
    known = list(read_annotation(SEED, ROOT / "seeds" / "documents").entities)
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
    for low, share in fitted:
        inside = [right for raw, right in pairs if _step(fitted, raw) == low]
        print(f"  {low:>6.3f}  {share:.2f}  ({len(inside)} proposals)")
    print("in use:", "same" if fitted == STEPS else f"different: {STEPS}")
    shares = sorted((calibrated(raw), right) for raw, right in pairs)
    print(f"mean calibrated confidence {sum(c for c, _ in shares) / len(shares):.3f}, "
          f"share right {sum(r for _, r in shares) / len(shares):.3f}")
    return 0


def _step(steps: tuple[tuple[float, float], ...], raw: float) -> float:
    return max(low for low, _ in steps if low <= raw)


if __name__ == "__main__":
    sys.exit(main())
