"""规范性文件: search over 100,000 generated documents, and the hand-written SQL of its indicators.

Search (`python -m bench normdocs --db sqlite|pg`): documents of realistic length (about
1,500 characters of 公文 sentences each) are generated, cut by jieba and indexed as the
platform indexes them (search.py); then for a set of two- and four-character words the
portal's search view (through the Django test client, the whole request) and the bare
full-text query on the same index (search.matching_ids_sql, a LIMIT 20 page of ids) are
timed: median and p95 of each, and their ratio.

The hand-written SQL below (`hand`) recomputes every normdocs indicator from the tables,
for bench/indicators.py's check that the registry and hand-written SQL agree.
"""

import random
import statistics
import time

from bench import log

KEYS = (
    "issued",
    "repealed",
    "in_force",
    "reviewed",
    "filed",
    "filed_on_time",
    "filing_overdue",
    "cleanup_reviewed",
    "cleanup_repealed",
)
HAND_KEYS = tuple(f"normdocs.{k}" for k in KEYS)

DOCS_SQL = """
SELECT {by}
  SUM(CASE WHEN d.published_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.ended_on BETWEEN %(start)s AND %(end)s AND d.state IN ('repealed', 'expired')
       THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.state IN ('in_force', 'amended', 'repealed', 'expired') AND d.effective_on <= %(end)s
       AND ((d.state = 'in_force' AND d.ended_on IS NULL) OR d.ended_on > %(end)s)
       AND (d.valid_until IS NULL OR d.valid_until >= %(end)s) THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.filed_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.filed_on BETWEEN %(start)s AND %(end)s AND EXISTS (SELECT 1 FROM core_clock c
       WHERE c.subject_type = 'normdocs.document' AND c.subject_id = d.id AND c.rule_key = 'normdocs.filing'
       AND c.stopped_on <= c.due_on) THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.published_on IS NOT NULL AND d.filed_on IS NULL AND EXISTS (SELECT 1 FROM core_clock c
       WHERE c.subject_type = 'normdocs.document' AND c.subject_id = d.id AND c.rule_key = 'normdocs.filing'
       AND c.due_on < %(end)s AND (c.stopped_on IS NULL OR c.stopped_on > c.due_on)) THEN 1 ELSE 0 END)
FROM normdocs_document d JOIN core_org o ON o.id = d.org_id
WHERE o.path LIKE %(path)s {group}
"""
REVIEWS_SQL = """
SELECT {by} COUNT(*) FROM normdocs_legalityreview d JOIN core_org o ON o.id = d.org_id
WHERE o.path LIKE %(path)s AND d.concluded_on BETWEEN %(start)s AND %(end)s {group}
"""
CLEANUP_SQL = """
SELECT {by} COUNT(*), SUM(CASE WHEN d.decision = 'repeal' THEN 1 ELSE 0 END)
FROM normdocs_cleanupentry d JOIN core_org o ON o.id = d.org_id
WHERE o.path LIKE %(path)s AND d.decided_on BETWEEN %(start)s AND %(end)s AND d.decision <> '' {group}
"""
STATEMENTS = (
    (DOCS_SQL, ("issued", "repealed", "in_force", "filed", "filed_on_time", "filing_overdue")),
    (REVIEWS_SQL, ("reviewed",)),
    (CLEANUP_SQL, ("cleanup_reviewed", "cleanup_repealed")),
)


def hand(connection, path: str, year: int, by_org: bool) -> dict:
    """{org id (None unless by_org): {normdocs.key: n}} from the three statements."""
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "path": f"{path}%"}
    found: dict = {}
    for sql, keys in STATEMENTS:
        sql = sql.replace("{by}", "d.org_id," if by_org else "")
        sql = sql.replace("{group}", "GROUP BY d.org_id" if by_org else "")
        if connection.vendor == "sqlite":
            sql = sql.replace("%(", ":").replace(")s", "")
        with connection.cursor() as cursor:
            cursor.execute(sql, params) if connection.vendor != "sqlite" else cursor.execute(sql, params)
            rows = cursor.fetchall()
        for row in rows:
            org, counts = (row[0], row[1:]) if by_org else (None, row)
            figures = found.setdefault(org, {})
            for key, n in zip(keys, counts, strict=True):
                figures[f"normdocs.{key}"] = figures.get(f"normdocs.{key}", 0) + int(n or 0)
    return found


# --- search --------------------------------------------------------------------------------

