"""Precision and recall of the importer against the hand-labelled seeds (tests/labels/).

An extracted figure is right when a labelled figure has the same key and value and its
quote overlaps the labelled quote. Used by the tests and by `python -m bench importer`.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .services import analyse

TESTS = Path(__file__).resolve().parent / "tests"
SEEDS, LABELS = TESTS / "seeds", TESTS / "labels"


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


def labelled_set() -> list[tuple[str, list[dict]]]:
    """(text, labelled figures) of each labelled seed."""
    found = []
    for path in sorted(LABELS.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        found.append(((SEEDS / label["file"]).read_text(encoding="utf-8"), label["figures"]))
    return found


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
