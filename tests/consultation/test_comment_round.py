"""A round of comments on a draft (issue 20; Quy chế Điều 3.3.đ, NĐ 30/2020
Phụ lục VI III.5.a) walked through its states — asked, answered, changed,
reminded, complete, closed at the deadline — with its mails delivered to
a real SMTP server on loopback through the site's mail queue."""

from clock import TEST_NOW
from clock import TEST_TODAY
from consultation_fixtures import make_draft
from domain_fixtures import pdf
from mail_fixtures import delivered
from mail_fixtures import mailbox
from plone import api
from plone.app.testing import login
from qlvbdh_policy import mail_queue
from qlvbdh_policy.consultation import mails
from qlvbdh_policy.consultation import rounds
from qlvbdh_policy.consultation import summary
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.rules import comment_rounds as rules
from routing_fixtures import make_province
from zope.i18n import translate

import datetime
import io
import pytest
import re
import subprocess
import transaction
import zipfile

DEADLINE = TEST_TODAY + datetime.timedelta(days=5)


def vi(refusal):
    return translate(refusal.message(), target_language="vi")


def tasks_of(userid):
    return [(i["task"], i["due_date"]) for i in my_work.items_for(api.user.get(userid=userid))]


def inbox_copy(agency):
    copies = [c for c in agency["cho-tiep-nhan"].objectValues() if rounds.draft_of(c)]
    assert len(copies) == 1
    return copies[0]


def docx_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def pdf_text(data):
    found = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, check=True,
                           capture_output=True)
    return " ".join(found.stdout.decode("utf-8").split())


@pytest.fixture
def smtp(functional, tmp_path):
    with mailbox(tmp_path) as inbox:
        yield functional["portal"], inbox


def by_rcpt(messages):
    return {rcpt[0]: m for rcpt, m in messages}


def test_a_round_walks_from_asked_to_closed_with_its_mails(smtp, clock):
    portal, inbox = smtp
    a, b = make_province(portal)
    draft = make_draft(portal)
    transaction.commit()

    # asked: a person, a department (its heads answer), another agency
    login(portal, "xla")
    round_ = rounds.ask(draft, DEADLINE.strftime("%d/%m/%Y"), people=["pha"],
                        departments=["vp"], agencies=[b.UID()],
                        message="Đề nghị góp ý trước ngày họp")
    assert mail_queue.queued() == []  # nothing leaves before the commit
    transaction.commit()
    sent = by_rcpt(delivered(inbox, 3))
    assert set(sent) == {"pha@example.vn", "tpa@example.vn", "vtb@example.vn"}
    assert str(sent["pha@example.vn"]["Subject"]) == (
        "Đề nghị góp ý dự thảo: Dự thảo Quyết định ban hành Quy chế sử dụng phần mềm")
    body = sent["pha@example.vn"].get_content()
    assert "Lê Minh Hiếu" in body and DEADLINE.strftime("%d/%m/%Y") in body
    assert "Đề nghị góp ý trước ngày họp" in body and "/@@comment-answer" in body
    assert "/cho-tiep-nhan/" in sent["vtb@example.vn"].get_content()
    assert rounds.state_of(round_) == rules.OPEN

    # the people asked read the draft and find it in "Việc của tôi"
    assert ("comment", DEADLINE) in tasks_of("pha")
    assert ("comment", DEADLINE) in tasks_of("tpa")
    assert "comment" not in [t for t, _d in tasks_of("dba")]  # not asked
    for userid in ("pha", "tpa"):
        assert api.user.has_permission("View", username=userid, obj=draft)
    assert not api.user.has_permission("View", username="dba", obj=draft)
    # the other agency: an electronic copy waiting in its inbox, with the files
    copy = inbox_copy(b)
    assert api.content.get_state(copy) == "pending"
    assert copy.due_date == DEADLINE and copy.file._blob is draft.file._blob
    assert [f.getId() for f in copy.objectValues()] == ["phu-luc.pdf"]
    assert "Dự thảo Quyết định" in copy.title

    # answered once, then changed before the deadline
    login(portal, "pha")
    rounds.answer(draft, rules.AGREE)
    login(portal, "tpa")
    rounds.answer(draft, rules.COMMENTS, "Bổ sung Điều 2 về phân quyền")
    rounds.answer(draft, rules.COMMENTS, "Bổ sung Điều 2 và Điều 5",
                  file=pdf("Góp ý Văn phòng.pdf"))
    answers = rounds.current(draft)["answers"]
    assert answers["group:sttt-vp-heads"]["changes"] == 1
    assert answers["group:sttt-vp-heads"]["text"] == "Bổ sung Điều 2 và Điều 5"
    assert "comment" not in [t for t, _d in tasks_of("pha")]
    transaction.commit()

    # the drafter reminds the late: the agency's clerks (its copy waits for them)
    login(portal, "xla")
    reminded = mails.remind(draft)
    assert [r["title"] for r in reminded] == ["Ủy ban nhân dân huyện Cái Bè"]
    transaction.commit()
    sent = by_rcpt(delivered(inbox, 4)[3:])
    assert list(sent) == ["vtb@example.vn"]
    assert str(sent["vtb@example.vn"]["Subject"]).startswith("Nhắc góp ý dự thảo")

    # the agency's leader answers on the copy; every party has answered
    login(portal, "ldb")
    rounds.answer(copy, rules.COMMENTS, "Đề nghị làm rõ thời hạn")
    assert rounds.state_of(rounds.current(draft)) == rules.COMPLETE
    assert [e["action"] for e in trail.entries(copy)] == ["comment_answer"]
    login(portal, "cbb")  # staff of the agency, not its leader nor handler
    with pytest.raises(rounds.CommentForbidden):
        rounds.answer(copy, rules.AGREE)

    # the answers are kept with the draft's history
    actions = [(e["action"], e.get("party")) for e in trail.entries(draft)]
    assert actions == [("comment_request", None), ("comment_answer", "Võ Phối Hợp"),
                       ("comment_answer", "Văn phòng"), ("comment_answer", "Văn phòng"),
                       ("comment_reminder", None),
                       ("comment_answer", "Ủy ban nhân dân huyện Cái Bè")]
    login(portal, "xla")
    assert translate(steps.transition_title(draft, "comment_answer"),
                     target_language="vi") == "Góp ý dự thảo"

    # past the deadline: refused, naming it; nothing stored
    clock.set(TEST_NOW + datetime.timedelta(days=6))
    login(portal, "pha")
    with pytest.raises(rounds.CommentClosed) as refused:
        rounds.answer(draft, rules.COMMENTS, "Muộn")
    assert DEADLINE.strftime("%d/%m/%Y") in vi(refused.value)
    assert rounds.current(draft)["answers"]["user:pha"]["verdict"] == rules.AGREE
    assert rounds.state_of(rounds.current(draft)) == rules.CLOSED
    transaction.abort()


