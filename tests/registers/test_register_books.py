"""The register books in a site: the listing and its filters through the
catalog, the follow-up book, the print as PDF (its text extracted by
pdftotext, a page rendered), the XLSX, the phiếu as PDF, closing the book."""

from clock import TEST_TODAY
from domain_fixtures import incoming
from domain_fixtures import issue
from domain_fixtures import make_agency
from domain_fixtures import outgoing
from domain_fixtures import pdf
from io import BytesIO
from openpyxl import load_workbook
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from qlvbdh_policy import roles as R
from qlvbdh_policy.registers import book as B
from qlvbdh_policy.registers import closing
from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.registers.listing import FilterRefused
from qlvbdh_policy.routing import role_assignments as ra

import datetime
import pytest
import subprocess

D = datetime.date
YESTERDAY = TEST_TODAY - datetime.timedelta(days=1)


def pdf_text(data, tmp_path):
    """The text of each cell in reading order, lines of a wrapped cell joined."""
    path = tmp_path / "book.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    return "\f".join(" ".join(page.split()) for page in text.split("\f"))


def pdf_info(data, tmp_path):
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True,
                          text=True).stdout


def as_manager(portal):
    """The listing runs with the user's permissions; a manager sees all."""
    setRoles(portal, TEST_USER_ID, ["Manager"])


@pytest.fixture
def books(portal):
    as_manager(portal)
    agency = make_agency(portal)
    register = agency["den-2026"]
    docs = [
        incoming(register, title="Công văn về việc rà soát hạ tầng mạng", doc_type="cong_van",
                 sender_name="Ủy ban nhân dân tỉnh Tiền Giang", code_number="120",
                 code_notation="UBND-VP", arrival_date=YESTERDAY, urgency="khan",
                 recipient_unit="Phòng Bưu chính", due_date=TEST_TODAY + datetime.timedelta(days=5)),
        incoming(register, title="Quyết định về việc ban hành Quy chế", doc_type="quyet_dinh",
                 sender_name="Sở Nội vụ", code_number="45", code_notation="QĐ-SNV",
                 due_date=TEST_TODAY - datetime.timedelta(days=3)),
        incoming(register, title="Giấy mời họp tổng kết năm", doc_type="giay_moi",
                 sender_name="Ủy ban nhân dân tỉnh Tiền Giang", code_number="7",
                 code_notation="GM-UBND", notes="Họp lúc 8 giờ"),
    ]
    return agency, register, docs


def test_incoming_book_lists_through_the_catalog_with_filters(books):
    agency, register, docs = books
    total, entries = B.page(register, C.INCOMING, {})
    assert total == 3
    assert [e["arrival_number"] for e in entries] == [3, 2, 1]  # newest first on screen
    total, entries = B.page(register, C.INCOMING, {"sort": "number"})
    assert [e["arrival_number"] for e in entries] == [1, 2, 3]
    assert C.cells(C.INCOMING, entries[0])[:6] == [
        YESTERDAY.strftime("%d/%m/%Y"), "01", "Ủy ban nhân dân tỉnh Tiền Giang", "120/UBND-VP",
        "20/11/2026", "Công văn: Công văn về việc rà soát hạ tầng mạng"]

    def numbers(**criteria):
        return sorted(e["arrival_number"] for e in B.page(register, C.INCOMING, criteria)[1])

    assert numbers(date_from=TEST_TODAY, date_to=TEST_TODAY) == [2, 3]
    assert numbers(date_to=YESTERDAY) == [1]
    assert numbers(doc_type="quyet_dinh") == [2]
    assert numbers(correspondent="Ủy ban nhân dân tỉnh Tiền Giang") == [1, 3]
    assert numbers(urgency="khan") == [1]
    assert numbers(text="tong ket") == [3]  # full text, without marks
    assert numbers(state="registered") == [1, 2, 3]
    assert numbers(state="filed") == []
    # pagination: one query, the page cut from the sorted result
    total, page2 = B.page(register, C.INCOMING, {"sort": "number"}, start=2, size=2)
    assert total == 3 and [e["arrival_number"] for e in page2] == [3]


def test_handler_filter_follows_assignment(books):
    agency, register, docs = books
    with api.env.adopt_roles(["Manager"]):
        for user in ("xla", "pha"):
            api.user.create(email=f"{user}@example.vn", username=user, password="secret-2026-x",
                            properties={"fullname": user.upper()})
        api.group.add_user(groupname="sttt-vp", username="xla")
        from qlvbdh_policy.routing import steps
        api.content.transition(obj=docs[1], transition="submit")
        steps.assign(docs[1], "xla", due_date=TEST_TODAY + datetime.timedelta(days=2))
    total, entries = B.page(register, C.INCOMING, {"handler": "xla"})
    assert [e["arrival_number"] for e in entries] == [2]
    assert entries[0]["receiver"] == "XLA"  # no unit written: the handler
    assert B.page(register, C.INCOMING, {"handler": "pha"})[0] == 0
    # the department: its heads and its people
    assert B.page(register, C.INCOMING, {"handler": agency["vp"].UID()})[0] == 1
    assert ra.principals_with(docs[1], R.HANDLER) == ["xla"]


