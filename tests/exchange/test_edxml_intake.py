"""rules/edxml_intake.py: a secret message recognised by what a sender can
mark (Quyết định 28/2018/QĐ-TTg Điều 1.2), diacritics compared; priority →
urgency (QCVN 102:2016 OtherInfo/Priority)."""

from qlvbdh_policy.rules.edxml_intake import secrecy_of
from qlvbdh_policy.rules.edxml_intake import urgency

import pytest


@pytest.mark.parametrize("sphere, marks, level", [
    ("Mật", (), "mat"), ("TỐI MẬT", (), "toi_mat"), ("Tài liệu tuyệt mật", (), "tuyet_mat"),
    ("Liên thông văn bản quốc gia", (), None), ("Mặt trận Tổ quốc", (), None),
    ("Lưu hành nội bộ", (), None), (None, (), None),
    (None, [("SecurityLevel", "2")], "mat"), (None, [("Secret", "Tối mật")], "toi_mat"),
    (None, [("SecurityLevel", "0")], None), (None, [("Priority", "3")], None),
    (None, [("DoMat", "Thường")], None),
])
def test_secret_marks(sphere, marks, level):
    assert secrecy_of(sphere, marks) == level


@pytest.mark.parametrize("priority, token", [(0, "thuong"), (1, "khan"), (2, "thuong_khan"),
                                             (3, "hoa_toc"), (4, "hoa_toc"), (None, "thuong")])
def test_priority_is_urgency(priority, token):
    assert urgency(priority) == token
