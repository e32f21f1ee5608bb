"""Whether a title is a dispute, complaint or denunciation letter, which
must not enter the system (Quy chế 03/2014/QĐ-UBND, Điều 3 khoản 2 điểm b:
"Đơn thư tranh chấp, khiếu nại, tố cáo").

The rule reads the title as a clerk does, whatever its spelling, case or
diacritics (folded):

- a letter: "đơn", "thư" or "đơn thư" followed, within a few words, by one
  of the three subjects ("Đơn đề nghị giải quyết tranh chấp đất đai",
  "Thư tố cáo cán bộ vi phạm", "Chuyển đơn thư khiếu nại của công dân");
- or a title that opens with the subject itself ("Khiếu nại về việc thu
  hồi đất", "Tố cáo ông Nguyễn Văn A");

unless the title opens with the name of an administrative document
(Báo cáo, Quyết định, Hướng dẫn, Công văn …, NĐ 30/2020 Phụ lục III): a
document *about* complaints ("Báo cáo kết quả giải quyết khiếu nại, tố
cáo", "Quyết định giải quyết đơn khiếu nại") is an agency's own document
and is registered.
"""

from qlvbdh_policy.rules.folding import fold

import re

#: the subjects of Điều 3.2.b, folded
SUBJECTS = (("khieu", "nai"), ("to", "cao"), ("tranh", "chap"), ("to", "giac"),
            ("khieu", "kien"))

#: words that make what follows a letter (folded): đơn, thư, đơn thư
LETTERS = ("don", "thu")

#: how many words may stand between the letter and its subject
#: ("Đơn đề nghị giải quyết tranh chấp": three)
GAP = 4

#: names of administrative documents a title may open with (folded, as
#: word tuples): what follows is the agency's document about the subject
DOCUMENT_NAMES = tuple(tuple(name.split()) for name in (
    "bao cao", "quyet dinh", "cong van", "huong dan", "ke hoach", "thong bao",
    "to trinh", "chi thi", "nghi quyet", "nghi dinh", "thong tu", "giay moi",
    "bien ban", "ket luan", "chuong trinh", "de an", "phuong an", "danh sach",
    "tong hop", "thong ke", "van ban", "tra loi", "phieu chuyen", "phieu trinh",
    "cong dien", "quy che", "quy dinh", "lich", "v v", "ve viec",
))

_WORD = re.compile(r"[a-z0-9]+")


def words(text):
    return _WORD.findall(fold(text or ""))


def _subject_at(ws, i):
    return any(tuple(ws[i:i + len(s)]) == s for s in SUBJECTS)


def _opens_with_document_name(ws):
    return any(tuple(ws[:len(name)]) == name for name in DOCUMENT_NAMES)


def is_complaint_letter(text):
    """True for a dispute, complaint or denunciation letter's title."""
    ws = words(text)
    if not ws or _opens_with_document_name(ws):
        return False
    if _subject_at(ws, 0):
        return True
    for i, word in enumerate(ws):
        if word not in LETTERS:
            continue
        # "thư" alone is a letter only right before its subject ("thư tố
        # cáo"); "thu" is also "thu hồi", "thu phí" …
        gap = GAP if word == "don" else 0
        if any(_subject_at(ws, j) for j in range(i + 1, min(i + 2 + gap, len(ws)))):
            return True
    return False
