"""Signatures in a site: the trust roots a site manager installs, the
check stored on upload and on "Kiểm tra lại", the book's mark, the
indicator, and the agency's own signature at issue (issue 21)."""

from domain_fixtures import incoming
from domain_fixtures import make_agency
from domain_fixtures import outgoing
from plone import api
from plone.app.testing import login
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.registers import columns
from qlvbdh_policy.registers import listing
from qlvbdh_policy.rules import periods
from qlvbdh_policy.rules import signatures as S
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import trust_roots
from qlvbdh_policy.signatures.pdf_check import check_pdf
from qlvbdh_policy.signatures.pdf_check import load_root
from qlvbdh_policy.stats import indicators
from qlvbdh_policy.stats.indexers import SIGNED
from qlvbdh_policy.timeutil import vietnam_today
from routing_fixtures import copy_of
from routing_fixtures import make_province
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from signature_fixtures import tamper
from signed_documents import install_agency_key
from signed_documents import install_root
from signed_documents import issue_signed
from signed_documents import signed_file
from signed_documents import signed_incoming
from signed_documents import stamp_text
from zope.i18n import translate

import pytest
import re


def brain_of(doc):
    catalog = api.portal.get_tool("portal_catalog")
    [brain] = catalog.unrestrictedSearchResults(UID=doc.UID())
    return brain


def channels_of(doc):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.getIndexDataForRID(brain_of(doc).getRID())["channels"]


def test_trust_roots_installed_listed_removed(portal, test_ca):
    entry = install_root(test_ca)
    assert entry["subject"] == "Root CA thử nghiệm"
    assert entry["organisation"] == "Ban Cơ yếu Chính phủ (thử)"
    with api.env.adopt_roles(["Manager"]):
        trust_roots.add(test_ca.root.der, "root.cer")  # the same root as DER: still one
        assert [e["fingerprint"] for e in trust_roots.listing()] == [entry["fingerprint"]]
        trust_roots.remove(entry["fingerprint"])
    assert trust_roots.listing() == [] and trust_roots.certificates() == []


@pytest.mark.parametrize("data, msgid", [
    (b"", trust_roots.MSG_NO_FILE),
    (b"not a certificate", trust_roots.MSG_NOT_A_CERTIFICATE),
])
def test_trust_root_refusals_store_nothing(portal, data, msgid):
    with pytest.raises(trust_roots.TrustRootRefused) as refused:
        trust_roots.add(data, "x.pem")
    assert refused.value.msgid == msgid and refused.value.field == "file"
    assert trust_roots.listing() == []


def test_a_signer_certificate_is_no_trust_root(portal, test_ca):
    with pytest.raises(trust_roots.TrustRootRefused) as refused:
        trust_roots.add(test_ca.person.pem, "person.pem")
    assert refused.value.msgid == trust_roots.MSG_NOT_A_CA
    assert "không phải" in str(refused.value)


def test_registered_document_keeps_its_check_and_the_book_shows_it(portal, test_ca, tmp_path):
    agency = make_agency(portal)
    install_root(test_ca)
    doc = signed_incoming(agency["den-2026"], test_ca.person, tmp_path)
    found = checking.stored(doc)
    assert found["status"] == S.VALID
    [main] = found["files"]
    assert main["name"] == "file" and main["filename"] == "Công văn 123.pdf"
    assert main["signatures"][0]["signer"] == "Nguyễn Văn Bình"
    assert brain_of(doc).signature_status == S.VALID
    assert SIGNED in channels_of(doc)
    [entry] = listing.entries([brain_of(doc)], "incoming")
    assert entry["signature_status"] == S.VALID
    notes = columns.cells("incoming", dict(entry, notes="Bản gốc"),
                          lambda m: translate(m, target_language="vi"))[-1]
    assert notes == "Bản gốc; Chữ ký số hợp lệ"


def test_untrusted_until_the_root_is_installed_then_checked_again(portal, test_ca, tmp_path):
    agency = make_agency(portal)
    doc = signed_incoming(agency["den-2026"], test_ca.person, tmp_path)
    assert checking.status_of(doc) == S.UNTRUSTED  # no root installed: never valid
    assert SIGNED not in channels_of(doc)
    install_root(test_ca)
    assert checking.status_of(doc) == S.UNTRUSTED  # kept until checked again
    checking.recheck(doc)
    assert checking.status_of(doc) == S.VALID
    assert brain_of(doc).signature_status == S.VALID and SIGNED in channels_of(doc)


