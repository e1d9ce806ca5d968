"""Chinese full-text search: two-character words match, punctuation is harmless, same on both databases."""

import json

import pytest
from django.core.management import call_command

from fazhi.normdocs import search
from fazhi.normdocs.queries import public_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(walk):
    a = walk("publish", title="示例市行政复议案件办理规定", text="第一条 为规范行政复议工作，制定本规定。")
    b = walk("publish", title="示例市规范性文件备案审查办法", text="第一条 规范性文件应当报送备案。")
    draft = walk("draft", title="示例市行政复议听证办法（草案）", text="行政复议听证。")
    return a, b, draft


def titles(query, **kw):
    return sorted(d.title for d in public_documents(query, **kw))


def test_two_character_words_match(published):
    assert titles("复议") == ["示例市行政复议案件办理规定"]
    assert titles("备案") == ["示例市规范性文件备案审查办法"]
    assert titles("行政复议") == ["示例市行政复议案件办理规定"]


def test_every_word_must_match(published):
    assert titles("复议 备案") == []
    assert len(titles("")) == 2  # an empty query lists every published document


def test_drafts_are_never_found(published):
    assert "示例市行政复议听证办法（草案）" not in titles("听证")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        '复议"',
        "复议 OR",
        "(复议",
        "NEAR(复议)",
        "复议;--",
        "复议^",
        "：",
        "\\",
        "%",
        "_",
        "复议 AND NOT 备案",
    ],
)
def test_odd_punctuation_is_safe(published, query):
    found = titles(query)
    assert found in ([], ["示例市行政复议案件办理规定"]) or len(found) <= 2


def test_a_query_of_punctuation_only_finds_nothing(published):
    assert titles("……！？") == []


def test_tokens_hold_the_short_words_inside_long_ones():
    assert {"行政", "复议", "行政复议"} <= set(search.tokens("行政复议"))


def test_the_command_returns_what_the_portal_returns(published, capsys):
    call_command("normdocs", "search", "复议", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in rows] == ["示例市行政复议案件办理规定"]
    assert set(rows[0]) >= {"number", "title", "status", "org_name", "published_on"}


def test_the_command_refuses_an_unknown_org(published):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("normdocs", "search", "复议", "--org", "NOPE")


def test_the_command_lists_only_what_was_in_force_on_a_date(walk, capsys):
    walk("publish", title="示例市行政复议案件办理规定")  # in force from 2026-05-01
    call_command("normdocs", "search", "复议", "--on", "2026-04-30", "--json")
    assert json.loads(capsys.readouterr().out) == []
    call_command("normdocs", "search", "复议", "--on", "2026-05-01", "--json")
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["示例市行政复议案件办理规定"]
