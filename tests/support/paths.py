"""Where the project and its seed are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
SEED_DOCUMENT_ID = "000_4a12a5157f8c4e5f"
