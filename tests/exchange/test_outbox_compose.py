"""The edXML message of an issued document (exchange/compose.py), written by
the edxml writer and read back by the edxml reader: the header says what
the document says (QCVN 102:2016/BTTTT), Vietnamese text intact; recall,
update and replacement carry BussinessDocType 1, 2, 3. Pure: no site."""

from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.reader import read_edoc
from qlvbdh_policy.edxml.writer import write_edoc
from qlvbdh_policy.exchange import compose

import datetime

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh\n%%EOF\n"
FACTS = {
    "sender": {"organ_id": "000.00.32.H55", "name": "Sở Thông tin và Truyền thông tỉnh Tiền Giang",
               "address": "Số 23 đường 30/4, phường 1, TP Mỹ Tho", "email": "stttt@tiengiang.gov.vn",
               "phone": "0273 3871 000"},
    "code": "05/QĐ-STTTT", "issued_date": datetime.date(2026, 11, 20), "place": "Tiền Giang",
    "doc_type": "quyet_dinh", "doc_type_title": "Quyết định", "legal": False,
    "subject": "Về việc ban hành Quy chế quản lý, sử dụng hệ thống “Một cửa” điện tử",
    "signer_name": "Nguyễn Văn Ký", "signer_position": "Giám đốc",
    "signer_competence": "KT. GIÁM ĐỐC", "due_date": datetime.date(2026, 12, 15),
    "urgency": "thuong_khan", "promulgation_amount": 3, "electronic_only": True,
    "to_places": ["Bộ Thông tin và Truyền thông"],
    "files": [("Quyết định số 05.pdf", "application/pdf", PDF),
              ("Phụ lục kèm theo.pdf", "application/pdf", b"%PDF-1.4 phu luc")],
    "staff": {"staff": "Nguyễn Thị Văn Thư", "email": "vanthu@tiengiang.gov.vn"},
}
MINISTRY = {"code": "000.00.00.G12", "name": "Bộ Thông tin và Truyền thông",
            "address": "18 Nguyễn Du, Hà Nội", "email": "vanthu@mic.gov.vn"}
NOW = datetime.datetime(2026, 11, 20, 9, 30, 5)


def round_trip(*args, **kw):
    return read_edoc(write_edoc(compose.edoc(FACTS, MINISTRY, *args, now=NOW, **kw)))


def test_new_document_read_back_into_the_same_fields():
    edoc = round_trip()
    assert edoc.document_id == "000.00.32.H55,2026/11/20,05/QĐ-STTTT"
    assert (edoc.code_number, edoc.code_notation) == ("05", "QĐ-STTTT")
    assert edoc.sender.organ_id == "000.00.32.H55"
    assert edoc.sender.organ_name == "Sở Thông tin và Truyền thông tỉnh Tiền Giang"
    assert edoc.sender.organ_add == "Số 23 đường 30/4, phường 1, TP Mỹ Tho"
    assert [(r.organ_id, r.organ_name, r.organ_add) for r in edoc.recipients] == [
        ("000.00.00.G12", "Bộ Thông tin và Truyền thông", "18 Nguyễn Du, Hà Nội")]
    assert edoc.subject == FACTS["subject"]
    assert (edoc.place, edoc.promulgation_date) == ("Tiền Giang", datetime.date(2026, 11, 20))
    # no internal token in TypeDetail; only Công văn has a published code
    assert (edoc.doc_type, edoc.doc_type_detail, edoc.doc_type_name) == (
        "1", None, "Quyết định")
    assert (edoc.signer.competence, edoc.signer.position, edoc.signer.full_name) == (
        "KT. GIÁM ĐỐC", "Giám đốc", "Nguyễn Văn Ký")
    assert edoc.due_date == datetime.date(2026, 12, 15)
    assert edoc.other_info.priority == 2  # thượng khẩn
    assert edoc.other_info.promulgation_amount == 3
    assert edoc.other_info.appendixes == ["Phụ lục kèm theo.pdf"]
    assert edoc.steering_type == 1
    assert edoc.to_places == ["Bộ Thông tin và Truyền thông"]
    assert [(t.organ_id, t.timestamp) for t in edoc.traces] == [("000.00.32.H55", NOW)]
    business = edoc.business
    assert business.doc_type == codes.BUSINESS_NEW
    assert business.document_id == edoc.document_id
    assert business.reason == "Văn bản điện tử mới" and business.paper == 0
    assert business.staff.staff == "Nguyễn Thị Văn Thư"
    assert [(a.name, a.content_type, a.data) for a in edoc.attachments] == [
        (name, kind, data) for name, kind, data in FACTS["files"]]


def test_official_letter_type_as_the_published_samples_write_it():
    edoc = read_edoc(write_edoc(compose.edoc(
        dict(FACTS, doc_type="cong_van", doc_type_title="Công văn"), MINISTRY, now=NOW)))
    assert (edoc.doc_type, edoc.doc_type_detail, edoc.doc_type_name) == ("1", "0", "Công văn")
    assert b"cong_van" not in write_edoc(compose.edoc(
        dict(FACTS, doc_type="cong_van", doc_type_title="Công văn"), MINISTRY, now=NOW))


def test_priority_and_legal_type():
    facts = dict(FACTS, urgency="hoa_toc", legal=True, doc_type="nghi_quyet")
    edoc = read_edoc(write_edoc(compose.edoc(facts, MINISTRY, now=NOW)))
    assert edoc.other_info.priority == 3 and edoc.doc_type == "2"


def test_recall_update_replacement():
    recall = round_trip(codes.BUSINESS_RECALL, "Ban hành sai thẩm quyền")
    assert recall.business.doc_type == 1
    assert recall.business.reason == "Ban hành sai thẩm quyền"
    assert recall.attachments == []  # a recall carries no file
    assert recall.document_id == "000.00.32.H55,2026/11/20,05/QĐ-STTTT"

    update = round_trip(codes.BUSINESS_UPDATE, receivers=["000.00.00.G12"])
    assert update.business.doc_type == 2
    assert update.business.reason == "Cập nhật văn bản điện tử"
    assert update.business.document_info == 1
    assert [r.organ_id for r in update.business.receivers] == ["000.00.00.G12"]

    old = "000.00.32.H55,2026/10/01,03/QĐ-STTTT"
    replacement = round_trip(codes.BUSINESS_REPLACE,
                             replaced=[(old, ["000.00.00.G12", "000.00.00.H41"])])
    assert replacement.business.doc_type == 3
    assert [(r.document_id, r.organ_ids) for r in replacement.business.replacements] == [
        (old, ["000.00.00.G12", "000.00.00.H41"])]
    assert len(replacement.attachments) == 2


def test_code_split_keeps_the_year_in_the_notation():
    assert compose.split_code("03/2026/QĐ-UBND") == ("03", "2026/QĐ-UBND")