def test_the_summary_reads_in_docx_and_pdf(portal, province, draft):
    a, b = province
    login(portal, "xla")
    rounds.ask(draft, DEADLINE, people=["pha", "dba"], agencies=[b.UID()])
    login(portal, "pha")
    rounds.answer(draft, rules.COMMENTS, "Sửa khoản 3 Điều 4", file=pdf("Ý kiến.pdf"))
    login(portal, "xla")
    round_ = rounds.current(draft)
    request = portal.REQUEST
    text = docx_text(summary.docx(draft, round_, request))
    for expected in ("BẢNG TỔNG HỢP Ý KIẾN GÓP Ý", "Võ Phối Hợp", "Đỗ Để Biết",
                     "Ủy ban nhân dân huyện Cái Bè", "Sửa khoản 3 Điều 4", "Ý kiến.pdf",
                     "Có ý kiến góp ý", "Chưa có ý kiến", DEADLINE.strftime("%d/%m/%Y"),
                     "Đã hỏi: 3; đã trả lời: 1; chưa trả lời: 2."):
        assert expected in text, expected
    text = pdf_text(summary.pdf(draft, round_, request))
    for expected in ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BẢNG TỔNG HỢP Ý KIẾN GÓP Ý",
                     "Võ Phối Hợp", "Sửa khoản 3 Điều 4", "Chưa có ý kiến",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert expected in text, expected


def test_only_the_drafter_asks_on_a_draft(portal, province, draft):
    a, b = province
    login(portal, "pha")
    with pytest.raises(rounds.CommentForbidden):
        rounds.ask(draft, DEADLINE, people=["dba"])
    login(portal, "xla")
    with pytest.raises(rounds.CommentRefused) as refused:
        rounds.ask(draft, "31/13/2026", people=["dba"])
    assert refused.value.field == "deadline"
    with pytest.raises(rounds.CommentRefused) as refused:
        rounds.ask(draft, TEST_TODAY - datetime.timedelta(days=1), people=["dba"])
    assert vi(refused.value) == "Hạn góp ý 26/11/2026 đã qua (trước hôm nay)."
    for kwargs, field in (({}, "people"), ({"people": ["cbb"]}, "people"),
                          ({"departments": ["khong-co"]}, "departments"),
                          ({"agencies": [a.UID()]}, "agencies")):
        with pytest.raises(rounds.CommentRefused) as refused:
            rounds.ask(draft, DEADLINE, **kwargs)
        assert refused.value.field == field, kwargs
    assert rounds.rounds(draft) == []  # nothing stored
    assert "cho-tiep-nhan" not in b or list(b["cho-tiep-nhan"].objectIds()) == []
    rounds.ask(draft, DEADLINE, people=["dba"])
    with pytest.raises(rounds.CommentClosed):  # one open round at a time
        rounds.ask(draft, DEADLINE, people=["pha"])
    # a draft no longer: no new round, and the people asked read it no more
    steps.simple_step(draft, "submit_review")
    assert not rounds.can_ask(draft)
    assert ra.assignments(draft, cause=rounds.CAUSE) == []  # its role taken away
    assert draft.get_local_roles_for_userid("dba") == ()
    assert not api.user.has_permission("View", username="dba", obj=draft)
    assert "comment" not in [t for t, _d in tasks_of("dba")]
    login(portal, "tpa")
    steps.simple_step(draft, "send_back", "Bổ sung căn cứ")  # a draft again: read again
    assert api.user.has_permission("View", username="dba", obj=draft)
    assert ("comment", DEADLINE) in tasks_of("dba")


