"""Hand-over of case files to the agency's archive (issue 19, NĐ 30/2020
Điều 30, Phụ lục VI III.5): the person responsible hands a closed case
file over, the archivist accepts it or returns it with a reason; who reads
it in each state; the list of the year and the hand-over record (PDF text
and XLSX cells read back)."""

from AccessControl import getSecurityManager
from io import BytesIO
from openpyxl import load_workbook
from plone import api
from plone.app.testing import login
from pypdf import PdfReader
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import handover
from qlvbdh_policy.casefiles import handover_record
from qlvbdh_policy.content.validation import RefusedValue
from routing_fixtures import make_archivist
from zope.i18n import translate

import datetime
import pytest

D = datetime.date


def vi(exc):
    return translate(exc.message(), target_language="vi")


def entry(plan, code):
    return next(e for e in plan.objectValues() if e.code == code)


@pytest.fixture
def closed(portal, plan):
    """xla's case file of 01.VP, opened 01/03/2025, closed 15/12/2025:
    due for hand-over on 15/12/2026."""
    make_archivist(portal)
    login(portal, "xla")
    case = filing.open_case_file(plan.aq_parent, plan_entry=entry(plan, "01.VP").UID(),
                                 opened=D(2025, 3, 1))
    filing.close(case, closed="2025-12-15", page_count=12, notes="Đủ thành phần")
    return case


def can(userid, permission, obj):
    login(api.portal.get(), userid)
    return bool(getSecurityManager().checkPermission(permission, obj))


def readers(case):
    return {u for u in ("xla", "pha", "cba", "vta", "lda", "qta", "lta", "cbb")
            if can(u, "View", case)}


def test_handed_over_by_the_person_responsible_accepted_by_the_archivist(portal, closed):
    case = closed
    assert readers(case) == {"xla", "vta", "lda"}
    for who in ("pha", "lta", "vta"):  # not the person responsible
        login(portal, who)
        with pytest.raises(filing.CaseFileForbidden) as refused:
            handover.hand_over(case)
        assert "Chỉ người lập hồ sơ" in vi(refused.value)
    login(portal, "xla")
    handover.hand_over(case)
    assert api.content.get_state(case) == "handed_over"
    assert case.handed_over_on == D(2026, 11, 27) and case.handed_over_by == "xla"
    assert readers(case) == {"xla", "vta", "lda", "lta"}
    assert not can("xla", "Modify portal content", case)
    login(portal, "xla")
    with pytest.raises(filing.CaseFileFrozen) as refused:
        handover.hand_over(case)  # twice
    assert refused.value.status == 409
    with pytest.raises(filing.CaseFileForbidden):
        handover.accept(case)  # the person responsible accepts nothing
    login(portal, "lta")
    handover.accept(case)
    assert api.content.get_state(case) == "accepted"
    assert case.accepted_by == "lta"
    # the archive's: the archivist, the leaders, site managers, the person
    # responsible read it; the clerks no more; nobody changes it
    assert readers(case) == {"xla", "lda", "lta"}
    assert not any(can(u, "Modify portal content", case) for u in ("xla", "lda", "lta"))
    info = handover.hand_over_info(case)
    assert info["deadline"] == D(2026, 12, 15)
    assert info["retention_from"] == 2026 and info["retention_end"] == D(2035, 12, 31)
    login(portal, "lta")
    with pytest.raises(filing.CaseFileFrozen):
        handover.return_hand_over(case, "Muộn")
    login(portal, "xla")
    with pytest.raises(RefusedValue):
        filing.add_documents(case, ["x"])


