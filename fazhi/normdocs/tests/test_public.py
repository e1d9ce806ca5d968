"""The portal's 规范性文件库 and the public API: published documents only, found by a two-character word."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_finds_a_document_by_a_two_character_word(client, walk):
    doc = walk("publish", title="示例市行政复议案件办理规定", text="第一条 行政复议。")
    page = client.get("/open/normdocs/", {"q": "复议"}).content.decode()
    assert doc.title in page and doc.number in page


def test_a_document_page_has_its_number_dates_status_interpretation_and_qr(client, walk):
    doc = walk("publish")
    page = client.get(f"/open/normdocs/{doc.pk}/").content.decode()
    assert doc.number in page and "2026年5月1日" in page and "现行有效" in page and "一图读懂" in page
    assert "<svg" in page and f"/open/normdocs/{doc.pk}/" in page


def test_drafts_are_not_public(client, walk):
    doc = walk("decide")
    assert client.get(f"/open/normdocs/{doc.pk}/").status_code == 404
    assert doc.title not in client.get("/open/normdocs/").content.decode()


def test_filters_and_bad_filters(client, walk):
    doc = walk("publish")
    assert (
        doc.title
        in client.get("/open/normdocs/", {"org": "SL", "year": 2026, "status": "in_force"}).content.decode()
    )
    assert doc.title not in client.get("/open/normdocs/", {"status": "repealed"}).content.decode()
    assert client.get("/open/normdocs/", {"year": "abc", "q": "<script>"}).status_code == 400
    page = client.get("/open/normdocs/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in page


def test_the_api_searches_like_the_portal(client, walk):
    doc = walk("publish", title="示例市规范性文件备案审查办法")
    rows = client.get("/api/v1/normdocs/", {"q": "备案"}).json()
    assert [r["number"] for r in rows] == [doc.number]
    assert client.get(f"/api/v1/normdocs/{doc.pk}").json()["interpretation"] == "一图读懂"
    assert client.get("/api/v1/normdocs/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/api/v1/normdocs/99999").status_code == 404


def test_the_history_shows_amendment_and_repeal(client, walk, people):
    from fazhi.normdocs import services

    from .conftest import D

    doc = walk("file")
    services.repeal(doc, people["clerk"], reason="上位法已废止", on=D(2026, 9, 1))
    page = client.get(f"/open/normdocs/{doc.pk}/").content.decode()
    assert "2026年4月24日 公布" in page and "2026年5月1日 施行" in page  # the document's dates
    assert "2026年9月1日 已废止：上位法已废止" in page


def test_a_very_common_word_lists_the_newest_matches_and_says_so(client, walk, monkeypatch):
    from fazhi.normdocs import search

    monkeypatch.setattr(search, "MAX_MATCHES", 1)
    monkeypatch.setattr(search.matching_ids_sql, "__defaults__", (1, None))
    older = walk("publish", title="示例市行政复议办法一")
    newer = walk("publish", title="示例市行政复议办法二")
    page = client.get("/open/normdocs/", {"q": "复议"}).content.decode()
    assert newer.title in page and older.title not in page and "仅列出最近登记的1件" in page


def test_a_common_word_searched_within_a_body_is_capped_among_that_bodys_documents(
    client, walk, people, monkeypatch
):
    from fazhi.normdocs import search

    monkeypatch.setattr(search.matching_ids_sql, "__defaults__", (1, None))
    from fazhi.normdocs.models import Document

    from .conftest import D

    ours = walk("publish", title="示例市行政复议办法一")
    theirs = Document.objects.create(  # registered later by 乙局: the newest match of all
        org=people["sibling"].memberships.get().org, title="乙局行政复议办法", number="乙规〔2026〕1号",
        state="in_force", published_on=D(2026, 6, 1), effective_on=D(2026, 6, 1),
    )  # fmt: skip
    search.index(theirs)
    assert "乙局行政复议办法" in client.get("/open/normdocs/", {"q": "复议"}).content.decode()
    page = client.get("/open/normdocs/", {"q": "复议", "org": ours.org.code}).content.decode()
    assert ours.title in page  # the newest match in the whole register is another body's


def test_the_library_answers_what_was_in_force_on_a_date(client, walk, people):
    from fazhi.normdocs import services

    from .conftest import D

    doc = walk("file")
    services.repeal(doc, people["clerk"], reason="上位法已废止", on=D(2026, 9, 1))
    assert doc.title in client.get("/open/normdocs/", {"on": "2026-06-01"}).content.decode()
    assert doc.title not in client.get("/open/normdocs/", {"on": "2026-09-02"}).content.decode()
    assert [r["id"] for r in client.get("/api/v1/normdocs/", {"on": "2026-06-01"}).json()] == [doc.pk]


def test_the_library_page_is_served_as_rendered_until_the_register_changes(
    client, walk, people, django_assert_max_num_queries
):
    from fazhi.normdocs import services

    from .conftest import D

    doc = walk("publish", title="示例市行政复议案件办理规定")
    first = client.get("/open/normdocs/").content.decode()
    assert "<td>现行有效</td>" in first
    with django_assert_max_num_queries(1):  # the register's version only
        assert client.get("/open/normdocs/").content.decode() == first
    draft = walk("draft", title="示例市另一办法")
    services.edit_draft(draft, people["clerk"], text="第一条 修改后的草案。")
    with django_assert_max_num_queries(1):  # a draft saved changes nothing the public reads
        assert client.get("/open/normdocs/").content.decode() == first
    services.repeal(doc, people["clerk"], reason="上位法已废止", on=D(2026, 9, 1))
    assert "<td>已废止</td>" in client.get("/open/normdocs/").content.decode()  # not the kept page


def test_the_page_cache_can_be_turned_off(client, walk, settings, django_assert_num_queries):
    walk("publish")
    settings.FAZHI_PAGE_CACHE_SECONDS = 0
    client.get("/open/normdocs/")
    with django_assert_num_queries(4):  # the page renders again: site, count, rows, units
        client.get("/open/normdocs/")
