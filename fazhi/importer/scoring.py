"""Precision and recall of the importer against hand-labelled reports.

Two sets, always reported apart: the five seeds the rules were written from (tests/seeds/,
labels in tests/labels/), and reports written and labelled by hand after the rules, before
any rule was changed for them (tests/unseen/, text and label side by side) — the honest
measure of how the rules do on reports nobody tuned them on.

An extracted figure is right when a labelled figure has the same key and value and its
quote overlaps the labelled quote. Used by the tests and by `python -m bench importer`.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .services import analyse

TESTS = Path(__file__).resolve().parent / "tests"
SEEDS, LABELS = TESTS / "seeds", TESTS / "labels"
UNSEEN = TESTS / "unseen"


@dataclass(frozen=True)
class Score:
    right: int
    extracted: int
    labelled: int

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


def labelled_set(labels: Path = LABELS, texts: Path = SEEDS) -> list[tuple[str, list[dict]]]:
    """(text, labelled figures) of each labelled report: by default the seeds."""
    found = []
    for path in sorted(labels.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        found.append(((texts / label["file"]).read_text(encoding="utf-8"), label["figures"]))
    return found


def unseen_set() -> list[tuple[str, list[dict]]]:
    """The reports written after the rules (tests/unseen/)."""
    return labelled_set(UNSEEN, UNSEEN)


def matches(figure: dict, label: dict) -> bool:
    overlap = figure["start"] < label["end"] and label["start"] < figure["end"]
    return figure["key"] == label["key"] and figure["value"] == label["value"] and overlap


def score(labelled: list[tuple[str, list[dict]]]) -> Score:
    right = extracted = total = 0
    for text, labels in labelled:
        figures = analyse(text)["indicators"]
        right += sum(any(matches(f, label) for label in labels) for f in figures)
        extracted, total = extracted + len(figures), total + len(labels)
    return Score(right, extracted, total)
