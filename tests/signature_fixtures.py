"""A test certification authority made with ``cryptography``, and PDFs
signed with pyHanko by its certificates: what the signature tests check.

- ``root``: the CA the site manager installs as a trust root; ``sub``
  an intermediate CA under it;
- ``person``: a leader's certificate (under ``sub``, so the chain has
  three links); ``agency``: the agency's own certificate (PKCS#12 with a
  password, as the site manager installs it);
- ``expired``: a certificate of the same CA whose validity ended
  before the signature was made;
- ``stranger``: a certificate under a second root the site does not trust.
"""

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from io import BytesIO
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from reportlab.pdfgen import canvas

import datetime
import pytest

NOW = datetime.datetime.now(datetime.timezone.utc)
DAY = datetime.timedelta(days=1)
P12_PASSWORD = "mật-khẩu 123"


def _name(common, organisation):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])


def _cert(subject, key, issuer=None, issuer_key=None, ca=False, start=None, end=None):
    start = start or NOW - 30 * DAY
    end = end or NOW + 365 * DAY
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer.subject if issuer is not None else subject)
               .public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    builder = builder.add_extension(x509.KeyUsage(
        digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False), critical=True)
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False)
    return builder.sign(issuer_key if issuer_key is not None else key, hashes.SHA256())


class Party:
    """A certificate, its key and the chain above it; ``p12`` writes the
    PKCS#12 file a signer loads."""

    def __init__(self, cert, key, chain=()):
        self.cert, self.key, self.chain = cert, key, list(chain)

    @property
    def pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self):
        return self.cert.public_bytes(serialization.Encoding.DER)

    def p12(self, path, password=P12_PASSWORD):
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            b"signer", self.key, self.cert, self.chain,
            serialization.BestAvailableEncryption(password.encode("utf-8"))))
        return path

    def signer(self, tmp_path, name="signer"):
        return signers.SimpleSigner.load_pkcs12(
            str(self.p12(tmp_path / f"{name}.p12")), passphrase=P12_PASSWORD.encode("utf-8"))


def _party(common, organisation, issuer=None, ca=False, start=None, end=None):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert(_name(common, organisation), key, issuer.cert if issuer else None,
                 issuer.key if issuer else None, ca=ca, start=start, end=end)
    chain = ([issuer.cert] + issuer.chain) if issuer else []
    return Party(cert, key, chain)


class TestCA:
    """Everything the module's docstring lists, made once per session."""

    def __init__(self):
        self.root = _party("Root CA thử nghiệm", "Ban Cơ yếu Chính phủ (thử)", ca=True)
        self.sub = _party("CA cấp dưới thử nghiệm", "Ban Cơ yếu Chính phủ (thử)",
                          issuer=self.root, ca=True)
        self.person = _party("Nguyễn Văn Bình", "Sở Thông tin và Truyền thông", self.sub)
        self.agency = _party("Sở Thông tin và Truyền thông", "UBND tỉnh Tiền Giang", self.sub)
        self.expired = _party("Trần Thị Cúc", "Sở Tài chính", self.sub,
                              start=NOW - 400 * DAY, end=NOW - 10 * DAY)
        self.other_root = _party("Root CA lạ", "Tổ chức không được tin cậy", ca=True)
        self.stranger = _party("Lê Văn Dũng", "Công ty lạ", self.other_root)


@pytest.fixture(scope="session")
def test_ca():
    return TestCA()


def plain_pdf(text="Văn bản thử nghiệm ký số", pages=1):
    """A PDF of ``pages`` A4 pages (ASCII text: the check does not read it)."""
    out = BytesIO()
    page = canvas.Canvas(out, pageCompression=0)  # readable: a test changes its bytes
    for number in range(pages):
        page.drawString(72, 720, f"{text} ({number + 1})".encode("ascii", "replace").decode())
        page.showPage()
    page.save()
    return out.getvalue()


def sign(pdf, party, tmp_path, field="ChuKyLanhDao", box=None, page=0):
    """``pdf`` signed by ``party`` with a PAdES signature, invisible, or
    visible in ``box`` (x1, y1, x2, y2 points) on ``page``."""
    from pyhanko.sign.fields import SigFieldSpec

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=SigSeedSubFilter.PADES)
    spec = SigFieldSpec(field, on_page=page, box=box) if box else None
    out = signers.PdfSigner(meta, signer=party.signer(tmp_path, field),
                            new_field_spec=spec).sign_pdf(writer)
    return out.getvalue()


def tamper(signed):
    """An incremental update that changes the first page's content after
    signing: the signed revision is intact, the file is not."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (SUA DOI) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
