"""Plain unit tests of the pure rules (no Zope)."""

from qlvbdh_policy.rules import electronic
from qlvbdh_policy.rules import files
from qlvbdh_policy.rules import notation
from qlvbdh_policy.rules import refusals
from qlvbdh_policy.rules import series
from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.timeutil import read_date

import datetime
import pytest


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Ủy ban nhân dân tỉnh", "uy ban nhan dan tinh"),
        ("ỨNG DỤNG", "ung dung"),
        ("Ấn định", "an dinh"),
        ("Đơn  thư   Đề nghị", "don thu de nghi"),
        ("ă â ê ô ơ ư đ ỳ ỷ ỹ ỵ", "a a e o o u d y y y y"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


class TestNotation:
    def test_leading_zero_below_ten(self):
        assert notation.format_number(5) == "05"
        assert notation.format_number(9) == "09"
        assert notation.format_number(10) == "10"
        assert notation.format_number(123) == "123"

    def test_number_zero_is_refused(self):
        with pytest.raises(ValueError):
            notation.format_number(0)

    def test_administrative(self):
        code = notation.code_notation("STTTT", type_abbr="QĐ")
        assert notation.full_code(5, code) == "05/QĐ-STTTT"

    def test_cong_van_agency_then_department(self):
        code = notation.code_notation("STTTT", department_abbr="VP")
        assert notation.full_code(123, code) == "123/STTTT-VP"

    def test_cong_van_without_department(self):
        assert notation.code_notation("UBND") == "UBND"

    def test_legal_normative(self):
        code = notation.code_notation("UBND", type_abbr="QĐ", kind=notation.KIND_LEGAL)
        assert notation.full_code(3, code, year=2014, kind=notation.KIND_LEGAL) == (
            "03/2014/QĐ-UBND"
        )

    def test_legal_needs_year_and_type(self):
        with pytest.raises(ValueError):
            notation.full_code(3, "QĐ-UBND", kind=notation.KIND_LEGAL)
        with pytest.raises(ValueError):
            notation.code_notation("UBND", kind=notation.KIND_LEGAL)


class TestSeries:
    def test_incoming_is_one_series(self):
        assert series.series_key("incoming", "quyet_dinh") == series.series_key(
            "incoming", "cong_van"
        )

    def test_outgoing_single_series_by_default(self):
        assert series.series_key("outgoing", "quyet_dinh") == "administrative"
        assert series.series_key("outgoing", "cong_van") == "administrative"

    def test_outgoing_per_type(self):
        a = series.series_key("outgoing", "quyet_dinh", mode=series.MODE_PER_TYPE)
        b = series.series_key("outgoing", "thong_bao", mode=series.MODE_PER_TYPE)
        assert a != b

    def test_each_legal_type_has_its_own_series(self):
        a = series.series_key("outgoing", "qppl_quyet_dinh", legal=True)
        b = series.series_key("outgoing", "qppl_chi_thi", legal=True)
        assert a != b != "administrative"


class TestRefusals:
    @pytest.mark.parametrize("level", ["mat", "toi_mat", "tuyet_mat"])
    def test_secret_levels_refused(self, level):
        r = refusals.refuse_secrecy(level, "Mật")
        assert r.field == "secrecy"
        assert "Điều 3 khoản 2 điểm a" in r.rule

    def test_ordinary_accepted(self):
        assert refusals.refuse_secrecy("thuong") is None
        assert refusals.refuse_secrecy("") is None

    @pytest.mark.parametrize(
        "title",
        [
            "Đơn khiếu nại về việc bồi thường đất",
            "ĐƠN TỐ CÁO cán bộ xã",
            "Chuyển đơn thư khiếu nại của công dân",
            "Don tranh chap dat dai",
            "Thư tố cáo cán bộ vi phạm",
            "THƯ TỐ CÁO CÁN BỘ VI PHẠM",
            "thu to cao can bo vi pham",
            "Khiếu nại về việc thu hồi đất của hộ ông Nguyễn Văn A",
            "Tố cáo ông Trần Văn B, cán bộ địa chính xã",
            "Đơn đề nghị giải quyết tranh chấp đất đai",
            "Đơn   thư  khiếu   nại",
            "Tranh chấp ranh giới đất giữa hai hộ",
            "Đơn tố giác hành vi vi phạm",
            "Gửi kèm đơn khiếu kiện của bà C",
        ],
    )
    def test_complaint_letters_refused(self, title):
        r = refusals.refuse_complaint(title)
        assert r.field == "title"
        assert "điểm b" in r.rule

    @pytest.mark.parametrize(
        "title",
        [
            "Báo cáo kết quả giải quyết khiếu nại, tố cáo năm 2025",
            "Quyết định về việc đơn giản hóa thủ tục hành chính",
            "Quyết định giải quyết đơn khiếu nại của bà Lê Thị C",
            "Hướng dẫn xử lý đơn thư khiếu nại, tố cáo",
            "Công văn về việc tăng cường công tác tiếp công dân, giải quyết khiếu nại",
            "Kế hoạch thanh tra, giải quyết tố cáo năm 2027",
            "Thông báo kết luận nội dung tố cáo",
            "Trả lời đơn kiến nghị của công dân",
            "V/v chuyển đơn khiếu nại đến cơ quan có thẩm quyền",
            "Tờ trình về việc thu hồi đất",
            "Thu phí, lệ phí năm 2027",
            "Báo cáo tình hình tranh chấp đất đai quý IV",
            "Đơn giá bồi thường khi giải quyết khiếu nại",
            "Kiến nghị của cử tri về thu hồi đất",
            "",
        ],
    )
    def test_reports_about_complaints_accepted(self, title):
        assert refusals.refuse_complaint(title) is None

    def test_the_complaint_kind_is_refused_as_a_type(self):
        r = refusals.refuse_complaint_type(refusals.COMPLAINT_TYPE)
        assert r.field == "doc_type" and "điểm b" in r.rule
        assert refusals.refuse_complaint_type("cong_van") is None


class TestFiles:
    MB = 1048576

    def test_pdf_accepted(self):
        assert files.check_file("Quyết định số 05.pdf", 1000, b"%PDF-1.7", 50 * self.MB) is None

    def test_empty_refused(self):
        assert files.check_file("a.pdf", 0, b"", 50 * self.MB).reason == "empty"

    def test_program_by_extension(self):
        assert files.check_file("setup.exe", 10, b"xx", 50 * self.MB).reason == "program"

    def test_program_renamed_as_pdf(self):
        assert files.check_file("van-ban.pdf", 10, b"MZ\x90\x00", 50 * self.MB).reason == "program"

    def test_unknown_format(self):
        assert files.check_file("a.xyz", 10, b"xx", 50 * self.MB).reason == "format"

    def test_too_big(self):
        r = files.check_file("a.pdf", 51 * self.MB, b"%PDF", 50 * self.MB)
        assert r.reason == "size"
        assert r.mapping["limit"] == "50"


class TestElectronicOnly:
    @pytest.mark.parametrize("doc_type", ["giay_moi", "ban_sao_y", "ban_trich_sao", "ban_sao_luc"])
    def test_types(self, doc_type):
        assert electronic.electronic_only_default(doc_type)

    @pytest.mark.parametrize(
        "title",
        ["Báo cáo tuần 47", "Lịch công tác tháng 12", "Dự thảo Kế hoạch năm 2027",
         "Mời họp giao ban"],
    )
    def test_titles(self, title):
        assert electronic.electronic_only_default("cong_van", title)

    def test_ordinary_decision_is_not(self):
        assert not electronic.electronic_only_default("quyet_dinh", "Quyết định bổ nhiệm")

    def test_digitally_signed(self):
        assert electronic.electronic_only_default("quyet_dinh", "", digitally_signed=True)


def test_group_names():
    from qlvbdh_policy.rules import group_names as g

    assert g.agency_group_ids("sttt") == ["sttt-clerks", "sttt-leaders", "sttt-admins",
                                          "sttt-staff", "sttt-archivists", "sttt-deputies"]
    assert g.archivists_group_id("sttt") == "sttt-archivists"
    assert g.department_group_ids("sttt", "vp") == ("sttt-vp", "sttt-vp-heads")
    assert g.members_group_of_heads("sttt-vp-heads") == "sttt-vp"
    assert g.members_group_of_heads("sttt-vp") is None


def test_vietnamese_alphabetical_order():
    from qlvbdh_policy.rules.collation import sort_key

    words = ["ê", "đá", "Ấn định", "ăn", "an", "da", "bàn", "e", "Ủy ban", "uy", "ưu", "z",
             "ơn", "ô", "o", "Quyết định 2", "Quyết định 10"]
    assert sorted(words, key=sort_key) == [
        "an", "ăn", "Ấn định", "bàn", "da", "đá", "e", "ê", "o", "ô", "ơn",
        "Quyết định 2", "Quyết định 10", "uy", "Ủy ban", "ưu", "z"]
    tones = ["bạ", "bá", "bã", "bả", "bà", "ba"]
    assert sorted(tones, key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]
    assert sort_key("ĐƠN VỊ") == sort_key("đơn vị")
    assert sort_key("an") < sort_key("an toàn") < sort_key("anh")


@pytest.mark.parametrize("text, day", [
    ("20/11/2026", datetime.date(2026, 11, 20)), ("2026-11-20", datetime.date(2026, 11, 20)),
    (" 01/02/2026 ", datetime.date(2026, 2, 1)), ("", None), (None, None),
])
def test_dates_read_as_officials_write_them(text, day):
    assert read_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2026", "20-11-2026", "hôm nay", "11/20/2026x"])
def test_what_is_no_date_is_refused(text):
    with pytest.raises(ValueError):
        read_date(text)
