"""A file plan as the office keeps it in a spreadsheet (NĐ 30/2020 Điều
28, mẫu Danh mục hồ sơ of Phụ lục V): its columns “Số và ký hiệu hồ sơ”,
“Tên đề mục và tiêu đề hồ sơ”, “Thời hạn bảo quản”, “Đơn vị/người lập hồ
sơ”, “Ghi chú”. Pure: which row holds the headers, which rows are the
form's headings (đề mục: “I. VĂN PHÒNG”) or its column numbers “(1) (2)
…”, and how a retention period is written (“10 năm”, “Vĩnh viễn”).
"""

from qlvbdh_policy.rules.case_files import PERMANENT
from qlvbdh_policy.rules.case_files import RETENTIONS
from qlvbdh_policy.rules.folding import fold

import re

#: folded header → field; ``unit_or_person`` is the form's one column
#: “Đơn vị/người lập hồ sơ”: a department or a person of the agency
COLUMNS = {
    "so va ky hieu ho so": "code", "so, ky hieu ho so": "code", "ky hieu ho so": "code",
    "so ky hieu ho so": "code", "ma ho so": "code", "code": "code",
    "ten de muc va tieu de ho so": "title", "tieu de ho so": "title", "ten ho so": "title",
    "ten de muc, tieu de ho so": "title", "title": "title",
    "thoi han bao quan": "retention", "thbq": "retention", "retention": "retention",
    "don vi/nguoi lap ho so": "unit_or_person", "don vi, nguoi lap ho so": "unit_or_person",
    "don vi / nguoi lap ho so": "unit_or_person",
    "don vi": "department", "phong": "department", "phong ban": "department",
    "don vi lap ho so": "department", "department": "department",
    "nguoi lap ho so": "responsible", "nguoi chiu trach nhiem": "responsible",
    "nguoi phu trach": "responsible", "responsible": "responsible",
    "ghi chu": "notes", "notes": "notes",
}
FIELDS = ("code", "title", "retention", "unit_or_person", "department", "responsible",
          "notes")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_YEARS = re.compile(r"^(\d{1,2})\s*(nam)?$")
PERMANENT_WORDS = {"vinh vien", "vv", "permanent", "lau dai"}


def header_fields(cells):
    """The field of each cell of a header row (None where unknown)."""
    return [COLUMNS.get(fold(cell).strip(" :*.")) for cell in cells]


def find_header(rows):
    """The index in ``rows`` (lists of cell text) of the header row: the
    first naming both the notation and the title; None when none does."""
    for index, cells in enumerate(rows):
        fields = header_fields(cells)
        if "code" in fields and "title" in fields:
            return index
    return None


def is_column_numbers(cells):
    """The form's row “(1) (2) (3) (4) (5)” under the headers."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(_COLUMN_NUMBER.match(c.strip()) for c in filled)


def is_heading(row):
    """A đề mục of the form (“I. VĂN PHÒNG”, written in the first column or
    the title's): one text alone, no retention, no person, and not the
    number of an entry (``01.VP`` alone is an entry without its title)."""
    if any(row.get(name) for name in ("retention", "unit_or_person", "department",
                                      "responsible")):
        return False
    texts = [row.get(name) for name in ("code", "title") if row.get(name)]
    return len(texts) < 2 and not (texts and texts[0][:1].isdigit())


def read_retention(text):
    """The stored token of a retention as written: ``10``, ``10 năm``,
    ``Vĩnh viễn`` (``VV``); the text unchanged when it is none of them, so
    the plan's check refuses it naming what was written."""
    folded = fold(str(text or "")).strip(" .")
    if folded in PERMANENT_WORDS:
        return PERMANENT
    match = _YEARS.match(folded)
    if match and match.group(1).lstrip("0") in RETENTIONS:
        return match.group(1).lstrip("0")
    return str(text or "").strip()
