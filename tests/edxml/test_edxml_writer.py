"""The edXML writer (src/qlvbdh_policy/edxml/writer.py): what it writes is
read back by the reader into the same data, Vietnamese text included, in
the namespace, order and date formats of QCVN 102:2016."""

from pathlib import Path
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import Attachment
from qlvbdh_policy.edxml.message import Business
from qlvbdh_policy.edxml.message import document_id
from qlvbdh_policy.edxml.message import Edoc
from qlvbdh_policy.edxml.message import EdxmlError
from qlvbdh_policy.edxml.message import NS
from qlvbdh_policy.edxml.message import Organization
from qlvbdh_policy.edxml.message import OtherInfo
from qlvbdh_policy.edxml.message import Receiver
from qlvbdh_policy.edxml.message import Replacement
from qlvbdh_policy.edxml.message import ResponseFor
from qlvbdh_policy.edxml.message import Signer
from qlvbdh_policy.edxml.message import split_document_id
from qlvbdh_policy.edxml.message import StaffInfo
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.edxml.message import TraceHeader
from qlvbdh_policy.edxml.reader import read_message
from qlvbdh_policy.edxml.writer import write_edoc
from qlvbdh_policy.edxml.writer import write_status
from xml.etree import ElementTree

import copy
import datetime
import pytest

SAMPLES = Path("/work/shared/reference/edxml-samples")
READABLE = sorted(p.name for p in SAMPLES.glob("*.edxml") if p.name != "edoc.edxml")

SO = Organization(
    organ_id="000.00.32.H55", organization_in_charge="UBND tỉnh",
    organ_name="Sở Tài nguyên và Môi trường", organ_add="Số 8 đường Trần Hưng Đạo, TP. Đồng Hới",
    email="stnmt@tinh.gov.vn", telephone="0232 3822 111", fax="0232 3822 112",
    website="https://stnmt.tinh.gov.vn")
BO = Organization(organ_id="000.00.00.G12", organ_name="Bộ Tài nguyên và Môi trường")
VAN_THU = StaffInfo(department="Văn phòng Sở", staff="Nguyễn Thị Thu Hằng",
                    email="vanthu@tinh.gov.vn", mobile="0912345678")
DAY = datetime.date(2026, 11, 30)


def outgoing(doc_type=codes.BUSINESS_NEW, **business):
    """A document as the province would send it, every field filled."""
    return Edoc(
        sender=SO, recipients=[BO, Organization(organ_id="000.00.00.H41", organ_name="UBND tỉnh Nghệ An")],
        document_id=document_id("000.00.32.H55", DAY, "125/STNMT-VP"),
        code_number="125", code_notation="STNMT-VP", place="Quảng Bình", promulgation_date=DAY,
        doc_type="1", doc_type_detail="0", doc_type_name="Công văn",
        subject="V/v báo cáo tình hình quản lý đất đai năm 2026 — “khẩn”",
        content="Kính gửi: Bộ Tài nguyên và Môi trường.\nSở báo cáo như sau: <đính kèm> & …",
        signer=Signer(competence="KT. GIÁM ĐỐC", position="Phó Giám đốc", full_name="Lê Văn Đức"),
        due_date=datetime.date(2026, 12, 15),
        to_places=["Như trên", "Lưu: VT, VP"],
        other_info=OtherInfo(priority=2, sphere_of_promulgation="Liên thông văn bản quốc gia",
                             typer_notation="HĐT", promulgation_amount=3, page_amount=4,
                             direction=True, appendixes=["Phụ lục I: Biểu tổng hợp"]),
        response_for=ResponseFor(organ_id="000.00.00.G12", code="45/BTNMT-ĐĐ",
                                 promulgation_date=datetime.date(2026, 11, 2),
                                 document_id="000.00.00.G12,2026/11/02,45/BTNMT-ĐĐ"),
        steering_type=3,
        traces=[TraceHeader(organ_id="000.00.32.H55",
                            timestamp=datetime.datetime(2026, 11, 30, 16, 5, 9))],
        business=Business(doc_type=doc_type, staff=VAN_THU, paper=0, **business),
        attachments=[
            Attachment(content_id="cid:1", name="Báo cáo đất đai.pdf",
                       content_type="application/pdf", description="Văn bản chính",
                       data=b"%PDF-1.7\n\x00\xff\xfe binary"),
            Attachment(content_id="cid:2", name="Phụ lục.docx",
                       content_type="application/vnd.openxmlformats-officedocument."
                                    "wordprocessingml.document",
                       data=bytes(range(256)) * 10),
        ])


