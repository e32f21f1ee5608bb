"""Received edXML messages (issue 21; QCVN 102:2016, Quyết định
28/2018/QĐ-TTg Điều 9): every public sample document lands in the
addressed agency's inbox with its fields and files, the sender told 01;
each class of bad message is refused with nothing stored."""

from inbox_fixtures import NEW_SAMPLES
from inbox_fixtures import receiving
from inbox_fixtures import sample
from inbox_fixtures import statuses
from inbox_fixtures import store_counts
from inbox_fixtures import VPCP_ID
from inbox_fixtures import waiting
from plone import api
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.exchange import inbox
from qlvbdh_policy.exchange import receiving as R

import base64
import datetime
import pytest


def test_edoc_new_lands_with_every_field_and_its_file(functional):
    portal = functional["portal"]
    a, _b = receiving(portal, NEW_SAMPLES["edoc_new.edxml"])
    result, doc = R.receive(a, sample("edoc_new.edxml"))
    assert result == R.ARRIVED and waiting(a) == [doc]
    assert api.content.get_state(doc) == "pending" and not doc.in_register()
    assert doc.title == "V/v kết nối, liên thông phần mềm quản lý văn bản"
    assert (doc.code_number, doc.code_notation, doc.code) == (
        "74fass22", "VPCP-TTĐT", "74fass22/VPCP-TTĐT")
    assert doc.doc_date == datetime.date(2019, 1, 16)
    assert doc.due_date == datetime.date(2018, 9, 28)
    assert doc.doc_type == "cong_van" and doc.urgency == "thuong" and doc.secrecy == "thuong"
    assert (doc.signer_name, doc.signer_position) == (
        "Nguyen Thanh Phuc", "Cuc truong cuc ung dung cong nghe thong tin")
    assert doc.page_count == 22 and doc.arrival_number is None
    assert doc.sender_name == "UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng"
    assert doc.sender_agency is None and doc.edxml_organisation is None
    assert doc.file.filename == "1896_QD-TTg_m_294779.doc"
    assert doc.file.data[:2] == b"PK" and doc.file.contentType == "application/zip"
    info = doc.edxml_info
    assert info["place"] == "Hà Nội" and info["competence"] == "TL. BO TRUONG"
    assert info["to_places"] == ["Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP"]
    assert info["sphere_of_promulgation"] == "Liên thông văn bản quốc gia"
    assert info["promulgation_amount"] == 2 and info["typer_notation"] == "TVC"
    assert info["steering_type"] == 1 and info["sender"]["organ_id"] == "000.00.00.A80"
    catalog = api.portal.get_tool("portal_catalog")
    assert [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(
        edxml_document_id=VPCP_ID)] == [doc]
    [(code, status)] = statuses(doc)
    assert code == "01" and status.sender.organ_id == "28.22.H17"
    assert status.response_for.document_id == VPCP_ID
    assert status.response_for.organ_id == "000.00.00.A80"
    assert status.description.startswith("Đã đến")


def test_the_vpcp_sample_lands_its_sender_matched_in_the_directory(functional):
    portal = functional["portal"]
    a, _b = receiving(portal, "000.00.00.H41")
    with api.env.adopt_roles(["Manager"]):
        directory.save("000.00.00.G22", "Văn phòng Chính phủ", "1 Hoàng Hoa Thám, Hà Nội")
    _result, doc = R.receive(a, sample("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"))
    assert doc.sender_name == "Văn phòng Chính phủ" and doc.edxml_organisation == "000.00.00.G22"
    assert doc.code == "7816/VPCP-TTĐT" and doc.doc_date == datetime.date(2019, 4, 11)
    assert doc.edxml_document_id == VPCP_ID and doc.file is not None


