"""signatures/pdf_check.py on PDFs signed with pyHanko by the test CA:
each class a real signature falls in (issue 21, "Done when")."""

from qlvbdh_policy.rules import signatures as S
from qlvbdh_policy.signatures.pdf_check import check_pdf
from qlvbdh_policy.signatures.pdf_check import load_root
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from signature_fixtures import tamper

import datetime
import pytest


@pytest.fixture
def roots(test_ca):
    return [load_root(test_ca.root.pem)]


def test_valid_signature_names_signer_organisation_and_time(test_ca, roots, tmp_path):
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    [found] = check_pdf(sign(plain_pdf(), test_ca.person, tmp_path), roots)
    assert found["status"] == S.VALID
    assert found["signer"] == "Nguyễn Văn Bình"
    assert found["organisation"] == "Sở Thông tin và Truyền thông"
    assert found["issuer"] == "CA cấp dưới thử nghiệm"
    assert datetime.datetime.fromisoformat(found["signed_at"]) >= before
    assert found["coverage"] == "ENTIRE_FILE" and found["modification"] == "NONE"


def test_root_given_as_der_works_the_same(test_ca, tmp_path):
    signed = sign(plain_pdf(), test_ca.person, tmp_path)
    assert check_pdf(signed, [load_root(test_ca.root.der)])[0]["status"] == S.VALID


def test_untrusted_root(test_ca, roots, tmp_path):
    [found] = check_pdf(sign(plain_pdf(), test_ca.stranger, tmp_path), roots)
    assert found["status"] == S.UNTRUSTED
    assert found["signer"] == "Lê Văn Dũng"


def test_no_trust_root_installed_is_untrusted_never_valid(test_ca, tmp_path):
    [found] = check_pdf(sign(plain_pdf(), test_ca.person, tmp_path), [])
    assert found["status"] == S.UNTRUSTED


def test_modified_after_signing(test_ca, roots, tmp_path):
    signed = sign(plain_pdf(), test_ca.person, tmp_path)
    [found] = check_pdf(tamper(signed), roots)
    assert found["status"] == S.MODIFIED
    assert found["coverage"] == "ENTIRE_REVISION" and found["modification"] == "OTHER"


def test_bytes_changed_inside_the_signed_range(test_ca, roots, tmp_path):
    signed = sign(plain_pdf("Noi dung goc"), test_ca.person, tmp_path)
    forged = signed.replace(b"Noi dung goc", b"Noi dung sua")
    assert forged != signed
    assert check_pdf(forged, roots)[0]["status"] == S.MODIFIED


def test_expired_certificate(test_ca, roots, tmp_path):
    [found] = check_pdf(sign(plain_pdf(), test_ca.expired, tmp_path), roots)
    assert found["status"] == S.EXPIRED
    assert datetime.datetime.fromisoformat(found["valid_until"]) < datetime.datetime.fromisoformat(
        found["signed_at"])


def test_unsigned_pdf(roots):
    assert check_pdf(plain_pdf(), roots) == []


def test_a_second_signature_keeps_the_first_valid(test_ca, roots, tmp_path):
    """The agency signs over the leader's signature: adding a signature is
    no change to what the leader signed."""
    first = sign(plain_pdf(), test_ca.person, tmp_path)
    both = sign(first, test_ca.agency, tmp_path, field="ChuKyCoQuan")
    assert [f["status"] for f in check_pdf(both, roots)] == [S.VALID, S.VALID]


def test_not_a_pdf_raises(roots):
    with pytest.raises(ValueError):
        check_pdf(b"PK\x03\x04 not a pdf", roots)


def test_load_root_refuses_what_is_no_certificate():
    with pytest.raises(ValueError):
        load_root(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
