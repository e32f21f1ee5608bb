"""rules/edxml_doc_type: DocumentType of an outgoing message, never the
site's internal token. Pure."""

from qlvbdh_policy.rules import edxml_doc_type


def test_official_letter_and_others():
    assert edxml_doc_type.document_type("cong_van", "Công văn") == ("1", "0", "Công văn")
    assert edxml_doc_type.document_type("quyet_dinh", "Quyết định (cá biệt)") == (
        "1", None, "Quyết định (cá biệt)")
    assert edxml_doc_type.document_type("qppl_nghi_quyet", "Nghị quyết", legal=True)[0] == "2"
    assert edxml_doc_type.document_type(None, None) == ("1", None, None)