def test_a_sender_of_the_province_is_its_agency(functional):
    """A message from another agency of the province, by its code: the
    document's issuing agency is that agency; the other files are items
    inside the document, the PDF the main file."""
    from qlvbdh_policy.edxml.message import Attachment
    from qlvbdh_policy.edxml.reader import read_edoc
    from qlvbdh_policy.edxml.writer import write_edoc

    portal = functional["portal"]
    a, b = receiving(portal, "000.00.00.H41")
    edoc = read_edoc(sample("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"))
    edoc.sender.organ_id = b.agency_code
    edoc.other_info.priority = 3
    edoc.attachments = [Attachment(content_id="1", name="Phụ lục.docx", content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        data=b"PK\x03\x04 phu luc"),
        Attachment(content_id="2", name="Công văn 7816.pdf", content_type="application/pdf",
                   data=b"%PDF-1.4 cong van", description="Văn bản chính")]
    _result, doc = R.receive(a, write_edoc(edoc))
    assert doc.sender_agency == b.UID() and doc.sender_name == b.title
    assert doc.urgency == "hoa_toc"
    assert doc.file.filename == "Công văn 7816.pdf" and doc.file.data == b"%PDF-1.4 cong van"
    [other] = children(doc, "File")
    assert other.file.filename == "Phụ lục.docx" and other.title == "Phụ lục.docx"


def refused(portal, agency, data, status, field):
    before = store_counts(portal, agency)
    with pytest.raises(inbox.MessageRefused) as refusal:
        R.receive(agency, data)
    assert getattr(refusal.value, "status", 400) == status
    assert refusal.value.field == field
    assert store_counts(portal, agency) == before
    return str(refusal.value)


def test_each_class_of_bad_message_is_refused_with_nothing_stored(functional):
    portal = functional["portal"]
    a, _b = receiving(portal, "000.00.00.H41")
    good = sample("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml")
    message = refused(portal, a, sample("edoc.edxml"), 400, "edXML")
    assert "XML" in message
    refused(portal, a, b"<edXML/>", 400, "edXML")
    message = refused(portal, a, good.replace(b"<edXML:OrganId>000.00.00.H41</edXML:OrganId>",
                                              b"<edXML:OrganId>000.00.00.H99</edXML:OrganId>"),
                      400, "To/OrganId")
    assert "000.00.00.H99" in message and "000.00.00.H41" in message
    for mark in ("Mật".encode(), "TÀI LIỆU TỐI MẬT".encode()):
        secret = good.replace("Liên thông văn bản quốc gia".encode(), mark)
        message = refused(portal, a, secret, 400, "OtherInfo/SphereOfPromulgation")
        assert "mật" in message.lower() and "28/2018" in message
    added = good.replace(b"<edXML:Priority>", b"<edXML:SecurityLevel>2</edXML:SecurityLevel>"
                                              b"<edXML:Priority>")
    refused(portal, a, added, 400, "OtherInfo/SphereOfPromulgation")
    front = "Mặt trận Tổ quốc".encode()  # mặt, not mật
    R.receive(a, good.replace("Liên thông văn bản quốc gia".encode(), front))
    refused(portal, a, good, 409, "DocumentId")
    program = good.replace(b"1896_QD-TTg_m_294779.doc", b"setup.exe")
    message = refused(portal, a, program.replace(VPCP_ID.encode(), b"x,2019/01/01,1/X"), 400,
                      "Attachment/ContentTransferEncoded")
    assert "setup.exe" in message
    api.portal.set_registry_record("qlvbdh.max_upload_mb", 1)
    big = base64.b64encode(b"%PDF" + b"0" * 1_100_000)
    start = good.index(b">", good.index(b"<edXML:ContentTransferEncoded")) + 1
    end = good.index(b"</edXML:ContentTransferEncoded>")
    large = (good[:start] + big + good[end:]).replace(VPCP_ID.encode(), b"x,2019/01/01,2/X")
    refused(portal, a, large, 413, "Attachment/ContentTransferEncoded")
    refused(portal, a, good + b" " * 2_500_000, 413, "edXML")


def test_an_agency_without_a_code_receives_nothing(functional):
    portal = functional["portal"]
    a, _b = receiving(portal, "")
    message = refused(portal, a, sample("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"), 400,
                      "To/OrganId")
    assert "mã định danh" in message