def test_returned_with_a_reason_kept_and_shown(portal, closed):
    case = closed
    login(portal, "xla")
    handover.hand_over(case)
    login(portal, "lta")
    for bad in ("", "   ", None):
        with pytest.raises(filing.CaseFileRefused) as refused:
            handover.return_hand_over(case, bad)
        assert refused.value.field == "reason"
        assert "lý do" in vi(refused.value)
    assert api.content.get_state(case) == "handed_over"
    handover.return_hand_over(case, "Thiếu văn bản kết luận cuộc họp")
    assert api.content.get_state(case) == "closed"
    assert case.handed_over_on is None
    [back] = handover.returns(case)
    assert back["reason"] == "Thiếu văn bản kết luận cuộc họp"
    assert back["by"] == "lta" and back["by_name"] == "Lê Thị Lưu Trữ"
    assert isinstance(back["date"], D)  # the workflow history's time, in Vietnam
    # handed over again, the history keeps the first return
    login(portal, "xla")
    handover.hand_over(case)
    assert [r["reason"] for r in handover.hand_over_info(case)["returns"]] == [
        "Thiếu văn bản kết luận cuộc họp"]


def test_the_bare_workflow_steps_are_refused(portal, closed):
    """@workflow/hand_over or the state menu's link would skip who, when
    and the reason: refused, naming the services."""
    wftool = api.portal.get_tool("portal_workflow")
    login(portal, "xla")
    with pytest.raises(RefusedValue) as refused:
        wftool.doActionFor(closed, "hand_over")
    assert "@hand-over" in vi(refused.value)
    assert api.content.get_state(closed) == "closed"


def test_an_open_case_file_is_not_handed_over(portal, plan):
    login(portal, "xla")
    case = filing.open_case_file(plan.aq_parent, plan_entry=entry(plan, "01.VP").UID())
    with pytest.raises(filing.CaseFileFrozen) as refused:
        handover.hand_over(case)
    assert "chỉ hồ sơ đã kết thúc" in vi(refused.value)


def test_the_list_of_the_year_and_the_record(portal, plan, closed):
    a = plan.aq_parent
    login(portal, "pha")
    other = filing.open_case_file(a, plan_entry=entry(plan, "02.VP").UID(), opened=D(2026, 1, 5))
    filing.close(other, closed="2026-02-10", page_count=3)  # due 10/02/2027
    login(portal, "xla")
    handover.hand_over(closed)
    login(portal, "lta")
    handover.accept(closed)
    rows = handover.due_list(a, 2026)
    assert [r["code"] for r in rows] == ["01.VP"]
    assert rows[0]["deadline"] == D(2026, 12, 15) and rows[0]["review_state"] == "accepted"
    assert rows[0]["responsible_name"] == "Lê Minh Hiếu"
    assert [r["code"] for r in handover.due_list(a, 2027)] == ["02.VP"]
    assert handover.due_list(a, 2027)[0]["review_state"] == "closed"
    assert handover.given(handover.due_list(a, 2027)) == []

    record = handover_record.HandOverRecord(a, 2026, handover.given(rows),
                                            handover.archivist_names(a))
    text = " ".join("".join(p.extract_text() for p in PdfReader(BytesIO(record.pdf())).pages)
                    .split())
    for words in ("BIÊN BẢN", "Về việc giao nhận hồ sơ, tài liệu năm 2026",
                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", a.title.upper(),
                  "Lê Thị Lưu Trữ", "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", "01.VP",
                  "Hồ sơ về chuyển đổi số năm 2026", "2025", "10 năm",
                  "ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN", "In bởi"):
        assert words in text, words
    sheet = load_workbook(BytesIO(record.xlsx())).active
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == a.title
    header = next(i for i, row in enumerate(cells) if row[0] == "STT")
    assert cells[header][:6] == ("STT", "Số và ký hiệu hồ sơ", "Tiêu đề hồ sơ",
                                 "Thời gian tài liệu", "Thời hạn bảo quản", "Số tờ")[:6] \
        or list(cells[header][:2]) == ["STT", "Số và ký hiệu hồ sơ"]
    assert list(cells[header + 1][:6]) == ["1", "01.VP", "Hồ sơ về chuyển đổi số năm 2026",
                                           "2025", "10 năm", "12"]