def test_each_class_is_stored(portal, test_ca, tmp_path):
    agency = make_agency(portal)
    install_root(test_ca)
    register = agency["den-2026"]
    signed = sign(plain_pdf(), test_ca.person, tmp_path)
    cases = {
        S.MODIFIED: tamper(signed),
        S.EXPIRED: sign(plain_pdf(), test_ca.expired, tmp_path),
        S.UNTRUSTED: sign(plain_pdf(), test_ca.stranger, tmp_path),
        S.UNSIGNED: plain_pdf(),
    }
    for n, (status, data) in enumerate(cases.items()):
        doc = incoming(register, code_number=str(200 + n), file=signed_file(data))
        assert checking.status_of(doc) == status
        assert brain_of(doc).signature_status == status


def test_a_tampered_attachment_marks_the_document(portal, test_ca, tmp_path):
    agency = make_agency(portal)
    install_root(test_ca)
    doc = signed_incoming(agency["den-2026"], test_ca.person, tmp_path)
    signed = sign(plain_pdf("Phu luc"), test_ca.person, tmp_path)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=doc, type="File", id="phu-luc.pdf", title="Phụ lục",
                           file=signed_file(tamper(signed), "Phụ lục.pdf"))
    found = checking.stored(doc)
    assert found["status"] == S.MODIFIED
    assert [(f["name"], f["status"]) for f in found["files"]] == [
        ("file", S.VALID), ("phu-luc.pdf", S.MODIFIED)]
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(doc["phu-luc.pdf"])
    assert checking.status_of(doc) == S.VALID


def test_agency_signs_at_issue_with_its_stamp(portal, test_ca, tmp_path, monkeypatch):
    a, b = make_province(portal)
    install_root(test_ca)
    install_agency_key(a, test_ca, tmp_path, monkeypatch)
    doc = issue_signed(portal, a, b, tmp_path, test_ca)
    assert api.content.get_state(doc) == "issued" and doc.code
    data = doc.file.data
    found = check_pdf(data, [load_root(test_ca.root.pem)])
    assert [(f["signer"], f["status"]) for f in found] == [
        ("Nguyễn Văn Bình", S.VALID), ("Sở Thông tin và Truyền thông", S.VALID)]
    text = stamp_text(data)
    assert "Sở Thông tin và Truyền thông" in text
    today = vietnam_today().strftime("%d/%m/%Y")
    assert re.search(rf"Thời gian ký: {today} \d\d:\d\d:\d\d \+07:00", text), text
    assert checking.status_of(doc) == S.VALID
    # the copy delivered carries the agency's signature, checked on arrival
    copy = copy_of(doc, b)
    assert len(check_pdf(copy.file.data, [])) == 2
    assert checking.status_of(copy) == S.VALID
    # and the indicator counts it (the leader's signature alone did not)
    today = vietnam_today()
    docs = indicators.gather(a, periods.Period(today.replace(day=1), today), today)
    assert indicators.outgoing_issued(docs) == 1 and indicators.digitally_signed(docs) == 1


def test_issue_without_the_agency_key_is_refused(portal, test_ca, tmp_path):
    a, b = make_province(portal)
    with pytest.raises(StepRefused) as refused:
        issue_signed(portal, a, b, tmp_path, test_ca)
    assert "Ký số của cơ quan" in str(refused.value)


def test_wrong_password_is_refused(portal, test_ca, tmp_path, monkeypatch):
    a, b = make_province(portal)
    install_agency_key(a, test_ca, tmp_path, monkeypatch, password="sai")
    with pytest.raises(StepRefused) as refused:
        issue_signed(portal, a, b, tmp_path, test_ca)
    assert "mật khẩu" in str(refused.value)


def test_issue_without_asking_keeps_the_file(portal, test_ca, tmp_path, monkeypatch):
    a, b = make_province(portal)
    install_agency_key(a, test_ca, tmp_path, monkeypatch)
    doc = issue_signed(portal, a, b, tmp_path, test_ca, agency_signature=False)
    assert len(check_pdf(doc.file.data, [])) == 1


def _built_in_only(value):
    if isinstance(value, dict):
        return all(type(k) is str and _built_in_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_built_in_only(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def test_a_signed_draft_is_versioned_and_its_check_holds_no_pdf_reader(portal, test_ca, tmp_path):
    """A leader's signed PDF on an outgoing draft (a versioned type): the
    check keeps built-in values only, so CMFEditions copies the document
    (pickle protocol 1) and the record does not carry the PDF reader."""
    import pickle

    a, _b = make_province(portal)
    install_root(test_ca)
    login(portal, "xla")
    doc = outgoing(a["di-2026"], file=signed_file(sign(plain_pdf(), test_ca.person, tmp_path),
                                                  "Dự thảo đã ký.pdf"),
                   drafting_department=a["vp"].UID())
    found = checking.check(doc)
    assert found["status"] == S.VALID
    assert _built_in_only(found)
    assert len(pickle.dumps(found, 1)) < 4000
    repository = api.portal.get_tool("portal_repository")
    repository.save(doc, comment="Bản đã ký")
    assert len(repository.getHistoryMetadata(doc)) >= 1
