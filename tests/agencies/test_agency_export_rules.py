"""The pure parts of one agency's export (rules/agency_export.py): names
inside the ZIP, metadata.json, the index."""

from qlvbdh_policy.rules import agency_export as R

import csv
import datetime
import io
import json
import pytest


@pytest.mark.parametrize("original, expected", [
    ("Quyết định số 05.pdf", "Quyết định số 05.pdf"),
    ("C:\\fakepath\\Công văn.docx", "Công văn.docx"),
    ("../../etc/passwd", "passwd"),
    ("bao cao: quy IV?.pdf", "bao cao_ quy IV_.pdf"),
    ('a<b>"c"|d*.pdf', "a_b_c_d_.pdf"),
    ("tab\there\x00.pdf", "tabhere.pdf"),
    ("CON.pdf", "CON_.pdf"),
    ("nul", "nul_"),
    ("...", "tep"),
    ("", "tep"),
    (None, "tep"),
    ("  trailing dot. ", "trailing dot"),
    ("Cong van\u0301.pdf", "Cong vań.pdf"),  # NFC
])
def test_file_name_is_cleaned(original, expected):
    assert R.file_name(original, set()) == expected


def test_file_name_keeps_the_extension_when_cut():
    name = R.file_name("x" * 300 + ".docx", set())
    assert len(name) == R.MAX_NAME_CHARS and name.endswith(".docx")


def test_file_names_are_unique_in_a_folder_ignoring_case():
    taken = {R.METADATA_NAME}
    names = [R.file_name(n, taken) for n in ("a.pdf", "A.PDF", "a.pdf", "metadata.json",
                                             "x" * 300 + ".pdf", "x" * 300 + ".pdf")]
    assert names[:4] == ["a.pdf", "A (2).PDF", "a (3).pdf", "metadata (2).json"]
    assert names[5].endswith(" (2).pdf") and len(names[5]) <= R.MAX_NAME_CHARS
    assert len({n.lower() for n in names}) == len(names)


@pytest.mark.parametrize("container, number, doc_id, expected", [
    ("den-2026", 5, "quyet-dinh-ban-hanh", "van-ban/den-2026/05_quyet-dinh-ban-hanh"),
    ("den-2026", 123, "cv", "van-ban/den-2026/123_cv"),
    ("di-2026", "07", "bao-cao", "van-ban/di-2026/07_bao-cao"),
    ("cho-tiep-nhan", None, "sttt-01-ab12", "van-ban/cho-tiep-nhan/__sttt-01-ab12"),
    ("den-2026", 1, "Đơn vị/../x", "van-ban/den-2026/01_Don-vi-..-x"),
])
def test_document_folder(container, number, doc_id, expected):
    assert R.document_folder(container, number, doc_id, set()) == expected


def test_document_folders_are_unique():
    taken = set()
    assert R.document_folder("den", 1, "a", taken) == "van-ban/den/01_a"
    assert R.document_folder("den", 1, "A", taken) == "van-ban/den/01_A-2"


def test_book_path_and_root():
    assert R.book_path("den-2026", "follow-up") == "so-van-ban/den-2026-follow-up.xlsx"
    assert R.root_folder("sttt", datetime.date(2026, 11, 30)) == "sttt-2026-11-30"


INCOMING = {
    "kind": "incoming", "id": "cv-1520", "uid": "u1", "path": "/qlvbdh/sttt/den-2026/cv-1520",
    "register": {"id": "den-2026", "title": "Sổ văn bản đến 2026", "year": 2026,
                 "kind": "incoming"},
    "state": {"id": "assigned", "title": "Đã phân công"},
    "type_title": "Công văn", "doc_type": "cong_van", "code_number": "1520",
    "code_notation": "VPUBND-HCTC", "code": "1520/VPUBND-HCTC",
    "doc_date": datetime.date(2026, 11, 18), "organ_name": "Văn phòng UBND tỉnh",
    "title": "Công văn về việc báo cáo", "page_count": 3, "notes": "",
    "signer_name": "Nguyễn Văn A", "signer_position": "Chánh Văn phòng",
    "urgency": "khan", "urgency_title": "Khẩn", "secrecy": "thuong",
    "due_date": datetime.date(2026, 12, 5), "arrival_date": datetime.date(2026, 11, 19),
    "arrival_number": 2, "recipient_unit": "Phòng CNTT", "transfer_date": None,
    "trail": [{"when": datetime.datetime(2026, 11, 19, 8, 30, tzinfo=datetime.timezone(
        datetime.timedelta(hours=7))), "actor": "lanhdao", "action": "assign",
        "comment": "Xử lý", "to": [{"id": "chuyenvien", "title": "Lê Minh Hiếu"}]}],
    "delivery": None,
    "files": [{"name": "cv.pdf", "size": 10, "sha256": "ab"}],
}


