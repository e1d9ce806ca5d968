"""Chinese full-text search that matches two-character words (复议, 备案) on both databases.

A trigram index cannot find a two-character word (STACK.md), so each document's title,
文号 and text are cut by jieba (`cut_for_search`, which also yields the short words inside
long ones: 行政复议 → 行政 / 复议 / 行政复议) and stored as space-separated tokens in
SearchEntry. A query is cut the same way; a document matches when it holds every token.

- SQLite: an FTS5 table (default unicode61 tokenizer: space-separated tokens are words),
  kept equal to SearchEntry by triggers (migration 0002).
- PostgreSQL: `tsv @@ plainto_tsquery('simple', query tokens)`, where `tsv` is the stored
  `to_tsvector('simple', tokens)` (a generated column, migration 0004) with a GIN index.

Only word characters reach the database, so punctuation in a query (引号, *, ", OR, 括号)
cannot change its meaning: it is dropped before matching.
"""

import logging
import re
import threading

from django.db import connection
from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w+")
MAX_TOKENS = 12
MAX_MATCHES = 1000
_lock = threading.Lock()
_jieba = None


def _cutter():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def tokens(text: str) -> list[str]:
    """The words of `text` for the index: jieba's search cut, word characters only, lower case."""
    words = []
    for piece in WORD.findall(text or ""):
        words += [w.lower() for w in _cutter().cut_for_search(piece) if WORD.fullmatch(w)]
    return words


def document_tokens(doc) -> str:
    return " ".join(tokens(f"{doc.title} {doc.number} {doc.text}"))


def query_tokens(query: str) -> list[str]:
    """The distinct tokens of a query, in order, at most MAX_TOKENS (a long paste stays cheap)."""
    return list(dict.fromkeys(tokens(query[:200])))[:MAX_TOKENS]


def index(doc) -> None:
    from .models import SearchEntry

    SearchEntry.objects.update_or_create(
        document_id=doc.pk, defaults={"org_id": doc.org_id, "tokens": document_tokens(doc)}
    )


def matching_ids_sql(words: list[str], cap: int = MAX_MATCHES, within=None) -> tuple[str, list]:
    """The bare full-text query: ids of the `cap` most recently registered documents holding
    every word. A word found in most of a large register (复议 in a hundred thousand
    documents) is answered from the newest matches, so a page costs the same however common
    the word is; the screen says so and asks for another word. `within` ((sql, params) of the
    register as the reader narrowed it by body, year, status or date): a common word's newest
    matches are sought among those documents, so the cap never hides one of them."""
    if connection.vendor == "postgresql":
        return _postgresql(" ".join(words), cap, within)
    match = " ".join(f'"{w}"' for w in words)  # words are \\w+ only: no quote can appear
    newest = (
        "SELECT rowid FROM normdocs_fts WHERE normdocs_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
        [match, cap],
    )
    if within is None or not _reaches(*newest, cap):
        return newest  # every match is among them: the reader's filters apply to the whole set
    sql = (  # the narrowed documents first, newest backwards, each looked up in the index
        f"SELECT id FROM normdocs_document WHERE id IN ({within[0]}) AND id IN "
        "(SELECT rowid FROM normdocs_fts WHERE normdocs_fts MATCH %s) ORDER BY id DESC LIMIT %s"
    )
    return sql, [*within[1], match, cap]


def _reaches(sql: str, params: list, cap: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql})", params)
        return cursor.fetchone()[0] >= cap


def _postgresql(query: str, cap: int, within) -> tuple[str, list]:
    among, among_params = (f" AND document_id IN ({within[0]})", list(within[1])) if within else ("", [])
    if _common(query, cap):
        # a word in much of the register: walk the newest documents backwards and stop at
        # the `cap`-th match, instead of collecting every match and sorting them
        sql = f"SELECT document_id FROM normdocs_searchentry WHERE {MATCHES}{among} {NEWEST}"
        return sql, [query, *among_params, cap]
    # MATERIALIZED: every match of a rarer word from the GIN index first, then the newest
    # `cap` of them (left to itself the planner may walk the primary key for those too).
    sql = (
        f"WITH found AS MATERIALIZED (SELECT document_id FROM normdocs_searchentry WHERE {MATCHES}) "
        f"SELECT document_id FROM found WHERE TRUE{among} {NEWEST}"
    )
    return sql, [query, *among_params, cap]


MATCHES = "tsv @@ plainto_tsquery('simple', %s)"
NEWEST = "ORDER BY document_id DESC LIMIT %s"


def _common(query: str, cap: int) -> bool:
    """Whether the words are in a large share of the register (a tenth or more), by the
    planner's own estimate from the tsvector statistics (no rows read): then the newest
    matches are found within the first few thousand documents walked backwards."""
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM normdocs_searchentry "
            "WHERE tsv @@ plainto_tsquery('simple', %s)",
            [query],
        )
        estimated = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'normdocs_searchentry'")
        total = cursor.fetchone()[0]
    return estimated > max(cap * 10, total / 10)


def filter_matching(queryset, query: str, narrowed: bool = False):
    """`queryset` narrowed to the documents matching `query`; an empty query leaves it whole,
    a query with no words (only punctuation) matches nothing. `narrowed`: the queryset was
    filtered by the reader, so the matches are sought among its documents only."""
    if not (query or "").strip():
        return queryset
    words = query_tokens(query)
    if not words:
        return queryset.none()
    within = queryset.values("pk").query.get_compiler(queryset.db).as_sql() if narrowed else None
    sql, params = matching_ids_sql(words, within=within)
    return queryset.filter(pk__in=RawSQL(sql, params))