def test_follow_up_book_holds_documents_with_deadlines(books):
    agency, register, docs = books
    total, entries = B.page(register, C.FOLLOW_UP, {"sort": "number"})
    assert total == 2
    cells = [C.cells(C.FOLLOW_UP, e, lambda m: api.portal.translate(m, lang="vi"))
             for e in entries]
    assert cells[0][0] == "01" and cells[0][4] == "Đang xử lý"
    assert cells[1][0] == "02" and cells[1][4] == "Quá hạn 3 ngày"
    assert cells[1][1] == "Quyết định (cá biệt); 45/QĐ-SNV; 20/11/2026; Sở Nội vụ"


def test_outgoing_book_lists_issued_documents_only(portal):
    as_manager(portal)
    agency = make_agency(portal)
    register = agency["di-2026"]
    draft = outgoing(register, title="Dự thảo kế hoạch")
    doc = outgoing(register, title="Cử cán bộ đi học", file=pdf(), signer_name="Trần Văn A",
                   recipients_external=["Trường Chính trị tỉnh", "Lưu: VT"], copies=3,
                   archive_holder="Văn phòng")
    issue(doc)
    total, entries = B.page(register, C.OUTGOING, {})
    assert total == 1 and entries[0]["uid"] == doc.UID()
    assert C.cells(C.OUTGOING, entries[0]) == [
        "01/QĐ-STTTT", "27/11/2026", "Quyết định (cá biệt): Cử cán bộ đi học", "Trần Văn A",
        "Trường Chính trị tỉnh, Lưu: VT", "Văn phòng", "3", "27/11/2026", "", ""]
    assert draft.UID() not in [e["uid"] for e in entries]
    with pytest.raises(FilterRefused):
        B.page(register, C.OUTGOING, {"handler": "xla"})


def test_day_print_pdf(books, tmp_path, artifacts, request):
    agency, register, docs = books
    data = B.book_pdf(register, C.INCOMING, {}, request=portal_request())
    info = pdf_info(data, tmp_path)
    assert "841.89 x 595.276 pts (A4)" in info  # landscape: wider than high
    text = pdf_text(data, tmp_path)
    cover, _, table = text.partition("\f")
    for line in ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Năm: 2026",
                 "Từ ngày 27/11/2026 đến ngày 27/11/2026", "Từ số 02 đến số 03"):
        assert line in cover
    for header in ("Ngày đến", "Số đến", "Tác giả", "Ký nhận", "Ghi chú", "(10)"):
        assert header in table
    assert "Quyết định về việc ban hành Quy chế" in table
    assert "Giấy mời họp tổng kết năm" in table
    assert "rà soát hạ tầng" not in table  # yesterday's entry is not in today's print
    # the range the clerk chose
    data = B.book_pdf(register, C.INCOMING, {"date_from": YESTERDAY, "date_to": TEST_TODAY},
                      request=portal_request())
    assert "Từ số 01 đến số 03" in pdf_text(data, tmp_path)
    path = artifacts / "register-book-day.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-png", str(path),
                    str(artifacts / "register-book-day")], check=True)


def portal_request():
    return api.env.getRequest()


def test_signature_column_is_blank_in_the_print(books, tmp_path):
    agency, register, docs = books
    rows = B.rows(C.INCOMING, B.all_entries(register, C.INCOMING, {}), portal_request())
    signature = [c.key for c in C.COLUMNS[C.INCOMING]].index("signature")
    assert rows and all(row[signature] == "" for row in rows)


def test_xlsx_of_a_filtered_listing(books):
    agency, register, docs = books
    data = B.book_xlsx(register, C.INCOMING, {"correspondent": "Ủy ban nhân dân tỉnh Tiền Giang"},
                       portal_request())
    sheet = load_workbook(BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản")
    assert len(rows) == 3
    assert {r[1] for r in rows[1:]} == {"01", "03"}
    assert sheet.title == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"


def test_phieu_as_pdf(books, tmp_path):
    agency, register, docs = books
    from qlvbdh_policy.browser.register_book import PhieuPdf

    request = portal_request()
    data = PhieuPdf(docs[1], request)()
    assert request.response.getHeader("Content-Type") == "application/pdf"
    text = pdf_text(data, tmp_path)
    assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in text
    assert "Số đến: 02" in text
    assert "1. Ý kiến của lãnh đạo cơ quan" in text


def test_closing_records_the_last_number_and_refuses_with_a_link(books, portal):
    agency, register, docs = books
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=register, transition="close")
    assert register.closed_numbers == {"incoming": 3}
    assert closing.last_number(register) == 3
    assert register.closed_on.date() == TEST_TODAY
    with pytest.raises(closing.RegisterClosed) as refused:
        incoming(register)
    assert "đã đóng" in str(refused.value)
    # with an open book of the year, the refusal says where to go
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(container=agency, type="Register", id="den-2026-2",
                                   title="Sổ văn bản đến 2026 (quyển 2)", kind="incoming",
                                   year=2026)
    with pytest.raises(closing.RegisterClosed) as refused:
        incoming(register)
    assert other.absolute_url() in str(refused.value)
    assert incoming(other).arrival_number == 1
