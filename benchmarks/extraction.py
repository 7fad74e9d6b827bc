"""Extraction measured on a held-out set of documents and on the seed document, and its speed.

Run as `python benchmarks/extraction.py`. First the sets the rules are tuned on
(benchmarks/extraction_dev/, and the first three held-out sets once each had been measured),
then the calibration set (benchmarks/extraction_heldout4/: no rule was made on it, the
confidence steps are fitted on it) and the held-out set never tuned on
(benchmarks/extraction_heldout5/), all documents written for the purpose, each document
extracted with the seed graph's entities known (the curated document's and the reference
places'), as `tsunagari extract` reads them from the store: strict figures per
document and pooled (entity precision with duplicates counted as errors, recall; the share of
stated relations whose pair's best proposal is right in type and direction; the share of all
relation proposals that are right; confidence per decile against the share right). Then the
seed document, which the rules were written against (in-sample figures), read twice:
with the curated annotation hidden (nothing known: the figures the targets are for),
and with the curated entities as the gazetteer. It prints entity and relation
precision and recall (matching rules in `tsunagari.loaders.extract.metrics`), then
times extraction on a synthetic document of several MB: the seed text over and over,
each copy with new names of its own. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tsunagari.graph.model import Contribution, Entity
from tsunagari.loaders.curated import read_annotation
from tsunagari.loaders.extract import extract
from tsunagari.loaders.extract.metrics import (
    TARGETS,
    StrictScores,
    evaluate,
    figures,
    missed,
    strict_scores,
)
from tsunagari.loaders.seeds import read_seed, seed_sources
from tsunagari.loaders.sources import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = "000_4a12a5157f8c4e5f"
SETS = {"development set (rules tuned on it)": ROOT / "benchmarks" / "extraction_dev",
        "first held-out set (tuned on since it was measured)":
            ROOT / "benchmarks" / "extraction_heldout",
        "second held-out set (tuned on since it was measured, 2026-12-07)":
            ROOT / "benchmarks" / "extraction_heldout2",
        "third held-out set (confidence calibrated on it since it was measured, 2026-12-08)":
            ROOT / "benchmarks" / "extraction_heldout3",
        "fourth held-out set (no rule made on it; the confidence steps fitted on it since "
        "2026-12-08)": ROOT / "benchmarks" / "extraction_heldout4",
        "fifth held-out set (never tuned on, first measured 2026-12-08)":
            ROOT / "benchmarks" / "extraction_heldout5"}
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
SUFFIXES = ("信用金庫", "工業団地", "協会", "大学", "省", "テクノパーク", "社", "センター")
MATCHING = """matching: an extracted entity matches a curated one when a folded name or alias of one equals
  one of the other, or contains it and covers at least half of it; recall assigns each curated
  entity at most once (best matches first), precision counts extracted entities that match any.
  A relation matches a curated one when its ends' best matches are that relation's ends,
  in either direction."""


def seed_graph_entities() -> list[Entity]:
    """The entities of the seed graph that `make run` loads: what a desk's extraction knows."""
    return [entity for source in seed_sources(SEEDS) for entity in read_seed(source, SEEDS).entities]


def run(document: Document, reference: Contribution, known: list[Entity]) -> dict[str, float]:
    """Extract, score and time one case; print its figures and return them."""
    start = time.perf_counter()
    proposals = extract(document, known)
    seconds = time.perf_counter() - start
    entities, relations = evaluate(proposals, reference)
    existing = sum(p.existing for p in proposals.entities)
    print(f"  entities : {entities.extracted} proposed ({existing} existing), {entities.correct} match a "
          f"curated entity; {entities.found} of {entities.reference} curated found")
    print(f"             precision {entities.precision:.3f}  recall {entities.recall:.3f}  "
          f"F1 {entities.f1:.3f}")
    print(f"  relations: {relations.extracted} proposed, {relations.correct} join curated ends; "
          f"{relations.found} of {relations.reference} curated found "
          f"({relations.same_family} same family, {relations.same_type} same type)")
    print(f"             precision {relations.precision:.3f}  recall {relations.recall:.3f}")
    print(f"  time     : {seconds:.2f} s for {len(document.text):,} characters")
    return figures(entities, relations)


