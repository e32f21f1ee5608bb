"""The file plan's spreadsheet read as the office writes it (Phụ lục V):
headers, the form's headings and column numbers, retention words."""

from qlvbdh_policy.rules import plan_sheet as R

import pytest


@pytest.mark.parametrize("written, token", [
    ("10", "10"), ("10 năm", "10"), ("05 năm", "5"), ("20 Năm.", "20"),
    ("Vĩnh viễn", "permanent"), ("VV", "permanent"), ("vĩnh  viễn", "permanent"),
    ("permanent", "permanent"), ("15 năm", "15 năm"), ("", ""), ("mười năm", "mười năm"),
])
def test_retention_as_written(written, token):
    assert R.read_retention(written) == token


def test_the_header_row_is_found_under_the_forms_title():
    rows = [["DANH MỤC HỒ SƠ CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], ["Năm 2027"],
            ["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản",
             "Đơn vị/người lập hồ sơ", "Ghi chú"], ["(1)", "(2)", "(3)", "(4)", "(5)"]]
    assert R.find_header(rows) == 2
    assert R.header_fields(rows[2]) == ["code", "title", "retention", "unit_or_person",
                                        "notes"]
    assert R.is_column_numbers(rows[3]) and not R.is_column_numbers(["01.VP", "Hồ sơ"])
    assert R.find_header(rows[:2]) is None


def test_a_heading_is_a_title_alone():
    assert R.is_heading({"title": "I. VĂN PHÒNG"})
    assert not R.is_heading({"title": "Hồ sơ", "retention": "10"})
    assert R.is_heading({"code": "I. VĂN PHÒNG"}) and R.is_heading({})
    assert not R.is_heading({"code": "01.VP"})
    assert not R.is_heading({"code": "01.VP", "title": "Hồ sơ"})
