"""The articles the project ships, for tests that must hold on real news, not only the seed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"
ARTICLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))
NON_ENGLISH = sorted((ROOT / "examples" / "articles" / "non-english").glob("*.txt"))
