"""Issue 14, integrity: the pure rules (no Zope) of plain text, duplicate
keys, plausible values and safe XLSX cells."""

from io import BytesIO
from openpyxl import load_workbook
from qlvbdh_policy.exports.xlsx import sheet_xlsx
from qlvbdh_policy.rules import plain_text
from qlvbdh_policy.rules import plausible
from qlvbdh_policy.rules.duplicates import duplicate_key

import datetime
import pytest

NFD_UY = "U\u0309y ban"  # "Ủy ban" typed with combining marks
TODAY = datetime.date(2026, 11, 27)


@pytest.mark.parametrize("raw,stored", [
    ("Ủy ban nhân dân", "Ủy ban nhân dân"),
    (NFD_UY, "Ủy ban"),
    ("  Quyết định\tvề\u00a0việc  ", "Quyết định về việc"),
    ("Quyết định\nvề việc\r\nban hành", "Quyết định về việc ban hành"),
    ("dòng\x0bdòng\x0cdòng\x85dòng\u2028dòng\u2029dòng", "dòng dòng dòng dòng dòng dòng"),
    ("UBND\u200b-VP", "UBND-VP"),
    ("\ufeffCông văn\u200d\u2060\u200c", "Công văn"),
    ("", ""),
    (None, None),
])
def test_one_line(raw, stored):
    assert plain_text.one_line(raw) == stored


@pytest.mark.parametrize("raw,stored", [
    ("Dòng 1\r\nDòng 2\rDòng 3", "Dòng 1\nDòng 2\nDòng 3"),
    ("Cột\tcột  \nsau\u2028cuối", "Cột\tcột\nsau\ncuối"),
    ("\n\nGhi\u200b chú\n\n", "Ghi chú"),
    (NFD_UY, "Ủy ban"),
    ("Ô\x07 một\x00\nhai\x1f\ud800", "Ô một\nhai"),
])
def test_multi_line(raw, stored):
    assert plain_text.multi_line(raw) == stored


@pytest.mark.parametrize("text,character", [
    ("Quyết định\x00", "U+0000"),
    ("a\x01b", "U+0001"),
    ("a\x08b", "U+0008"),
    ("a\x1fb", "U+001F"),  # str.split() takes it for a space: refused, not spaced
    ("a\x7fb", "U+007F"),
    ("a\x9bb", "U+009B"),
    ("lone \ud800 surrogate", "U+D800"),
    ("a\udfffb", "U+DFFF"),
    ("a\uffffb", "U+FFFF"),
    ("Quyết định\nvề việc\tđó\x0b\x0c\r\x85", None),  # line breaks: normalised
    ("Ủy ban\u200b", None),
    ("", None),
])
def test_refused_character(text, character):
    assert plain_text.refused_character(text) == character
    refusal = plain_text.refuse_control(text, "title", "Trích yếu")
    if character is None:
        assert refusal is None
    else:
        assert refusal.field == "title"
        assert refusal.mapping == {"field": "Trích yếu", "character": character}


def test_one_line_leaves_refused_characters_to_be_named():
    assert plain_text.one_line("a\x1f b\x00") == "a\x1f b\x00"


@pytest.mark.parametrize("raw,clean", [
    ("C:\\fakepath\\Quyết định.pdf", "Quyết định.pdf"),
    ("../../etc/x.pdf", "x.pdf"),
    ("..\\..\\x.pdf", "x.pdf"),
    ("C:x.pdf", "x.pdf"),
    ("x\x00.pdf", "x.pdf"),
    ('bad"\r\nContent-Type: text/html.pdf', "html.pdf"),
    ("a\u200b b\t.pdf", "a b.pdf"),
    ("U\u0309y ban.pdf", "Ủy ban.pdf"),
    ("..", ""),
    (None, None),
])
def test_clean_filename(raw, clean):
    assert plain_text.clean_filename(raw) == clean


DATE = datetime.date(2026, 11, 20)


