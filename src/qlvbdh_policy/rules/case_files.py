"""Hồ sơ (case files) and the yearly file plan (danh mục hồ sơ): the pure
rules (NĐ 30/2020 Điều 28–29, Phụ lục V, Phụ lục VI III.4 and its table
III “Thông tin đầu vào của dữ liệu quản lý hồ sơ”).

- Số và ký hiệu hồ sơ (FileNotation, at most 20 characters): the entry's
  number in the plan, two digits at least, a dot, the department's
  abbreviation: ``01.VP``, ``12.KHTC``; numbered headings ``1.2.VP`` too.
- Mã hồ sơ (FileCode): the agency's identification code, the year the
  case file was formed, its notation.
- Số thứ tự văn bản trong hồ sơ (DocOrdinal, at most 3 digits): 1, 2, 3 …
  in the order the documents were put in, given by the system (III.4.b);
  a document taken out leaves no gap.
- Thời hạn bảo quản: 5, 10, 20 years or permanent (vĩnh viễn), counted
  from the year after the case file was closed (Luật Lưu trữ, Điều 15;
  NĐ 30/2020 Điều 30.2: hand-over within a year of the work's end).
"""

from collections import namedtuple
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import format_date

import datetime
import re

Refusal = namedtuple("Refusal", "field rule msgid mapping")

RULE_NOTATION = "NĐ 30/2020/NĐ-CP, Phụ lục VI, mục III: số và ký hiệu hồ sơ"
RULE_ORDINAL = "NĐ 30/2020/NĐ-CP, Phụ lục VI, mục III: số thứ tự văn bản trong hồ sơ"
RULE_RETENTION = "NĐ 30/2020/NĐ-CP, Phụ lục V: thời hạn bảo quản"
RULE_DATES = "NĐ 30/2020/NĐ-CP, Điều 29: mở và kết thúc hồ sơ"
RULE_CLOSED = "NĐ 30/2020/NĐ-CP, Phụ lục VI, mục IV.1.g: hồ sơ đã kết thúc được khóa"

MAX_NOTATION = 20
MAX_DOCUMENTS = 999

#: retention tokens (stored) → years; None for permanent
RETENTIONS = {"5": 5, "10": 10, "20": 20, "permanent": None}
PERMANENT = "permanent"

NOTATION = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.([A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)$")

MSG_NOTATION = _(
    "“${value}” is not a case file notation: write the entry's number, a dot and the "
    "department's abbreviation, e.g. 01.VP (${rule})."
)
MSG_NOTATION_LONG = _("The case file notation “${value}” is longer than ${max} characters (${rule}).")
MSG_RETENTION = _("“${value}” is not a retention period: choose 5, 10, 20 years or permanent (${rule}).")
MSG_CLOSED_BEFORE_OPENED = _(
    "The closing date ${closed} is before the opening date ${opened} (${rule})."
)
MSG_CLOSED_BEFORE_DOCUMENT = _(
    "The closing date ${closed} is before ${date}, when the document ${document} of the case "
    "file arrived or was issued (${rule})."
)
MSG_TOO_MANY = _("A case file holds at most ${max} documents (${rule}).")


def normalise_notation(value):
    """Trimmed, upper case, the entry's number with two digits at least:
    ``1.vp`` → ``01.VP``. Anything that is no notation comes back trimmed."""
    text = (value or "").strip().upper()
    match = NOTATION.match(text)
    if not match:
        return text
    numbers, dept = match.groups()
    parts = numbers.split(".")
    parts[0] = parts[0].zfill(2)
    return ".".join(parts) + "." + dept


def format_notation(number, department_abbr):
    """The notation of the plan's ``number``-th entry of a department."""
    return normalise_notation(f"{int(number)}.{department_abbr}")


def refuse_notation(value, field="code"):
    """Số và ký hiệu hồ sơ: ``01.VP``; at most 20 characters."""
    text = normalise_notation(value)
    if not NOTATION.match(text):
        return Refusal(field, RULE_NOTATION, MSG_NOTATION, {"value": text, "rule": RULE_NOTATION})
    if len(text) > MAX_NOTATION:
        return Refusal(field, RULE_NOTATION, MSG_NOTATION_LONG,
                       {"value": text, "max": str(MAX_NOTATION), "rule": RULE_NOTATION})
    return None


def file_code(agency_code, year, notation):
    """Mã hồ sơ: mã định danh của cơ quan . năm hình thành . số và ký hiệu
    (Phụ lục VI, mục III, 1.1–1.3); without an identification code, the
    year and the notation."""
    parts = [agency_code, str(year), notation] if agency_code else [str(year), notation]
    return ".".join(p for p in parts if p)


def refuse_retention(value, field="retention"):
    if value not in RETENTIONS:
        return Refusal(field, RULE_RETENTION, MSG_RETENTION,
                       {"value": str(value), "rule": RULE_RETENTION})
    return None


def retention_start_year(closed):
    """The retention runs from 1 January of the year after closing."""
    return closed.year + 1


def retention_end(closed, retention):
    """The last day a case file closed on ``closed`` must be kept
    (31 December of its last year); None while open or when permanent.
    A 10-year file closed on 15/06/2026 is kept from 01/01/2027 to
    31/12/2036."""
    if closed is None:
        return None
    years = RETENTIONS[retention]
    if years is None:
        return None
    return datetime.date(retention_start_year(closed) + years - 1, 12, 31)


def refuse_closing(opened, closed, field="closed"):
    if opened is not None and closed is not None and closed < opened:
        return Refusal(field, RULE_DATES, MSG_CLOSED_BEFORE_OPENED,
                       {"closed": format_date(closed), "opened": format_date(opened),
                        "rule": RULE_DATES})
    return None


#: số trang of a closed case file: 0 for one kept only electronically
PAGE_COUNT_BOUNDS = (0, 10000)


def refuse_closing_before_documents(closed, documents, field="closed"):
    """A case file ends after its work (Điều 29.4): not before one of its
    documents arrived or was issued. ``documents``: (name, date) pairs."""
    for name, date in documents:
        if closed is not None and date is not None and closed < date:
            return Refusal(field, RULE_DATES, MSG_CLOSED_BEFORE_DOCUMENT,
                           {"closed": format_date(closed), "date": format_date(date),
                            "document": name, "rule": RULE_DATES})
    return None


# -- the documents of a case file, in order (III.4.b) --------------------------


def added(current, uids):
    """(the new list, the uids added): each document once, the new ones at
    the end in the order given; one already in keeps its place."""
    out = list(current)
    new = []
    for uid in uids:
        if uid and uid not in out:
            out.append(uid)
            new.append(uid)
    return out, new


def refuse_count(uids, field="documents"):
    if len(uids) > MAX_DOCUMENTS:
        return Refusal(field, RULE_ORDINAL, MSG_TOO_MANY,
                       {"max": str(MAX_DOCUMENTS), "rule": RULE_ORDINAL})
    return None


def removed(current, uids):
    """(the new list, the uids removed): the others close up, so the
    order numbers stay 1 … n without a gap."""
    gone = set(uids)
    return [u for u in current if u not in gone], [u for u in current if u in gone]


def numbered(uids):
    """[(order number, uid)]: số thứ tự văn bản trong hồ sơ, from 1."""
    return list(enumerate(uids, start=1))
