"""Factories for 规范性文件 tests: a 司法 unit with its reviewer, and a document taken as far
as a test needs, each step on its own date (the law counts days between them)."""

import datetime

import pytest

from fazhi.conftest import make_user

D = datetime.date
BASIS = "《中华人民共和国教育法》第十四条"
TEXT = "第一条 申请人应当提交身份证明、学历证明和其他材料。\n第二条 本办法自公布之日起施行。"


@pytest.fixture
def sfj(tree):
    from fazhi.core.models import Level, Org

    return Org.objects.create(
        code="SL-S", name="示例司法局", level=Level.DEPARTMENT, parent=tree["city"], doc_prefix="示司"
    )


@pytest.fixture
def legal_reviewer(sfj):
    return make_user("legal_reviewer", sfj, "reviewer", first_name="赵审核")


@pytest.fixture
def walk(people, sfj, legal_reviewer):
    """walk(until) takes a new document of 甲局 through the steps up to `until` (inclusive)."""
    from fazhi.normdocs import services

    clerk, head = people["clerk"], people["head"]

    def steps(doc, at):
        yield "draft", lambda d: services.start_drafting(d, clerk, on=at(2026, 3, 2))
        yield (
            "consult",
            lambda d: services.consult(
                d, clerk, opens_on=at(2026, 3, 3), closes_on=at(2026, 4, 3), on=at(2026, 3, 3)
            ),
        )
        yield (
            "submit_review",
            lambda d: services.submit_review(
                d, clerk, review_org=sfj, feedback="未收到意见。", on=at(2026, 4, 7)
            ),
        )
        yield (
            "fair_competition",
            lambda d: services.fair_competition(
                d, clerk, conclusion="未发现排除、限制竞争内容", on=at(2026, 4, 8)
            ),
        )
        yield (
            "conclude",
            lambda d: services.conclude_review(
                d.reviews.get(), legal_reviewer, outcome="approved", opinion="同意出台", on=at(2026, 4, 20)
            ),
        )
        yield (
            "decide",
            lambda d: services.decide(d, head, meeting="局务会议（2026年第5次）", on=at(2026, 4, 22)),
        )
        yield "issue", lambda d: services.issue(d, clerk, on=at(2026, 4, 23))
        yield (
            "publish",
            lambda d: services.publish(
                d, clerk, interpretation="一图读懂", effective_on=at(2026, 5, 1), on=at(2026, 4, 24)
            ),
        )
        yield "file", lambda d: services.file(d, clerk, filed_with="示例市人民政府", on=at(2026, 5, 10))

    def run(until="file", title="示例市校外培训机构管理办法", text=TEXT, org=None, replaces=None, shift=0):
        """`shift`: days added to every step's date (26 weeks keeps the weekdays and 2026)."""
        doc = services.propose(
            clerk,
            org or people["clerk"].memberships.get().org,
            title=title,
            legal_basis=BASIS,
            text=text,
            replaces=replaces,
        )
        at = lambda *ymd: D(*ymd) + datetime.timedelta(days=shift)  # noqa: E731
        for key, do in steps(doc, at):
            result = do(doc)
            if key != "conclude":
                doc = result
            doc.refresh_from_db()
            if key == until:
                break
        return doc

    return run
