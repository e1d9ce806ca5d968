"""Random and mutated report text: the importer answers, it never raises."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core.reading import Unreadable, read_bytes
from fazhi.importer.services import analyse

from .conftest import seed_text

SAMPLE = seed_text("001")[:3000] + seed_text("000")[:1500]
REPORT_ALPHABET = st.sampled_from(
    list(set(SAMPLE)) + list("0123456789%余多万百分之一二三十()（）、，。\n\ufffd?")
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def analysed(text: str) -> None:
    try:
        result = analyse(text)
    except Unreadable:
        return
    for figure in result["indicators"]:
        assert text[figure["start"] : figure["end"]] == figure["quote"]


@FAST
@given(st.text(REPORT_ALPHABET, max_size=600))
def test_random_report_like_text_never_raises(text):
    analysed("法治" + text)


@FAST
@given(st.text(max_size=400))
def test_any_unicode_text_never_raises(text):
    analysed(text)


@FAST
@given(
    st.lists(
        st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, 40), st.text(REPORT_ALPHABET, max_size=8)),
        max_size=12,
    )
)
def test_a_mutated_report_never_raises(edits):
    text = SAMPLE
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    analysed(text)


@FAST
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".docx", ".pdf", ""]))
def test_random_bytes_are_read_or_refused_clearly(data, suffix):
    try:
        analysed(read_bytes(data, suffix))
    except Unreadable as refused:
        assert str(refused)
