"""Narrative-report import: precision and recall on the hand-labelled seeds, and reports per
second on one core (the importer is pure Python and single-threaded; no database work)."""

import statistics
import time

from bench import figure, log


def run(connection, args) -> list[dict]:
    from fazhi.importer.scoring import labelled_set, score
    from fazhi.importer.services import analyse

    labelled = labelled_set()
    result = score(labelled)
    log(f"  {result.right} right of {result.extracted} extracted, {result.labelled} labelled")
    texts = [text for text, _ in labelled]
    for text in texts:
        analyse(text)  # warm up (OpenCC, regular expressions)
    rounds = []
    for _ in range(7):
        started = time.perf_counter()
        for _ in range(4):
            for text in texts:
                analyse(text)
        rounds.append(4 * len(texts) / (time.perf_counter() - started))
    return [
        figure("importer.precision", result.precision, "ratio"),
        figure("importer.recall", result.recall, "ratio"),
        figure("importer.reports_per_second", statistics.median(rounds), "reports/s"),
    ]