@pytest.mark.parametrize("first,second", [
    (("123", "QĐ-UBND", "UBND tỉnh Tiền Giang", DATE),
     ("123\u200b", "QĐ\u200b-UBND", "UBND tỉnh\u200d Tiền Giang", DATE)),
    (("123", "QĐ-UBND", "UBND tỉnh Tiền Giang", DATE),
     ("\ufeff0123", "qđ-ubnd\u2060", "\u200bUBND tỉnh Tiền Giang", DATE)),
    (("45", "UBND-VP", "Ủy ban", DATE), ("45", "UBND-VP", NFD_UY, DATE)),
])
def test_duplicate_key_ignores_invisible_characters(first, second):
    assert duplicate_key(*first) == duplicate_key(*second) is not None


def test_duplicate_key_of_invisible_number_is_none():
    assert duplicate_key("\u200b", "QĐ", "UBND", DATE) is None


@pytest.mark.parametrize("value,refused", [
    (datetime.date(2026, 11, 27), None),
    (datetime.date(2026, 11, 28), plausible.MSG_DOC_DATE_FUTURE),
    (datetime.date(2062, 11, 20), plausible.MSG_DOC_DATE_FUTURE),
    (datetime.date(1945, 1, 1), None),
    (datetime.date(1944, 12, 31), plausible.MSG_DOC_DATE_TOO_OLD),
    (datetime.date(202, 11, 20), plausible.MSG_DOC_DATE_TOO_OLD),
    (None, None),
])
def test_doc_date(value, refused):
    refusal = plausible.refuse_doc_date(value, TODAY, datetime.date(1945, 1, 1))
    assert (refusal.msgid if refusal else None) == refused


def test_doc_date_message_in_dd_mm_yyyy():
    refusal = plausible.refuse_doc_date(datetime.date(2062, 3, 5), TODAY)
    assert refusal.mapping == {"date": "05/03/2062", "today": "27/11/2026"}
    refusal = plausible.refuse_doc_date(datetime.date(1900, 1, 2), TODAY)
    assert refusal.mapping == {"date": "02/01/1900", "floor": "01/01/1945"}


@pytest.mark.parametrize("value,year,refused", [
    (datetime.date(2026, 11, 27), 2026, None),
    (datetime.date(2026, 1, 1), 2026, None),
    (datetime.date(2026, 11, 28), 2026, plausible.MSG_ARRIVAL_FUTURE),
    (datetime.date(2025, 12, 31), 2026, plausible.MSG_ARRIVAL_OTHER_YEAR),
    (datetime.date(2026, 3, 1), 2025, plausible.MSG_ARRIVAL_OTHER_YEAR),
    (None, 2026, None),
])
def test_arrival_date(value, year, refused):
    refusal = plausible.refuse_arrival_date(value, TODAY, year, "Sổ văn bản đến 2026")
    assert (refusal.msgid if refusal else None) == refused


@pytest.mark.parametrize("value,accepted", [
    (1, True), (10000, True), (None, True),
    (0, False), (-3, False), (10001, False), (10**9, False), (True, False), ("5", False),
])
def test_count(value, accepted):
    refusal = plausible.refuse_count(value, "page_count", "Số trang")
    assert (refusal is None) == accepted
    if refusal:
        assert refusal.mapping["high"] == "10.000"


def read_back(data):
    return load_workbook(BytesIO(data)).worksheets[0]


@pytest.mark.parametrize("value", [
    '=HYPERLINK("http://evil.example/","Bấm vào đây")', "=1+2", "+84 273 3872", "-5+3",
    "@SUM(A1:A2)", "\t=1+2", "\r=1+2", "-", "Quyết định",
])
def test_text_is_never_a_formula(value):
    sheet = read_back(sheet_xlsx("Sổ", ["=Tiêu đề"], [[value]]))
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == "=Tiêu đề"
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == value


def test_numbers_stay_numbers_and_bad_characters_are_dropped():
    sheet = read_back(sheet_xlsx("Sổ\x00", ["a"], [[5, -3, 2.5, "Tiêu\x00 đề\x01\ud800"]]))
    assert [c.value for c in sheet[2]] == [5, -3, 2.5, "Tiêu đề"]
    assert [c.data_type for c in sheet[2]][:4] == ["n", "n", "n", "s"]
