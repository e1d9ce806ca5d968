"""修改 by a new document, and 废止: what the drafter of the issuing body sees and does.

The `walk` factory publishes 甲局's document on 2026-04-24, in force from 2026-05-01; the
amending document, 26 weeks later, is published on 2026-10-23, in force from 2026-10-30."""

import pytest

from fazhi.core import engine
from fazhi.normdocs import services
from fazhi.normdocs.models import Document
from fazhi.normdocs.procedure import State

from .conftest import BASIS, D

pytestmark = pytest.mark.django_db
LATER = 182  # days: 26 weeks


@pytest.fixture
def in_force(walk):
    return walk("file")


def amending(walk, old, until="publish"):
    return walk(until, title="示例市校外培训机构管理办法（2026年修订）", replaces=old, shift=LATER)


def test_publishing_the_amending_document_marks_the_old_one_amended(walk, in_force):
    new = amending(walk, in_force)
    in_force.refresh_from_db()
    assert in_force.get_state_display() == "已修改"
    assert in_force.end_reason == f"由「{new.title}」（{new.number}）修改"
    assert in_force.ended_on == new.effective_on == D(2026, 10, 30)


def test_in_force_on_a_date_passes_from_the_old_text_to_the_new_without_a_gap(walk, in_force):
    new = amending(walk, in_force)
    assert list(Document.objects.in_force_on(D(2026, 10, 29))) == [in_force]
    assert list(Document.objects.in_force_on(D(2026, 10, 30))) == [new]


def test_the_old_document_stays_in_force_while_the_amendment_is_drafted(walk, in_force):
    amending(walk, in_force, until="issue")
    in_force.refresh_from_db()
    assert in_force.state == State.IN_FORCE


def test_it_refuses_to_mark_a_document_amended_without_a_published_new_one(in_force, people):
    with pytest.raises(engine.Refused, match="以新文件修改"):
        services.amend(in_force, people["clerk"], reason="直接改")


def test_it_refuses_a_second_amending_draft_or_one_of_another_body(walk, in_force, people, tree):
    amending(walk, in_force, until="draft")
    with pytest.raises(engine.Refused, match="已有修改稿正在办理"):
        services.propose(people["clerk"], tree["own"], title="再改", legal_basis=BASIS, replaces=in_force)
    with pytest.raises(engine.Refused, match="只能由制定机关修改"):
        services.propose(
            people["sibling"], tree["sibling"], title="代改", legal_basis=BASIS, replaces=in_force
        )


def test_it_refuses_amending_a_draft(walk, people, tree):
    draft = walk("draft")
    with pytest.raises(engine.Refused, match="现行有效"):
        services.propose(people["clerk"], tree["own"], title="改草案", legal_basis=BASIS, replaces=draft)


# --- the screens --------------------------------------------------------------------------


def test_the_drafter_amends_from_the_staff_page_with_the_old_text_prefilled(in_force, people, login):
    client = login(people["clerk"])
    page = client.get(f"/normdocs/{in_force.pk}/").content.decode()
    assert f'href="/normdocs/{in_force.pk}/amend/"' in page and 'id="step-amend"' not in page
    form = client.get(f"/normdocs/{in_force.pk}/amend/").content.decode()
    assert 'value="示例市校外培训机构管理办法"' in form and "第一条 申请人应当提交身份证明" in form
    response = client.post(
        f"/normdocs/{in_force.pk}/amend/",
        {
            "title": "示例市校外培训机构管理办法（修订）",
            "legal_basis": BASIS,
            "text": "第一条 修订后的正文。",
        },
    )
    new = Document.objects.get(replaces=in_force)
    assert response.status_code == 302 and response["Location"] == f"/normdocs/{new.pk}/"
    assert (new.state, new.org_id, new.text) == (State.PROPOSED, in_force.org_id, "第一条 修订后的正文。")
    assert "本文件修改了" in client.get(f"/normdocs/{new.pk}/").content.decode()
    old_page = client.get(f"/normdocs/{in_force.pk}/").content.decode()
    assert "正在办理（立项）" in old_page and f'href="/normdocs/{in_force.pk}/amend/"' not in old_page


def test_both_staff_pages_show_the_relation_once_published(walk, in_force, people, login):
    new = amending(walk, in_force)
    client = login(people["clerk"])
    old_page = client.get(f"/normdocs/{in_force.pk}/").content.decode()
    assert f'已被<a href="/normdocs/{new.pk}/">「{new.title}」</a>（{new.number}）修改' in old_page
    assert "已修改" in old_page and f'href="/normdocs/{in_force.pk}/amend/"' not in old_page
    new_page = client.get(f"/normdocs/{new.pk}/").content.decode()
    assert "本文件修改了" in new_page and f'href="/normdocs/{in_force.pk}/"' in new_page


@pytest.mark.parametrize("persona", ["sibling", "supervisor", "child_clerk", "reviewer"])
def test_a_user_who_does_not_draft_for_the_issuing_body_is_refused(in_force, people, login, persona):
    client = login(people[persona])
    response = client.get(f"/normdocs/{in_force.pk}/amend/")
    assert response.status_code == 403 and "只有甲局的经办人或负责人可以修改" in response.content.decode()
    posted = client.post(f"/normdocs/{in_force.pk}/amend/", {"title": "代改", "legal_basis": BASIS})
    assert posted.status_code == 403 and not Document.objects.filter(replaces=in_force).exists()


def test_an_ended_document_is_not_offered_for_amendment(in_force, people, login):
    services.repeal(in_force, people["clerk"], reason="上位法已废止")
    response = login(people["clerk"]).get(f"/normdocs/{in_force.pk}/amend/", follow=True)
    assert "该文件已废止，只能修改现行有效的文件" in response.content.decode()


def test_the_drafter_repeals_from_the_staff_page_with_a_reason(in_force, people, login):
    client = login(people["clerk"])
    assert 'id="step-repeal"' in client.get(f"/normdocs/{in_force.pk}/").content.decode()
    missing = client.post(f"/normdocs/{in_force.pk}/steps/repeal/", {"repeal-reason": ""})
    assert missing.status_code == 400 and "请检查填写的内容" in missing.content.decode()
    done = client.post(
        f"/normdocs/{in_force.pk}/steps/repeal/", {"repeal-reason": "上位法已废止"}, follow=True
    )
    assert "已废止" in done.content.decode()
    in_force.refresh_from_db()
    assert (in_force.state, in_force.end_reason) == (State.REPEALED, "上位法已废止")
