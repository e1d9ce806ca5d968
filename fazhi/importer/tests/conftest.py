from pathlib import Path

import pytest

from fazhi.importer.services import analyse

SEEDS = Path(__file__).resolve().parent / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def seeds() -> dict[str, dict]:
    """The analysis of each seed report, by its number ("000" … "004")."""
    return {p.name[:3]: analyse(seed_text(p.name[:3])) for p in sorted(SEEDS.glob("*.txt"))}