def test_the_answer_needs_a_verdict_and_comments_say_something(portal, province, draft):
    login(portal, "xla")
    rounds.ask(draft, DEADLINE, people=["pha"])
    login(portal, "dba")
    with pytest.raises(rounds.CommentForbidden):
        rounds.answer(draft, rules.AGREE)
    login(portal, "pha")
    for verdict, text, field in (("", "", "verdict"), (rules.COMMENTS, " ", "text")):
        with pytest.raises(rounds.CommentRefused) as refused:
            rounds.answer(draft, verdict, text)
        assert refused.value.field == field
    with pytest.raises(Exception) as refused:
        rounds.answer(draft, rules.COMMENTS, "x", file=pdf("chuong-trinh.exe", b"MZ\x90\x00"))
    assert getattr(refused.value, "field", None) == "file"
    assert rounds.current(draft)["answers"] == {}


def test_the_pages_render_in_vietnamese(portal, province, draft):
    from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides

    request = portal.REQUEST
    alsoProvides(request, IQlvbdhPolicyLayer)
    login(portal, "xla")
    html = getMultiAdapter((draft, request), name="comments")()
    assert "Lấy ý kiến góp ý" in html and "Hạn góp ý" in html
    rounds.ask(draft, DEADLINE, people=["pha"])
    login(portal, "pha")
    html = getMultiAdapter((draft, request), name="comment-answer")()
    assert "Nhất trí với dự thảo" in html and "Gửi ý kiến" in html
    login(portal, "xla")
    html = getMultiAdapter((draft, request), name="comments")()
    assert "Chưa có ý kiến" in html and "Nhắc những nơi chưa trả lời" in html


def test_one_person_answers_for_himself_and_for_the_department_he_heads(
        portal, province, draft, clock):
    from qlvbdh_policy.consultation.views import AnswerView

    login(portal, "xla")
    rounds.ask(draft, DEADLINE, people=["tpa"], departments=["vp"])
    login(portal, "tpa")
    rounds.answer(draft, rules.AGREE)  # the first: himself
    rounds.answer(draft, rules.COMMENTS, "Ý kiến của Văn phòng", party="group:sttt-vp-heads")
    answers = rounds.current(draft)["answers"]
    assert answers["user:tpa"]["verdict"] == rules.AGREE
    assert answers["group:sttt-vp-heads"]["text"] == "Ý kiến của Văn phòng"
    view = AnswerView(draft, portal.REQUEST)
    view.draft, view.round_, view.party = rounds.answering(draft, api.user.get_current())
    assert [c["title"] for c in view.choices()] == ["Phạm Trưởng Phòng", "Văn phòng"]
    # a second round once the first is closed: its people alone read the draft
    clock.set(TEST_NOW + datetime.timedelta(days=6))
    login(portal, "xla")
    second = rounds.ask(draft, DEADLINE + datetime.timedelta(days=7), people=["pha"])
    assert second["number"] == 2 and len(rounds.rounds(draft)) == 2
    assert {a["principal"] for a in ra.assignments(draft, cause=rounds.CAUSE)} == {"pha"}
    assert rounds.rounds(draft)[0]["answers"]["user:tpa"]["verdict"] == rules.AGREE


def test_the_daily_job_takes_past_rounds_out_of_the_counts(portal, province, draft, clock):
    login(portal, "xla")
    rounds.ask(draft, DEADLINE, people=["dba"])
    dba = api.user.get(userid="dba")
    assert my_work.counts_for(dba)["total"] == 1
    clock.set(TEST_NOW + datetime.timedelta(days=6))
    assert my_work.items_for(dba) == []  # the list hides it at once
    assert my_work.counts_for(dba)["total"] == 1  # the catalog holds it until reindexed
    assert rounds.forget_expired() == 1
    assert my_work.counts_for(dba)["total"] == 0
    assert rounds.forget_expired() == 0