def kept_apart(label: str, folder: Path, known: list[Entity]) -> None:
    """Extract every document of a set kept apart from the seed and print its strict figures,
    then the pooled ones."""
    golds = sorted((folder / "gold").glob("*.yaml"))
    if not golds:
        print(f"{label}: none found")
        return
    print(f"{label}, {len(golds)} documents (the seed graph's entities known):")
    print(f"  {'document':<14}{'chars':>7}{'ent P':>8}{'ent R':>8}{'facts right':>13}"
          f"{'proposals right':>17}{'proposals':>11}")
    pooled: list[StrictScores] = []
    recall_found = recall_total = 0
    for gold in golds:
        reference = read_annotation(gold, folder / "documents")
        document = Document.read(folder / "documents" / f"{gold.stem}.txt")
        proposals = extract(document, known)
        strict = strict_scores(proposals, reference)
        entities, _ = evaluate(proposals, reference)
        recall_found, recall_total = recall_found + entities.found, recall_total + entities.reference
        pooled.append(strict)
        print(f"  {gold.stem:<14}{len(document.text):>7,}{strict.entity_precision:>8.2f}"
              f"{entities.recall:>8.2f}{strict.facts_right:>13.0%}{strict.proposals_right:>17.0%}"
              f"{strict.relations:>11}")
    total = StrictScores(
        sum(s.entities for s in pooled), sum(s.entities_distinct for s in pooled),
        sum(s.facts for s in pooled), sum(s.facts_best_right for s in pooled),
        sum(s.relations for s in pooled), sum(s.relations_right for s in pooled), ())
    print(f"  {'all':<14}{'':>7}{total.entity_precision:>8.2f}"
          f"{recall_found / recall_total if recall_total else 0:>8.2f}{total.facts_right:>13.0%}"
          f"{total.proposals_right:>17.0%}{total.relations:>11}")
    print("  confidence (decile: mean, share right, proposals):")
    deciles: dict[float, list[tuple[float, float, int]]] = {}
    for strict in pooled:
        for decile, mean, right, count in strict.calibration:
            deciles.setdefault(decile, []).append((mean, right, count))
    for decile, parts in sorted(deciles.items()):
        count = sum(c for _, _, c in parts)
        mean = sum(m * c for m, _, c in parts) / count
        right = sum(r * c for _, r, c in parts) / count
        print(f"    {decile:.1f}: {mean:.2f}, {right:.0%} right, {count} proposals")


def synthetic_text(seed: str, size: int) -> str:
    """A document of about `size` bytes of UTF-8: the seed text again and again, with new names."""
    parts: list[str] = []
    length = copy = 0
    while length < size:
        names = [_word(copy * len(SUFFIXES) + i) + suffix for i, suffix in enumerate(SUFFIXES)]
        lines = [
            f"• {names[i]}が{names[i + 1]}と連携し、{2000 + copy % 20}年から{names[i + 2]}を支援。"
            for i in range(len(names) - 2)
        ]
        piece = seed + "\n\n" + "\n".join(lines) + "\n\n"
        parts.append(piece)
        length += len(piece.encode("utf-8"))
        copy += 1
    return "".join(parts)


def _word(number: int) -> str:
    """A katakana word of its own for each number."""
    word = "ザ"
    while True:
        number, digit = divmod(number, len(KATAKANA))
        word += KATAKANA[digit]
        if number == 0:
            return word


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic-mb", type=float, default=4.0,
                        help="size in MB of the synthetic document to time (0: none)")
    args = parser.parse_args()
    reference = read_annotation(SEEDS / "curated" / f"{SEED}.yaml", SEEDS / "documents")
    document = Document.read(SEEDS / "documents" / f"{SEED}.txt")
    known = seed_graph_entities()
    for label, folder in SETS.items():
        kept_apart(label, folder, known)
        print()
    print(f"seed document {SEED} (in-sample: the rules were written against it): "
          f"{len(reference.entities)} curated entities, {len(reference.relations)} curated relations")
    print(MATCHING)
    print("\nannotation hidden (known = nothing):")
    hidden = run(document, reference, [])
    print("\ngazetteer (known = the curated entities):")
    run(document, reference, list(reference.entities))
    if args.synthetic_mb > 0:
        text = synthetic_text(document.text, int(args.synthetic_mb * 1_000_000))
        start = time.perf_counter()
        proposals = extract(Document.from_text("synthetic", text))
        seconds = time.perf_counter() - start
        print(f"\nsynthetic document: {len(text.encode('utf-8')) / 1e6:.1f} MB ({len(text):,} characters): "
              f"{len(proposals.entities)} entities, {len(proposals.relations)} relations in {seconds:.1f} s")
    failed = missed(hidden)
    targets = ", ".join(f"{name} >= {target}" for name, target in TARGETS.items())
    print(f"\ntargets with the annotation hidden ({targets}): "
          + ("met" if not failed else "NOT met: " + ", ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