KINDS = {
    "new": outgoing(reason="Văn bản điện tử mới"),
    "recall": outgoing(codes.BUSINESS_RECALL, reason="Thu hồi do sai sót thể thức",
                       document_id="000.00.32.H55,2026/11/30,125/STNMT-VP"),
    "update": outgoing(codes.BUSINESS_UPDATE, reason="Cập nhật nơi nhận", document_info=1,
                       document_receiver=1,
                       receivers=[Receiver("000.00.00.G12", 0), Receiver("000.00.00.H41", 1)]),
    "replace": outgoing(codes.BUSINESS_REPLACE, reason="Văn bản thay thế",
                        replacements=[Replacement("000.00.32.H55,2026/11/20,119/STNMT-VP",
                                                  ["000.00.00.G12", "000.00.00.H41"])]),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_document_messages_round_trip(kind):
    edoc = KINDS[kind]
    assert read_message(write_edoc(edoc)) == edoc


@pytest.mark.parametrize("code", codes.STATUS_CODES)
def test_status_messages_round_trip(code):
    status = Status(
        sender=BO, staff=VAN_THU, status_code=code,
        description=f"Văn thư: {codes.STATUS_TITLES[code]} — đã xử lý",
        timestamp=datetime.datetime(2026, 12, 1, 8, 30, 0),
        response_for=ResponseFor(organ_id="000.00.32.H55", code="125/STNMT-VP",
                                 promulgation_date=DAY,
                                 document_id="000.00.32.H55,2026/11/30,125/STNMT-VP"))
    assert read_message(write_status(status)) == status


@pytest.mark.parametrize("name", READABLE)
def test_samples_round_trip(name):
    message = read_message((SAMPLES / name).read_bytes())
    write = write_status if isinstance(message, Status) else write_edoc
    assert read_message(write(message)) == message


def test_vietnamese_text_is_written_as_utf8_characters():
    xml = write_edoc(KINDS["new"])
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert "Nguyễn Thị Thu Hằng".encode() in xml
    assert "V/v báo cáo tình hình quản lý đất đai".encode() in xml
    assert b"&lt;\xc4\x91\xc3\xadnh k\xc3\xa8m&gt; &amp;" in xml  # <đính kèm> &
    assert read_message(xml.decode("utf-8")).subject == KINDS["new"].subject


def test_namespace_order_and_date_formats():
    xml = write_edoc(KINDS["replace"])
    root = ElementTree.fromstring(xml)
    assert root.tag == f"{{{NS}}}edXML"
    assert b'xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"' in xml
    header = root.find(f"{{{NS}}}edXMLEnvelope/{{{NS}}}edXMLHeader/{{{NS}}}MessageHeader")
    order = [child.tag.split("}")[1] for child in header]
    assert order == ["From", "To", "To", "Code", "PromulgationInfo", "DocumentType", "Subject",
                     "Content", "SignerInfo", "DueDate", "ToPlaces", "OtherInfo", "ResponseFor",
                     "SteeringType", "DocumentId"]
    assert b"<edXML:PromulgationDate>2026/11/30</edXML:PromulgationDate>" in xml
    assert b"<edXML:DueDate>2026/12/15</edXML:DueDate>" in xml
    assert b"<edXML:Timestamp>2026/11/30 16:05:09</edXML:Timestamp>" in xml
    assert b"<edXML:DocumentId>000.00.32.H55,2026/11/30,125/STNMT-VP</edXML:DocumentId>" in xml
    assert b"<edXML:BussinessDocType>3</edXML:BussinessDocType>" in xml
    assert b"<edXML:Direction>true</edXML:Direction>" in xml
    # attachments after the envelope, listed in the manifest
    assert [child.tag.split("}")[1] for child in root] == ["edXMLEnvelope", "AttachmentEncoded"]
    manifest = root.findall(f".//{{{NS}}}edXMLManifest/{{{NS}}}Reference")
    assert len(manifest) == 2


def test_absent_values_are_left_out():
    edoc = copy.deepcopy(KINDS["new"])
    edoc.content = edoc.due_date = edoc.other_info = edoc.response_for = None
    edoc.signer = None
    edoc.to_places = []
    edoc.attachments = []
    xml = write_edoc(edoc)
    for name in (b"Content", b"DueDate", b"OtherInfo", b"ResponseFor", b"SignerInfo",
                 b"ToPlaces", b"AttachmentEncoded"):
        assert b"<edXML:" + name + b">" not in xml
    assert read_message(xml) == edoc


def test_document_id():
    assert document_id("000.00.00.G22", datetime.date(2015, 9, 30), "7816/VPCP-TTĐT") == (
        "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
    assert split_document_id("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT") == (
        "000.00.00.G22", datetime.date(2015, 9, 30), "7816/VPCP-TTĐT")
    # a notation may itself hold a comma: only the first two separate
    assert split_document_id("A,2015/09/30,1/X,Y")[2] == "1/X,Y"
    for bad in ("9fbfbad2-f1f8-4256-a2eb-50fb1061cddb", "000.00.00.G22,2014/02/30,7806/VPCP",
                ",2015/09/30,1/X", "A,30/09/2015,1/X", None):
        with pytest.raises(EdxmlError) as caught:
            split_document_id(bad)
        assert (caught.value.reason, caught.value.field) == ("bad_document_id", "DocumentId")
