"""Narrative-report import: precision and recall on the hand-labelled reports, and reports
per second on one core (the importer is pure Python and single-threaded; no database work).

Two labelled sets, reported apart: `seeds`, the five real reports the rules were written
from, and `unseen`, reports written and labelled by hand after the rules and before any
rule was changed for them (fazhi/importer/tests/unseen/). The second is the fair measure.
"""

import statistics
import time

from bench import figure, log


def run(connection, args) -> list[dict]:
    from fazhi.importer.scoring import labelled_set, score, unseen_set

    found = []
    for name, labelled in (("seeds", labelled_set()), ("unseen", unseen_set())):
        result = score(labelled)
        log(f"  {name}: {result.right} right of {result.extracted} extracted, {result.labelled} labelled")
        found += [
            figure(f"importer.{name}.precision", result.precision, "ratio"),
            figure(f"importer.{name}.recall", result.recall, "ratio"),
        ]
    texts = [text for text, _ in labelled_set()]
    return found + [figure("importer.reports_per_second", speed(texts), "reports/s")]


def speed(texts: list[str]) -> float:
    """Median reports per second over seven rounds of the seeds, after a warm-up."""
    from fazhi.importer.services import analyse

    for text in texts:
        analyse(text)  # warm up (OpenCC, regular expressions)
    rounds = []
    for _ in range(7):
        started = time.perf_counter()
        for _ in range(4):
            for text in texts:
                analyse(text)
        rounds.append(4 * len(texts) / (time.perf_counter() - started))
    return statistics.median(rounds)
