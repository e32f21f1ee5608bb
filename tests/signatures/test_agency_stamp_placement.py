"""Where the agency's signature goes (NĐ 30/2020 Phụ lục I, Phần II, 8.a:
the seal "trùm lên khoảng 1/3 hình ảnh chữ ký số của người có thẩm quyền
về bên trái"), read back from the issued PDF's widget rectangles with
pypdf: over the left third of the leader's visible signature on its page;
at the foot of the last page when the leader signed invisibly."""

from qlvbdh_policy.signatures import pdf_sign
from qlvbdh_policy.signatures.pdf_check import check_pdf
from qlvbdh_policy.signatures.pdf_check import load_root
from routing_fixtures import make_province
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from signed_documents import install_agency_key
from signed_documents import install_root
from signed_documents import issue_signed
from signed_documents import signature_widgets
from signed_documents import stamp_text

import pytest

LEADER = (330.0, 140.0, 510.0, 220.0)  # the signature block of page 1 of 2
SEAL = 36 * 72 / 25.4  # 36 mm: the seal's PNG does not give its resolution


def agency_widget(widgets):
    [name] = [n for n in widgets if n.startswith(pdf_sign.FIELD)]
    return widgets[name]


def test_the_seal_covers_the_left_third_of_the_leaders_signature(
        portal, test_ca, tmp_path, monkeypatch):
    a, b = make_province(portal)
    install_root(test_ca)
    install_agency_key(a, test_ca, tmp_path, monkeypatch)
    leader_signed = sign(plain_pdf(pages=2), test_ca.person, tmp_path, box=LEADER, page=0)
    doc = issue_signed(portal, a, b, tmp_path, test_ca, leader_signed=leader_signed)
    data = doc.file.data

    widgets = signature_widgets(data)
    assert widgets["ChuKyLanhDao"] == (0, list(LEADER))
    page, (x1, y1, x2, y2) = agency_widget(widgets)
    assert page == 0  # the leader's page, not the last one
    third = LEADER[0] + (LEADER[2] - LEADER[0]) / 3
    assert x2 == pytest.approx(third, abs=1)  # ends at a third of the signature
    assert x1 < LEADER[0]  # the rest of the seal stands to the left of it
    assert (x2 - x1, y2 - y1) == (pytest.approx(SEAL, abs=1), pytest.approx(SEAL, abs=1))
    assert (y1 + y2) / 2 == pytest.approx((LEADER[1] + LEADER[3]) / 2, abs=1)
    assert stamp_text(data).count("Thời gian ký") == 0  # the seal alone (8.a)
    root = [load_root(test_ca.root.pem)]
    assert [(f["signer"], f["status"]) for f in check_pdf(data, root)] == [
        ("Nguyễn Văn Bình", "valid"), ("Sở Thông tin và Truyền thông", "valid")]


def test_without_a_visible_signature_the_stamp_stands_at_the_foot(
        portal, test_ca, tmp_path, monkeypatch):
    a, b = make_province(portal)
    install_agency_key(a, test_ca, tmp_path, monkeypatch)
    leader_signed = sign(plain_pdf(pages=2), test_ca.person, tmp_path)  # invisible
    doc = issue_signed(portal, a, b, tmp_path, test_ca, leader_signed=leader_signed)
    widgets = signature_widgets(doc.file.data)
    assert widgets["ChuKyLanhDao"][1] == [0, 0, 0, 0]
    page, (x1, y1, x2, y2) = agency_widget(widgets)
    width = 595  # A4, as reportlab makes it
    assert page == 1  # the last page
    assert (x2, y1) == (pytest.approx(width - pdf_sign.MARGIN, abs=1), pdf_sign.MARGIN)
    assert (x2 - x1, y2 - y1) == (pdf_sign.WIDTH, pdf_sign.HEIGHT)
    assert "Sở Thông tin và Truyền thông" in stamp_text(doc.file.data)


@pytest.mark.parametrize("widget, side, page, box", [
    ((330, 140, 510, 220), 60, (0, 0, 595, 842), (330, 150, 390, 210)),
    ((10, 800, 70, 840), 100, (0, 0, 595, 842), (0, 742, 100, 842)),  # kept on the page
])
def test_the_seal_box(widget, side, page, box):
    assert pdf_sign.over_left_third(widget, side, page) == box


def test_the_seal_size_from_its_resolution():
    from PIL import Image

    import io

    out = io.BytesIO()
    Image.new("RGBA", (472, 472)).save(out, "PNG", dpi=(300, 300))  # 40 mm at 300 dpi
    assert pdf_sign.seal_size(out.getvalue()) == pytest.approx(40 * 72 / 25.4, abs=0.5)
