"""规范性文件: search over 100,000 generated documents, and the hand-written SQL of its indicators.

Search (`python -m bench normdocs --db sqlite|pg [--normdocs-docs N]`): documents of realistic length (about
1,500 characters of 公文 sentences each) are generated, cut by jieba and indexed as the
platform indexes them (search.py); then for a set of two- and four-character words the
portal's search view (through the Django test client, the whole request) and the bare
full-text query on the same index (search.matching_ids_sql, a LIMIT 20 page of ids) are
timed (the page cache off): median and p95 of each, and their ratio. Then two gunicorns
(2 sync workers each) serve the scratch database — fazhi as configured, and fazhi with its
page cache off — and wrk (32 connections, 127.0.0.1) loads, in interleaved rounds, a minimal
Django view rendering a 50-row table (`table50`, the baseline), the portal's library page and
a search for 复议 from each: requests/s, p99, and each page's ratio to the baseline.

The hand-written SQL below (`hand`) recomputes every normdocs indicator from the tables,
for bench/indicators.py's check that the registry and hand-written SQL agree.
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import time

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import Context, Engine, Template

from bench import figure, hand_counts, log, paired_ratio, ratio

KEYS = (
    "issued",
    "repealed",
    "in_force",
    "reviewed",
    "filed",
    "filed_on_time",
    "filing_overdue",
    "cleanup_reviewed",
    "cleanup_kept",
    "cleanup_amended",
    "cleanup_repealed",
    "comments_received",
    "comments_adopted",
)
HAND_KEYS = tuple(f"normdocs.{k}" for k in KEYS)

# The 备案 clock (one a document, started on 公布) joined once; 逾期未报送 is as of the period's
# last day: due before it, not sent by it.
DOCS_SQL = """
SELECT {by}
  SUM(CASE WHEN d.published_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.ended_on BETWEEN %(start)s AND %(end)s AND d.state IN ('repealed', 'expired')
       THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.state IN ('in_force', 'amended', 'repealed', 'expired') AND d.effective_on <= %(end)s
       AND ((d.state = 'in_force' AND d.ended_on IS NULL) OR d.ended_on > %(end)s)
       AND (d.valid_until IS NULL OR d.valid_until >= %(end)s) THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.filed_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.filed_on BETWEEN %(start)s AND %(end)s AND c.stopped_on <= c.due_on THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.published_on IS NOT NULL AND c.due_on < %(end)s
       AND (d.filed_on IS NULL OR d.filed_on > %(end)s) THEN 1 ELSE 0 END)
FROM normdocs_document d JOIN core_org o ON o.id = d.org_id
LEFT JOIN core_clock c ON c.subject_type = 'normdocs.document' AND c.subject_id = d.id
      AND c.rule_key = 'normdocs.filing'
WHERE o.path LIKE %(path)s {group}
"""
# A document counts once at each reviewing body that gave it an opinion in the period.
REVIEWS_SQL = """
SELECT {by} COUNT(*) FROM (
  SELECT DISTINCT r.org_id, r.document_id FROM normdocs_legalityreview r JOIN core_org o ON o.id = r.org_id
  WHERE o.path LIKE %(path)s AND r.concluded_on BETWEEN %(start)s AND %(end)s
) d {group}
"""
CLEANUP_SQL = """
SELECT {by} COUNT(*), SUM(CASE WHEN d.decision = 'keep' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.decision = 'amend' THEN 1 ELSE 0 END),
  SUM(CASE WHEN d.decision = 'repeal' THEN 1 ELSE 0 END)
FROM normdocs_cleanupentry d JOIN core_org o ON o.id = d.org_id
WHERE o.path LIKE %(path)s AND d.decided_on BETWEEN %(start)s AND %(end)s AND d.decision <> '' {group}
"""
# Comments on documents' consultations, on their day in Asia/Shanghai (as bench/decisions.py).
COMMENTS_SQL = """
SELECT {by} COUNT(*), SUM(CASE WHEN d.adopted THEN 1 ELSE 0 END)
FROM core_comment d JOIN core_consultation c ON c.id = d.consultation_id JOIN core_org o ON o.id = d.org_id
WHERE o.path LIKE %(path)s AND c.subject_type = 'normdocs.document' AND NOT d.hidden
  AND {day} BETWEEN %(start)s AND %(end)s {group}
