"""The edXML reader (src/qlvbdh_policy/edxml/reader.py) on every public
sample in shared/reference/edxml-samples, asserted by value."""

from pathlib import Path
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import Edoc
from qlvbdh_policy.edxml.message import EdxmlError
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.edxml.reader import read_edoc
from qlvbdh_policy.edxml.reader import read_message
from qlvbdh_policy.edxml.reader import read_status

import datetime
import io
import pytest
import zipfile

SAMPLES = Path("/work/shared/reference/edxml-samples")
VPCP_ID = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
STATUS_FILES = {
    "status_inbox_01.edxml": "01", "status_rejection_02.edxml": "02",
    "status_acceptance_03.edxml": "03", "status_assignment_04.edxml": "04",
    "status_processing_05.edxml": "05", "status_finish_06.edxml": "06",
    "status_cancellation_13.edxml": "13", "status_change-acceptance_15.edxml": "15",
    "status_change-rejection_16.edxml": "16",
}


def sample(name):
    return (SAMPLES / name).read_bytes()


def test_every_sample_is_covered_here():
    names = {p.name for p in SAMPLES.glob("*.edxml")}
    covered = set(STATUS_FILES) | {
        "status.edxml", "edoc.edxml", "edoc_new.edxml", "edoc_revocation.edxml",
        "edoc_update.edxml", "edoc_replacement.edxml",
        "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"}
    assert names == covered


def test_new_document_header():
    edoc = read_edoc(sample("edoc_new.edxml"))
    assert edoc.sender.organ_id == "000.00.00.A80"
    assert edoc.sender.organ_name == "UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng"
    assert edoc.sender.fax == "048989898789"
    assert [r.organ_id for r in edoc.recipients] == ["28.22.H17"]
    assert edoc.recipients[0].organ_add == "số 62 - Võ Thị Sáu - Ngô Quyền - Hải Phòng"
    assert edoc.recipients[0].telephone == "(84-4) 3821 5137"
    assert edoc.document_id == VPCP_ID
    assert (edoc.code_number, edoc.code_notation) == ("74fass22", "VPCP-TTĐT")
    assert edoc.code == "74fass22/VPCP-TTĐT"
    assert edoc.place == "Hà Nội"
    assert edoc.promulgation_date == datetime.date(2019, 1, 16)
    assert (edoc.doc_type, edoc.doc_type_detail, edoc.doc_type_name) == ("1", "0", "Công văn")
    assert edoc.subject == "V/v kết nối, liên thông phần mềm quản lý văn bản"
    assert edoc.content == "V/v kết nối, liên thông phần mềm quản lý văn bản"
    assert edoc.signer.competence == "TL. BO TRUONG"
    assert edoc.signer.position == "Cuc truong cuc ung dung cong nghe thong tin"
    assert edoc.signer.full_name == "Nguyen Thanh Phuc"
    assert edoc.due_date == datetime.date(2018, 9, 28)
    assert edoc.to_places == ["Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP"]
    info = edoc.other_info
    assert (info.priority, info.promulgation_amount, info.page_amount, info.direction) == (
        0, 2, 22, False)
    assert info.sphere_of_promulgation == "Liên thông văn bản quốc gia"
    assert info.typer_notation == "TVC"
    assert info.appendixes == ["Công văn về việc kết nối, liên thông phần mềm quản lý văn bản"]
    assert edoc.response_for is None
    assert edoc.steering_type == 1
    assert [(t.organ_id, t.timestamp) for t in edoc.traces] == [
        ("000.00.00.G22", datetime.datetime(2018, 9, 28, 0, 0, 0))]


def test_new_document_business_and_attachment():
    edoc = read_edoc(sample("edoc_new.edxml"))
    business = edoc.business
    assert business.doc_type == codes.BUSINESS_NEW
    # the sample's own DocumentId names 30 February: kept as text, not a date
    assert business.document_id == "000.00.00.G22,2014/02/30,7806/VPCP-TTĐT"
    assert business.reason == "Văn bản điện tử mới"
    assert business.paper == 0
    assert business.staff.staff == "Nguyễn Thị Ngọc Trâm"
    assert business.staff.department == "Văn thư văn phòng"
    assert business.staff.mobile == "84912000001"
    [attachment] = edoc.attachments
    assert attachment.content_id == "cid:209"
    assert attachment.name == "1896_QD-TTg_m_294779.doc"
    assert attachment.description == "1896_QD-TTg_m_294779.doc"
    assert attachment.content_type == "application/zip"
    # SOURCES.md: the attachment is a zip holding another edXML message
    with zipfile.ZipFile(io.BytesIO(attachment.data)) as archive:
        [inner] = archive.namelist()
        assert inner.endswith(".edxml")
        assert b"edXML" in archive.read(inner)


