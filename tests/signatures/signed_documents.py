"""Documents carrying PDFs signed by the test CA, in a site: the trust
root installed, an incoming document registered with a signed main file,
the agency's key and its password file (``agency_signing``), an outgoing
document signed by the leader and issued by the clerk."""

from domain_fixtures import incoming
from domain_fixtures import outgoing
from plone import api
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy.signatures import agency_signing
from qlvbdh_policy.signatures import trust_roots
from signature_fixtures import P12_PASSWORD
from signature_fixtures import plain_pdf
from signature_fixtures import sign

import io


def signed_file(data, name="Công văn 123.pdf"):
    return NamedBlobFile(data=data, filename=name, contentType="application/pdf")


def install_root(test_ca):
    with api.env.adopt_roles(["Manager"]):
        return trust_roots.add(test_ca.root.pem, "root.pem")


def signed_incoming(register, party, tmp_path, **kw):
    data = sign(plain_pdf(), party, tmp_path)
    return incoming(register, file=signed_file(data), **kw)


def signed_outgoing(portal, a, b, tmp_path, test_ca, leader_signed=None, **fields):
    """An outgoing document of ``a`` to ``b``, its main file the leader's
    signed PDF (``leader_signed``, else one page signed invisibly),
    reviewed and signed: the clerk issues it next."""
    login(portal, "xla")
    leader_signed = leader_signed or sign(plain_pdf(), test_ca.person, tmp_path)
    doc = outgoing(a["di-2026"], file=signed_file(leader_signed, "Quyết định.pdf"),
                   drafting_department=a["vp"].UID(), recipients_internal=[b.UID()], **fields)
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve", "sign"):
            api.portal.get_tool("portal_workflow").doActionFor(doc, step)
    return doc


def issue_signed(portal, a, b, tmp_path, test_ca, agency_signature=True, leader_signed=None):
    """``signed_outgoing`` issued by the clerk."""
    from qlvbdh_policy.routing import steps

    doc = signed_outgoing(portal, a, b, tmp_path, test_ca, leader_signed)
    login(portal, "vta")
    steps.simple_step(doc, "issue", agency_signature=agency_signature)
    return doc


def seal_png():
    """A red ring on a transparent square, as the seal's PNG."""
    from PIL import Image
    from PIL import ImageDraw

    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((8, 8, 232, 232), outline=(204, 0, 0, 255), width=12)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def install_agency_key(agency, test_ca, tmp_path, monkeypatch, password=P12_PASSWORD):
    """The agency's PKCS#12 on disk, its password in the passwords file
    named by the environment, its seal uploaded."""
    key = test_ca.agency.p12(tmp_path / f"{agency.getId()}.p12")
    passwords = tmp_path / "signing-passwords"
    passwords.write_text(f"other=x\n{agency.getId()}={password}\n", encoding="utf-8")
    monkeypatch.setenv(agency_signing.PASSWORDS_VARIABLE, str(passwords))
    agency_signing.configure(agency, key_path=str(key), seal=seal_png(), seal_filename="dau.png")
    return key


def signature_widgets(data):
    """{field name: (page number from 0, [x1, y1, x2, y2])} of the signature
    widgets of the PDF ``data``, read back with pypdf."""
    from pypdf import PdfReader

    found = {}
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig":
                found[str(annot["/T"])] = (number, [float(v) for v in annot["/Rect"]])
    return found


def stamp_text(data):
    """The text of the signature widgets' appearances, read with pypdf: each
    appearance drawn on a blank page, whose text pypdf extracts."""
    from pypdf import PdfReader
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(data))
    texts = []
    for page in reader.pages:
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            if annot.get("/FT") != "/Sig" or "/AP" not in annot:
                continue
            appearance = annot["/AP"]["/N"]
            writer = PdfWriter()
            blank = writer.add_blank_page(600, 200)
            blank[NameObject("/Resources")] = DictionaryObject({
                NameObject("/XObject"): DictionaryObject({NameObject("/S"): appearance})})
            content = DecodedStreamObject()
            content.set_data(b"q /S Do Q")
            blank[NameObject("/Contents")] = writer._add_object(content)
            texts.append(blank.extract_text())
    return "\n".join(texts)