"""
STATEMENTS = (
    (DOCS_SQL, ("issued", "repealed", "in_force", "filed", "filed_on_time", "filing_overdue")),
    (REVIEWS_SQL, ("reviewed",)),
    (CLEANUP_SQL, ("cleanup_reviewed", "cleanup_kept", "cleanup_amended", "cleanup_repealed")),
    (COMMENTS_SQL, ("comments_received", "comments_adopted")),
)


def hand(connection, path: str, year: int, by_org: bool) -> dict:
    """{org id (None unless by_org): {normdocs.key: n}} from the four statements."""
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "path": f"{path}%"}
    return hand_counts(connection, STATEMENTS, "normdocs", params, by_org)


# --- search --------------------------------------------------------------------------------

# Boilerplate of any 公文 (none holds a searched word), and sentences about one subject each:
# a document is mostly the first kind with a few of its subject's, so a searched word is in
# the documents of its subject (a few percent of the register), as in a real one.
SENTENCES = (
    "为规范管理，保障公民、法人和其他组织的合法权益，根据有关法律法规，结合本市实际，制定本办法。",
    "本办法适用于本市行政区域内的相关活动及其监督管理。",
    "各级人民政府应当加强组织领导，建立健全工作机制，所需经费列入本级财政预算。",
    "有关部门应当按照各自职责，做好相关工作，加强协调配合。",
    "对违反本办法规定的，由有关部门依法责令改正；情节严重的，依法给予处分。",
    "鼓励社会力量参与，支持行业协会发挥自律作用。",
    "工作人员在工作中滥用职权、玩忽职守、徇私舞弊的，依法追究责任。",
    "本办法自发布之日起施行，有效期五年。",
    "申请人应当如实提交申请材料，并对材料的真实性负责。",
    "主管部门应当在规定期限内作出决定，并书面告知申请人。",
)
SUBJECTS = {
    "行政复议": (
        "行政机关应当依法受理行政复议申请，并在法定期限内作出行政复议决定。",
        "申请人对行政复议决定不服的，可以依法提起行政诉讼。",
    ),
    "规范性文件备案": (
        "规范性文件应当自公布之日起三十日内报送上一级人民政府备案。",
        "备案审查机关发现问题的，应当通知制定机关纠正。",
    ),
    "政务公开": ("行政机关应当主动公开政府信息，推进政务公开标准化规范化。", "政务公开工作纳入绩效考核。"),
    "建筑市场": ("住房和城乡建设主管部门应当加强对建筑市场的监督管理。", "建筑施工企业应当依法取得资质。"),
    "校外培训": (
        "本办法所称校外培训机构，是指面向中小学生开展培训的机构。",
        "培训机构应当公示收费项目和标准。",
    ),
    "民办学校": ("教育行政部门应当加强对民办学校的监督管理。", "民办学校应当建立健全内部管理制度。"),
    "生态环境": (
        "生态环境主管部门应当依法公开环境信息，接受社会监督。",
        "排污单位应当按照规定申领排污许可证。",
    ),
    "市场监管": (
        "市场监督管理部门负责本行政区域内的监督检查工作，依法查处违法行为。",
        "经营者应当诚信经营。",
    ),
}
SUBJECTS |= {
    f"专项事务{k}": (f"专项事务{k}的主管部门应当加强指导。", f"专项事务{k}实行目录管理。") for k in range(24)
}
TITLES = ("管理办法", "实施细则", "暂行规定", "实施意见", "工作规程", "若干措施")
WORDS = ("复议", "备案", "政务公开", "建筑", "培训", "监督管理", "民办学校", "生态环境")


def generate(n: int, org_ids: list[int], seed: int = 7):
    """(id, org id, title, text, tokens): 25–40 articles, mostly boilerplate, a few of the
    document's subject; the tokens are jieba's, cut once per sentence and put together (as
    search.tokens cuts the whole text: each article is its own run of word characters)."""
    from fazhi.normdocs import search

    every = SENTENCES + tuple(x for pair in SUBJECTS.values() for x in pair)
    cut = {sentence: " ".join(search.tokens(sentence)) for sentence in every}
    articles = {k: " ".join(search.tokens(f"第{k}条")) for k in range(1, 41)}
    subjects = list(SUBJECTS)
    rnd = random.Random(seed)
    for i in range(n):
        subject = rnd.choice(subjects)
        title = f"示例市{subject}{rnd.choice(TITLES)}（{i}）"
        chosen = [rnd.choice(SENTENCES) for _ in range(rnd.randint(22, 36))]
        chosen[2:2] = [rnd.choice(SUBJECTS[subject]) for _ in range(4)]
        text = "".join(f"第{k}条 {sentence}\n" for k, sentence in enumerate(chosen, 1))
        words = [" ".join(search.tokens(f"{title} 检规{i + 1}号"))]
        words += [f"{articles[k]} {cut[sentence]}" for k, sentence in enumerate(chosen, 1)]
        yield i, rnd.choice(org_ids), title, text, " ".join(words)


def load(connection, n: int) -> None:
    import datetime

    from django.db import transaction

    from fazhi.core.models import Level, Org
    from fazhi.normdocs.models import Document, SearchEntry

    city = Org.objects.create(code="NB", name="检索市人民政府", level=Level.CITY, doc_prefix="检府")
    orgs = [city] + [
        Org.objects.create(
            code=f"NB-{k}", name=f"检索市第{k}局", level=Level.DEPARTMENT, parent=city, doc_prefix=f"检{k}"
        )
        for k in range(20)
    ]
    started = time.perf_counter()
    docs, entries = [], []
    with transaction.atomic():
        for i, org_id, title, text, tokens in generate(n, [o.pk for o in orgs]):
            day = datetime.date(2015, 1, 1) + datetime.timedelta(days=i % 3800)
            docs.append(
                Document(
                    id=i + 1, org_id=org_id, title=title, number=f"检规〔{day.year}〕{i + 1}号", text=text,
                    state="in_force", published_on=day, effective_on=day, imported=True,
                )
            )  # fmt: skip
            entries.append(SearchEntry(document_id=i + 1, org_id=org_id, tokens=tokens))
            if len(docs) == 5000:
                _write(docs, entries)
                docs, entries = [], []
        _write(docs, entries)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('normdocs_document', 'id'), %s)", [n + 1])
            cursor.execute("VACUUM ANALYZE normdocs_searchentry")
            cursor.execute("VACUUM ANALYZE normdocs_document")
        else:
            cursor.execute("ANALYZE")
    log(f"  normdocs: {n:,} documents loaded and indexed in {time.perf_counter() - started:.0f} s")


def _write(docs, entries) -> None:
    from fazhi.normdocs.models import Document, SearchEntry

    Document.objects.bulk_create(docs, batch_size=500)
    SearchEntry.objects.bulk_create(entries, batch_size=500)


def _summary(ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def search_times(connection, reps: int) -> tuple[list[float], list[float]]:
    """(view ms, bare ms) per search: the portal's view through the whole Django stack (its
    page cache off: every search is searched), and the bare full-text query for the same
    first page of ids on the same index."""
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(FAZHI_PAGE_CACHE_SECONDS=0):
        return _search_times(connection, client, reps)


def _search_times(connection, client, reps: int) -> tuple[list[float], list[float]]:
    from fazhi.normdocs import search

    view_ms, bare_ms = [], []
    for _ in range(reps):
        for word in WORDS:
            sql, params = search.matching_ids_sql(search.query_tokens(word))
            page_sql = (
                f"SELECT id FROM normdocs_document WHERE id IN ({sql}) "
                "ORDER BY published_on DESC, id DESC LIMIT 20"
            )
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(page_sql, params)
                cursor.fetchall()
            bare_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            response = client.get("/open/normdocs/", {"q": word})
            view_ms.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.status_code
    return view_ms, bare_ms


# --- the list page under load ----------------------------------------------------------------


@login_not_required
def table50(request):
    """The baseline: a minimal Django view rendering a 50-row table from the database."""
    from fazhi.normdocs.models import Document

    rows = Document.objects.values("number", "title", "published_on").order_by("-pk")[:50]
    return HttpResponse(TABLE50.render(Context({"rows": rows})))


TABLE50 = Template(
    "<!doctype html><html lang=zh-CN><title>50</title><table>"
    "{% for r in rows %}<tr><td>{{ r.number }}</td><td>{{ r.title }}</td><td>{{ r.published_on }}</td></tr>"
    "{% endfor %}</table></html>",
    engine=Engine(),
)


def wsgi_app():
    """What gunicorn serves: fazhi with the baseline view beside it (bench/normdocs_urls.py)."""
    from django.conf import settings

    from fazhi.wsgi import application

    settings.ROOT_URLCONF = "bench.normdocs_urls"
    return application


def load_test(connection, seconds: int) -> list[dict]:
    """wrk on two gunicorns side by side: fazhi as configured (the library page kept rendered
    until the register changes, core/pagecache.py) and fazhi with that cache off (every
    request renders: what the first visitor after a change gets)."""
    from bench import portal

    connection.close()
    servers = [_serve(portal, {}), _serve(portal, {"FAZHI_PAGE_CACHE_SECONDS": "0"})]
    (kept, _), (rendered, _) = servers
    pages = {
        "table50": f"{kept}/bench/table50/",
        "library": f"{kept}/open/normdocs/",
        "search": f"{kept}/open/normdocs/?q=%E5%A4%8D%E8%AE%AE",
        "library.rendered": f"{rendered}/open/normdocs/",
        "search.rendered": f"{rendered}/open/normdocs/?q=%E5%A4%8D%E8%AE%AE",
    }
    try:
        for base, process in servers:
            portal.wait_until_up(f"{base}/open/healthz/", process)
        samples = portal.measure(pages, seconds)
    except RuntimeError as error:  # wrk saw timeouts (a loaded machine): say so, keep the search figures
        log(f"  load test abandoned: {str(error).splitlines()[0]}")
        return [{"name": f"normdocs.load_test ({connection.vendor})", "value": None, "unit": "failed"}]
    finally:
        for _, process in servers:
            portal.stop(process)
    return _load_figures(samples, connection.vendor)


def _serve(portal, env: dict):
    """(base URL, process): gunicorn (2 sync workers) serving bench/normdocs_urls.py."""
    port = portal.free_port()
    env = {**os.environ, "DEBUG": "0", **env}
    command = [sys.executable, "-m", "gunicorn", "bench.normdocs:wsgi_app()", "-b", f"127.0.0.1:{port}"]
    command += ["-w", str(portal.WORKERS), "-k", "sync", "--no-control-socket", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=portal.ROOT, env=env, stdout=sys.stderr, stderr=sys.stderr)
    return f"http://127.0.0.1:{port}", process


def _load_figures(samples: dict, db: str) -> list[dict]:
    rps = {name: [s["rps"] for s in rounds] for name, rounds in samples.items()}
    rate = {
        name: figure(f"normdocs.{name}.rps ({db})", statistics.median(rps[name]), "req/s") for name in samples
    }
    p99 = [
        figure(f"normdocs.{name}.p99 ({db})", statistics.median(s["p99_ms"] for s in samples[name]), "ms")
        for name in samples
    ]
    ratios = [
        ratio(f"normdocs.{name}/table50 ({db})", paired_ratio(rps[name], rps["table50"]), rate["table50"])
        for name in samples
        if name != "table50" and all(rps["table50"])  # a round the machine stalled in gives no ratio
    ]
    return [*rate.values(), *p99, *ratios]


def run(connection, args) -> list[dict]:
    n = args.normdocs_docs
    load(connection, n)
    search_times(connection, 1)  # warm-up: jieba's dictionary, the caches
    view_ms, bare_ms = search_times(connection, 5)
    db = connection.vendor
    (vm, vp), (bm, bp) = _summary(view_ms), _summary(bare_ms)
    figures = [
        figure(f"normdocs.search.view.median ({db}, {n:,} docs)", vm, "ms"),
        figure(f"normdocs.search.view.p95 ({db}, {n:,} docs)", vp, "ms"),
        figure(f"normdocs.search.bare.median ({db})", bm, "ms"),
        figure(f"normdocs.search.bare.p95 ({db})", bp, "ms"),
        {"name": f"normdocs.search.view/bare p95 ({db})", "value": round(vp / bp, 2), "unit": "x"},
    ]
    for f in figures:
        log(f"  {f['name']}: {f['value']} {f['unit']}")
    if shutil.which("wrk"):
        figures += load_test(connection, args.portal_seconds)
    return figures