def test_revocation():
    edoc = read_edoc(sample("edoc_revocation.edxml"))
    assert edoc.business.doc_type == codes.BUSINESS_RECALL
    assert edoc.business.reason == "Thu hồi văn bản điện tử"
    assert edoc.business.document_id is None
    assert [r.organ_id for r in edoc.recipients] == [
        "000.00.00.H41", "000.00.00.H14", "000.00.00.G17"]
    assert edoc.recipients[1].organ_name == "UBND Tỉnh Cao Bằng"
    answer = edoc.response_for
    assert (answer.organ_id, answer.code, answer.document_id, answer.promulgation_date) == (
        "000.00.00.H14", "267/VPCP-TTĐT", "000.00.04.G14,2012/08/06,267/VPCP-TTĐT",
        datetime.date(2018, 9, 28))
    assert (edoc.code_number, edoc.promulgation_date) == ("7816", datetime.date(2018, 9, 28))


def test_update():
    business = read_edoc(sample("edoc_update.edxml")).business
    assert business.doc_type == codes.BUSINESS_UPDATE
    assert business.reason == "Cập nhật văn bản điện tử"
    assert (business.document_info, business.document_receiver) == (1, 1)
    assert [(r.organ_id, r.receiver_type) for r in business.receivers] == [
        ("000.00.00.H41", 0), ("000.00.00.H14", 1)]
    assert business.replacements == []


def test_replacement():
    business = read_edoc(sample("edoc_replacement.edxml")).business
    assert business.doc_type == codes.BUSINESS_REPLACE
    assert business.reason == "Văn bản thay thế"
    assert [(r.document_id, r.organ_ids) for r in business.replacements] == [
        ("000.00.00.G22,2014/01/30,7806/VPCP-TTĐT", ["000.00.00.H41", "000.00.00.H14"])] * 2
    assert business.receivers == []


def test_trace_after_business_and_no_signature():
    edoc = read_edoc(sample("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"))
    assert edoc.promulgation_date == datetime.date(2019, 4, 11)
    assert edoc.traces[0].timestamp == datetime.datetime(2019, 4, 11)
    assert edoc.business.doc_type == codes.BUSINESS_NEW
    assert len(edoc.attachments[0].data) == 4151
    assert edoc.attachments[0].data.startswith(b"PK")


def test_malformed_sample_is_refused():
    """edoc.edxml has a mismatched tag (line 74) — SOURCES.md."""
    with pytest.raises(EdxmlError) as caught:
        read_message(sample("edoc.edxml"))
    assert caught.value.reason == "not_xml"
    assert "line 74" in caught.value.detail


def test_status_sample():
    status = read_status(sample("status.edxml"))
    assert isinstance(status, Status)
    assert status.sender.organ_id == "000.00.00.H41"
    assert status.sender.organ_name == "UBND Tỉnh Nghệ An"
    assert status.sender.organ_add == ("Số 03, đường Trường Thi, Thành phố Vinh, "
                                       "Tỉnh Nghệ An, Việt Nam")
    answer = status.response_for
    assert (answer.organ_id, answer.code, answer.document_id, answer.promulgation_date) == (
        "000.00.00.G22", "7816/VPCP-TTĐT", VPCP_ID, datetime.date(2018, 9, 28))
    assert status.staff.staff == "Nguyễn Thị Ngọc Trâm"
    assert status.staff.email == "vanthuvanphong@gov.vn"
    assert status.status_code == codes.STATUS_ARRIVED
    assert status.description.startswith("Văn thư - Phòng Văn thư - Lưu trữ: Đã đến")
    assert status.timestamp == datetime.datetime(2018, 9, 28, 17, 25, 11)


@pytest.mark.parametrize("name, code", sorted(STATUS_FILES.items()))
def test_status_samples(name, code):
    status = read_message(sample(name))
    assert isinstance(status, Status)
    assert status.status_code == code
    assert status.response_for.document_id == VPCP_ID
    assert status.response_for.promulgation_date == datetime.date(2015, 9, 30)
    assert status.timestamp == datetime.datetime(2015, 9, 20, 11, 8, 36)
    assert status.staff.staff == "Nguyen thi ngoc tram"
    # 13 (recall) is sent by the sender of the document, the rest by its recipient
    sender = "000.00.00.G22" if code == "13" else "000.00.00.H41"
    assert status.sender.organ_id == sender
    assert status.description


def test_kinds_are_told_apart():
    assert isinstance(read_message(sample("edoc_update.edxml")), Edoc)
    with pytest.raises(EdxmlError) as caught:
        read_edoc(sample("status_finish_06.edxml"))
    assert caught.value.reason == "wrong_kind"
    with pytest.raises(EdxmlError) as caught:
        read_status(sample("edoc_new.edxml"))
    assert caught.value.reason == "wrong_kind"