def test_incoming_metadata_carries_phu_luc_vi_fields_in_iso_dates():
    meta = R.document_metadata(INCOMING)
    json.dumps(meta)  # plain JSON
    assert meta["CodeNumber"] == "1520" and meta["CodeNotation"] == "VPUBND-HCTC"
    assert meta["code"] == "1520/VPUBND-HCTC"
    assert meta["IssuedDate"] == "2026-11-18" and meta["ArrivalDate"] == "2026-11-19"
    assert meta["ArrivalNumber"] == 2 and meta["DueDate"] == "2026-12-05"
    assert meta["OrganName"] == "Văn phòng UBND tỉnh" and meta["Subject"].startswith("Công văn")
    assert meta["SignerInfo"] == {"Position": "Chánh Văn phòng", "FullName": "Nguyễn Văn A"}
    assert meta["Priority"] == {"urgency": "khan", "urgency_title": "Khẩn", "secrecy": "thuong"}
    assert meta["ToPlaces"] == "Phòng CNTT" and meta["TransferDate"] is None
    assert meta["Description"] is None and meta["Language"] == "vi"
    assert meta["TraceHeaderList"][0]["when"] == "2026-11-19T08:30:00+07:00"
    assert meta["TraceHeaderList"][0]["to"] == [{"id": "chuyenvien", "title": "Lê Minh Hiếu"}]
    assert meta["files"] == INCOMING["files"] and meta["format"] == R.FORMAT
    assert "To" not in meta and "IssuedAmount" not in meta


def test_outgoing_metadata_names_recipients_and_delivery():
    doc = {"kind": "outgoing", "code_number": "05", "code_notation": "BC-STTTT",
           "code": "05/BC-STTTT", "issued_date": datetime.date(2026, 11, 30),
           "doc_date": None, "organ_name": "Sở TTTT", "copies": 4,
           "signer_competence": "KT. GIÁM ĐỐC",
           "recipients": [{"title": "UBND tỉnh", "code": "000.00.00.H57"},
                          {"title": "Báo Ấp Bắc", "code": None}],
           "delivery": [{"agency": "UBND tỉnh", "status": "03", "arrival_number": 7}]}
    meta = R.document_metadata(doc)
    assert meta["IssuedDate"] == "2026-11-30" and meta["CodeNumber"] == "05"
    assert meta["To"] == [{"OrganId": "000.00.00.H57", "OrganName": "UBND tỉnh"},
                          {"OrganId": None, "OrganName": "Báo Ấp Bắc"}]
    assert meta["IssuedAmount"] == 4 and meta["SignerInfo"]["Competence"] == "KT. GIÁM ĐỐC"
    assert meta["delivery"][0]["status"] == "03"
    assert "ArrivalNumber" not in meta and meta["TraceHeaderList"] == []


HEADERS = {k: k.upper() for k in R.INDEX_KEYS + ("books", "documents")}


def test_index_csv_opens_as_a_sheet_and_quotes_formulas():
    rows = [R.index_row(dict(INCOMING, title="=HYPERLINK(\"x\")"), "van-ban/den-2026/02_cv",
                        ["cv.pdf", "phu luc.docx"])]
    text = R.index_csv(rows, HEADERS)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert table[0] == [k.upper() for k in R.INDEX_KEYS]
    row = dict(zip(R.INDEX_KEYS, table[1]))
    assert row["number"] == "02" and row["code"] == "1520/VPUBND-HCTC"
    assert row["date"] == "19/11/2026" and row["subject"] == "'=HYPERLINK(\"x\")"
    assert row["files"] == "cv.pdf | phu luc.docx"


def test_index_html_links_every_file_and_escapes_text():
    rows = [R.index_row(dict(INCOMING, title="<script>x</script>"), "van-ban/den/02_cv",
                        ["phụ lục #1.pdf"])]
    page = R.index_html("Dữ liệu <Sở>", ["dòng"], [("Sổ đến", "so-van-ban/den-incoming.xlsx")],
                        rows, HEADERS, {"incoming": "Đến"})
    assert "<script>" not in page and "&lt;script&gt;" in page and "Dữ liệu &lt;Sở&gt;" in page
    assert 'href="van-ban/den/02_cv/metadata.json"' in page
    assert 'href="van-ban/den/02_cv/ph%E1%BB%A5%20l%E1%BB%A5c%20%231.pdf"' in page
    assert 'href="so-van-ban/den-incoming.xlsx"' in page and "<td>Đến</td>" in page
