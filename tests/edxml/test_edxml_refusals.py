"""Each class of bad edXML message is refused with a reason and the field
(src/qlvbdh_policy/edxml/reader.py), for the interface to say in
Vietnamese."""

from pathlib import Path
from qlvbdh_policy.edxml.message import EdxmlError
from qlvbdh_policy.edxml.message import MESSAGES
from qlvbdh_policy.edxml.reader import read_message

import pytest

SAMPLES = Path("/work/shared/reference/edxml-samples")
EDOC = (SAMPLES / "edoc_update.edxml").read_text("utf-8")
STATUS = (SAMPLES / "status_finish_06.edxml").read_text("utf-8")


def refused(text):
    with pytest.raises(EdxmlError) as caught:
        read_message(text)
    error = caught.value
    assert error.reason in MESSAGES
    assert error.msgid == MESSAGES[error.reason]
    return error


def changed(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("text", ["", "not xml at all", "%PDF-1.7", "<edXML><a></edXML>",
                                  EDOC[: len(EDOC) // 2]])
def test_not_xml(text):
    error = refused(text)
    assert (error.reason, error.field) == ("not_xml", "edXML")
    assert error.detail


def test_doctype_is_refused_before_entities_expand():
    laughs = ('<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              '<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&b;</edXML>')
    assert refused(laughs).reason == "doctype"


@pytest.mark.parametrize("text, root", [
    ("<html><body/></html>", "html"),
    ('<edXML xmlns="http://example.org/other"/>', "{http://example.org/other}edXML"),
    ("<edXML/>", "edXML"),
    ('<Envelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>',
     "{http://www.mic.gov.vn/TBT/QCVN_102_2016}Envelope"),
])
def test_wrong_root_or_namespace(text, root):
    error = refused(text)
    assert (error.reason, error.field, error.value) == ("wrong_root", "edXML", root)


def test_sample_in_another_namespace():
    text = EDOC.replace("http://www.mic.gov.vn/TBT/QCVN_102_2016", "urn:other")
    assert refused(text).reason == "wrong_root"


def test_no_header():
    text = '<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope/></edXML>'
    error = refused(text)
    assert (error.reason, error.field) == ("missing", "edXMLEnvelope/edXMLHeader/MessageHeader")


@pytest.mark.parametrize("old, new, field", [
    ("<edXML:OrganId>000.00.00.G22</edXML:OrganId>", "", "From/OrganId"),
    ("<edXML:OrganId>000.00.00.H14</edXML:OrganId>", "<edXML:OrganId> </edXML:OrganId>",
     "To/OrganId"),
    ("<edXML:CodeNumber>7816</edXML:CodeNumber>", "", "Code/CodeNumber"),
    ("<edXML:CodeNotation>VPCP-TTĐT</edXML:CodeNotation>", "", "Code/CodeNotation"),
    ("<edXML:PromulgationDate>2018/09/28</edXML:PromulgationDate>", "",
     "PromulgationInfo/PromulgationDate"),
    ("<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>", "",
     "Subject"),
    ("<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>", "",
     "DocumentId"),
    ("<AttachmentName>1896_QD-TTg_m_294779.doc</AttachmentName>", "",
     "Attachment/AttachmentName"),
])
def test_missing_required_document_field(old, new, field):
    error = refused(changed(EDOC, old, new))
    assert (error.reason, error.field) == ("missing", field)
    assert error.mapping["field"] == field


def test_no_recipient():
    text = EDOC
    while "<edXML:To>" in text:
        start = text.index("<edXML:To>")
        text = text[:start] + text[text.index("</edXML:To>") + len("</edXML:To>"):]
    error = refused(text)
    assert (error.reason, error.field) == ("missing", "To")


@pytest.mark.parametrize("old, new, field", [
    ("<edXML:OrganId>000.00.00.G22</edXML:OrganId>", "", "ResponseFor/OrganId"),
    ("<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>", "",
     "ResponseFor/DocumentId"),
    ("<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "", "From/OrganId"),
    ("<edXML:Timestamp>2015/09/20 11:08:36</edXML:Timestamp>", "", "Timestamp"),
])
def test_missing_required_status_field(old, new, field):
    error = refused(changed(STATUS, old, new))
    assert (error.reason, error.field) == ("missing", field)


@pytest.mark.parametrize("text, old, new, field, value", [
    (EDOC, "<edXML:PromulgationDate>2018/09/28</edXML:PromulgationDate>",
     "<edXML:PromulgationDate>28/09/2018</edXML:PromulgationDate>",
     "PromulgationInfo/PromulgationDate", "28/09/2018"),
    (EDOC, "<edXML:DueDate>2018/09/28</edXML:DueDate>", "<edXML:DueDate>2018/02/30</edXML:DueDate>",
     "DueDate", "2018/02/30"),
    (EDOC, "<edXML:Timestamp>2018/09/28 00:00:00</edXML:Timestamp>",
     "<edXML:Timestamp>2018-09-28T00:00:00</edXML:Timestamp>", "TraceHeader/Timestamp",
     "2018-09-28T00:00:00"),
    (STATUS, "<edXML:Timestamp>2015/09/20 11:08:36</edXML:Timestamp>",
     "<edXML:Timestamp>2015/09/20</edXML:Timestamp>", "Timestamp", "2015/09/20"),
    (STATUS, "<edXML:PromulgationDate>2015/09/30</edXML:PromulgationDate>",
     "<edXML:PromulgationDate>hôm qua</edXML:PromulgationDate>",
     "ResponseFor/PromulgationDate", "hôm qua"),
])
def test_bad_date(text, old, new, field, value):
    error = refused(changed(text, old, new))
    assert (error.reason, error.field, error.value) == ("bad_date", field, value)
    assert error.detail in ("yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss")


@pytest.mark.parametrize("payload", ["UEsDB@@@", "UEsDBBQ", "Zm9v YmFy!", "Zg=Zg=="])
def test_bad_base64(payload):
    start = EDOC.index('QCVN_102_2016">', EDOC.index("ContentTransferEncoded")) + len('QCVN_102_2016">')
    end = EDOC.index("</edXML:ContentTransferEncoded>")
    error = refused(EDOC[:start] + payload + EDOC[end:])
    assert (error.reason, error.value) == ("bad_base64", "1896_QD-TTg_m_294779.doc")
    assert error.field == "Attachment/ContentTransferEncoded"


def test_base64_with_line_breaks_is_read():
    start = EDOC.index('QCVN_102_2016">', EDOC.index("ContentTransferEncoded")) + len('QCVN_102_2016">')
    end = EDOC.index("</edXML:ContentTransferEncoded>")
    message = read_message(EDOC[:start] + "\n  Zm9v\n  YmFy\n" + EDOC[end:])
    assert message.attachments[0].data == b"foobar"


@pytest.mark.parametrize("value", ["4", "-1", "9", "x", "0.5"])
def test_unknown_business_type(value):
    error = refused(changed(EDOC, "<edXML:BussinessDocType>2<",
                            f"<edXML:BussinessDocType>{value}<"))
    assert (error.reason, error.field, error.value) == (
        "bad_business_type", "Bussiness/BussinessDocType", value)


@pytest.mark.parametrize("value", ["00", "07", "12", "14", "17", "1", "99", "xx"])
def test_status_code_outside_the_list(value):
    error = refused(changed(STATUS, "<edXML:StatusCode>06<", f"<edXML:StatusCode>{value}<"))
    assert (error.reason, error.field, error.value) == ("bad_status_code", "StatusCode", value)
    assert "01" in error.detail and "16" in error.detail


def test_status_code_missing():
    error = refused(changed(STATUS, "<edXML:StatusCode>06</edXML:StatusCode>", ""))
    # without a status code the message reads as a document message, which lacks its fields
    assert error.reason == "missing"


@pytest.mark.parametrize("old, new, reason, field", [
    ("<edXML:Priority>0<", "<edXML:Priority>7<", "bad_priority", "OtherInfo/Priority"),
    ("<edXML:SteeringType>1<", "<edXML:SteeringType>4<", "bad_steering_type", "SteeringType"),
    ("<edXML:PageAmount>22<", "<edXML:PageAmount>hai<", "bad_number", "OtherInfo/PageAmount"),
    ("<edXML:CodeNumber>7816<", "<edXML:CodeNumber>123456789012<", "too_long", "Code/CodeNumber"),
    ("<edXML:Subject>V/v", "<edXML:Subject>" + "Đ" * 500, "too_long", "Subject"),
])
def test_other_bad_values(old, new, reason, field):
    error = refused(changed(EDOC, old, new))
    assert (error.reason, error.field) == (reason, field)


def test_error_mapping_is_plain_text():
    error = refused(changed(EDOC, "<edXML:BussinessDocType>2<", "<edXML:BussinessDocType>7<"))
    assert error.mapping == {"field": "Bussiness/BussinessDocType", "value": "7", "detail": ""}
    assert error.rule == "QCVN 102:2016/BTTTT"
    assert str(error).startswith("bad_business_type")
