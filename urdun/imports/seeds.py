"""Where the two seed documents are: ../shared/seeds beside the checkout when it is there,
otherwise the copies kept in urdun/imports/seed_data (so a lone clone still has its demo)."""

from __future__ import annotations

from pathlib import Path

PLAN_SEED = "000_baccca05a24a7a48.txt"
PERFORMANCE_SEED = "002_be74bae87865f47b.txt"
_HERE = Path(__file__).resolve().parent


def seed_path(name: str) -> Path:
    shared = _HERE.parents[2] / "shared" / "seeds" / name
    return shared if shared.exists() else _HERE / "seed_data" / name