SENTENCES = (
    "为规范行政执法行为，保障公民、法人和其他组织的合法权益，根据有关法律法规，结合本市实际，制定本办法。",
    "行政机关应当依法受理行政复议申请，并在法定期限内作出行政复议决定。",
    "规范性文件应当自公布之日起三十日内报送上一级人民政府备案。",
    "市场监督管理部门负责本行政区域内的监督检查工作，依法查处违法行为。",
    "申请人应当提交营业执照、法定代表人身份证明等材料。",
    "本办法所称校外培训机构，是指面向中小学生开展学科类培训的机构。",
    "各级人民政府应当加强对政务公开工作的组织领导，建立健全工作机制。",
    "住房和城乡建设主管部门应当加强对建筑市场的监督管理。",
    "对违反本办法规定的，由有关部门依法责令改正；情节严重的，依法给予处分。",
    "本办法自发布之日起施行，有效期五年。",
    "教育行政部门应当会同有关部门加强对民办学校的监督管理。",
    "生态环境主管部门应当依法公开环境信息，接受社会监督。",
)
TITLES = ("管理办法", "实施细则", "暂行规定", "实施意见", "工作规程", "若干措施")
SUBJECTS = (
    "校外培训机构",
    "行政执法",
    "政务公开",
    "建筑市场",
    "民办学校",
    "环境信息",
    "行政复议",
    "规范性文件备案",
)
WORDS = ("复议", "备案", "政务公开", "建筑", "培训", "监督管理", "民办学校", "生态环境")


def generate(n: int, org_ids: list[int], seed: int = 7):
    rnd = random.Random(seed)
    for i in range(n):
        subject = rnd.choice(SUBJECTS)
        title = f"示例市{subject}{rnd.choice(TITLES)}（{i}）"
        text = "".join(f"第{k + 1}条 {rnd.choice(SENTENCES)}\n" for k in range(rnd.randint(25, 40)))
        yield i, rnd.choice(org_ids), title, text


def load(connection, n: int):
    from django.db import transaction

    from fazhi.core.models import Level, Org
    from fazhi.normdocs import search
    from fazhi.normdocs.models import Document, SearchEntry

    city = Org.objects.create(code="NB", name="检索市人民政府", level=Level.CITY, doc_prefix="检府")
    orgs = [city] + [
        Org.objects.create(
            code=f"NB-{k}", name=f"检索市第{k}局", level=Level.DEPARTMENT, parent=city, doc_prefix=f"检{k}"
        )
        for k in range(20)
    ]
    started = time.perf_counter()
    batch_docs, batch_entries = [], []
    with transaction.atomic():
        for i, org_id, title, text in generate(n, [o.pk for o in orgs]):
            import datetime

            day = datetime.date(2015, 1, 1) + datetime.timedelta(days=i % 3800)
            batch_docs.append(
                Document(
                    id=i + 1, org_id=org_id, title=title, number=f"检规〔{day.year}〕{i + 1}号", text=text,
                    state="in_force", published_on=day, effective_on=day, imported=True,
                )
            )  # fmt: skip
            batch_entries.append(
                SearchEntry(document_id=i + 1, org_id=org_id, tokens=search.document_tokens(batch_docs[-1]))
            )
            if len(batch_docs) == 2000:
                Document.objects.bulk_create(batch_docs, batch_size=500)
                SearchEntry.objects.bulk_create(batch_entries, batch_size=500)
                batch_docs, batch_entries = [], []
        Document.objects.bulk_create(batch_docs, batch_size=500)
        SearchEntry.objects.bulk_create(batch_entries, batch_size=500)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('normdocs_document','id'), %s)", [n + 1])
            cursor.execute("VACUUM ANALYZE normdocs_searchentry")
            cursor.execute("VACUUM ANALYZE normdocs_document")
        else:
            cursor.execute("ANALYZE")
    log(f"normdocs: {n} documents loaded and indexed in {time.perf_counter() - started:.0f} s")


def _times(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _summary(ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def run(connection, args) -> list[dict]:
    from django.test import Client

    from fazhi.normdocs import search

    n = getattr(args, "normdocs_docs", 100_000)
    load(connection, n)
    client = Client()
    view_ms, bare_ms = [], []
    for _ in range(getattr(args, "normdocs_reps", 5)):
        for word in WORDS:
            words = search.query_tokens(word)
            sql, params = search.matching_ids_sql(words)
            page_sql = (
                f"SELECT id FROM normdocs_document WHERE id IN ({sql}) "
                "ORDER BY published_on DESC, id DESC LIMIT 20"
            )

            def bare(page_sql=page_sql, params=params):
                with connection.cursor() as cursor:
                    cursor.execute(page_sql, params)
                    cursor.fetchall()

            bare_ms += _times(bare, 1)
            view_ms += _times(lambda word=word: client.get("/open/normdocs/", {"q": word}), 1)
    db = connection.vendor
    (vm, vp), (bm, bp) = _summary(view_ms), _summary(bare_ms)
    return [
        {"name": f"normdocs search view median ({db}, {n} docs)", "value": round(vm, 2), "unit": "ms"},
        {
            "name": f"normdocs search view p95 ({db}, {n} docs)",
            "value": round(vp, 2),
            "unit": "ms",
            "target": "< 50",
        },
        {"name": f"normdocs bare full-text median ({db})", "value": round(bm, 2), "unit": "ms"},
        {"name": f"normdocs bare full-text p95 ({db})", "value": round(bp, 2), "unit": "ms"},
        {"name": f"normdocs view / bare p95 ({db})", "value": round(vp / bp, 2) if bp else None, "unit": "×"},
    ]
