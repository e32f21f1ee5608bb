"""Pure rules of the register books: what each column prints, the progress
of a document with a deadline, the cover's number range, the filters'
dates, the name of next year's book."""

from qlvbdh_policy.registers import columns as C
from qlvbdh_policy.registers.closing import next_year_name
from qlvbdh_policy.registers.listing import FilterRefused
from qlvbdh_policy.registers.listing import read_criteria
from zope.i18n import translate

import datetime
import pytest

D = datetime.date


def vi(message):
    return translate(message, target_language="vi")


def test_each_book_has_the_columns_of_phu_luc_iv():
    assert len(C.COLUMNS[C.INCOMING]) == 10
    assert len(C.COLUMNS[C.OUTGOING]) == 10
    assert len(C.COLUMNS[C.FOLLOW_UP]) == 7
    assert [vi(c.header) for c in C.COLUMNS[C.INCOMING]] == [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung văn bản", "Đơn vị hoặc người nhận", "Ngày chuyển",
        "Ký nhận", "Ghi chú"]
    assert [vi(c.header) for c in C.COLUMNS[C.OUTGOING]] == [
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
        "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
        "Ngày chuyển", "Ký nhận", "Ghi chú"]
    assert [vi(c.header) for c in C.COLUMNS[C.FOLLOW_UP]] == [
        "Số đến", "Tên loại, số, ký hiệu, ngày, tháng và tên cơ quan, tổ chức ban hành văn bản",
        "Đơn vị hoặc người nhận", "Thời hạn giải quyết", "Tiến độ giải quyết",
        "Số, ký hiệu văn bản trả lời", "Ghi chú"]


def test_incoming_cells():
    entry = {"arrival_date": D(2026, 11, 27), "arrival_number": 5,
             "sender_name": "UBND tỉnh Tiền Giang", "code": "123/UBND-VP",
             "doc_date": D(2026, 11, 20), "type_title": "Công văn",
             "title": "Về việc rà soát hạ tầng", "receiver": "Phòng Văn hóa",
             "transfer_date": None, "notes": "Bản giấy"}
    assert C.cells(C.INCOMING, entry) == [
        "27/11/2026", "05", "UBND tỉnh Tiền Giang", "123/UBND-VP", "20/11/2026",
        "Công văn: Về việc rà soát hạ tầng", "Phòng Văn hóa", "", "", "Bản giấy"]


def test_outgoing_cells_leave_the_signature_blank():
    entry = {"code": "05/QĐ-STTTT", "issued_date": D(2026, 11, 27), "type_title": "Quyết định",
             "title": "Cử cán bộ đi học", "signer_name": "Trần Văn A",
             "recipients": "Sở Nội vụ, Lưu VT", "archive_holder": "Văn phòng", "copies": 3,
             "transfer_date": D(2026, 11, 27), "notes": None}
    cells = C.cells(C.OUTGOING, entry)
    assert cells == ["05/QĐ-STTTT", "27/11/2026", "Quyết định: Cử cán bộ đi học", "Trần Văn A",
                     "Sở Nội vụ, Lưu VT", "Văn phòng", "3", "27/11/2026", "", ""]


@pytest.mark.parametrize("done, due, today, done_on, expected", [
    (False, D(2026, 12, 1), D(2026, 11, 27), None, "Đang xử lý"),
    (False, D(2026, 11, 20), D(2026, 11, 27), None, "Quá hạn 7 ngày"),
    (True, D(2026, 11, 20), D(2026, 11, 27), D(2026, 11, 19), "Đã giải quyết"),
    (True, D(2026, 11, 20), D(2026, 11, 27), D(2026, 11, 22), "Đã giải quyết, trễ 2 ngày"),
    (False, None, D(2026, 11, 27), None, "Đang xử lý"),
])
def test_follow_up_progress(done, due, today, done_on, expected):
    assert vi(C.progress(done, due, today, done_on)) == expected


def test_cover_number_range_ignores_missing_numbers():
    assert C.number_range([3, None, 1, 12]) == ("01", "12")
    assert C.number_range([]) == ("", "")


@pytest.mark.parametrize("name, expected", [
    ("Sổ đăng ký văn bản đến năm 2026", "Sổ đăng ký văn bản đến năm 2027"),
    ("den-2026", "den-2027"),
    ("so-den", "so-den-2027"),
    ("Sổ văn bản đến", "Sổ văn bản đến năm 2027"),
    ("Sổ 12026 đến 2026", "Sổ 12026 đến 2027"),
])
def test_next_year_name(name, expected):
    assert next_year_name(name, 2026, 2027) == expected


def test_filters_read_clerk_and_browser_dates():
    criteria = read_criteria({"date_from": "01/11/2026", "date_to": "2026-11-27"})
    assert (criteria["date_from"], criteria["date_to"]) == (D(2026, 11, 1), D(2026, 11, 27))


@pytest.mark.parametrize("form, field, words", [
    ({"date_from": "31/02/2026"}, "date_from", "Từ ngày"),
    ({"date_to": "hôm qua"}, "date_to", "Đến ngày"),
    ({"date_from": "27/11/2026", "date_to": "01/11/2026"}, "date_from", "sau ngày"),
    ({"sort": "title"}, "sort", "Thứ tự"),
])
def test_unreadable_filters_are_refused_by_name(form, field, words):
    with pytest.raises(FilterRefused) as refusal:
        read_criteria(form)
    assert refusal.value.field == field
    assert words in str(refusal.value)
