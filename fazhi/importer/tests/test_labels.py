"""The hand-labelled reports: the labels are true to the text, and the importer meets its
targets on the seeds and on the reports written after the rules (tests/unseen/)."""

from fazhi.importer.scoring import labelled_set, score, unseen_set
from fazhi.importer.vocabulary import TERMS


def test_every_labelled_quote_is_the_text_at_its_offsets():
    for text, labels in labelled_set() + unseen_set():
        for label in labels:
            assert text[label["start"] : label["end"]] == label["quote"]
            assert label["key"] in TERMS


def test_all_five_seeds_are_labelled():
    assert len(labelled_set()) == 5


def test_precision_and_recall_on_the_labelled_seeds_meet_the_targets():
    result = score(labelled_set())
    assert result.precision >= 0.95
    assert result.recall >= 0.85


def test_precision_and_recall_on_the_unseen_reports_meet_the_targets():
    assert len(unseen_set()) == 5
    result = score(unseen_set())
    assert result.precision >= 0.95
    assert result.recall >= 0.85


def test_every_extracted_quote_is_the_original_text_at_its_offsets(seeds):
    from .conftest import seed_text

    for number, result in seeds.items():
        text = seed_text(number)
        for figure in result["indicators"]:
            assert text[figure["start"] : figure["end"]] == figure["quote"]
