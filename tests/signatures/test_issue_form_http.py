"""The Classic issue form's checkbox "Ký số của cơ quan", over HTTP as the
clerk, with the authenticator the page gives (issue 21): offered only once
the agency's key is installed, ticked by default; ticked, the issued PDF
carries the agency's seal over the leader's signature, and both verify;
unticked, the leader's file is issued as it was."""

from html_forms import form_of
from qlvbdh_policy.signatures.pdf_check import check_pdf
from qlvbdh_policy.signatures.pdf_check import load_root
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from signature_fixtures import plain_pdf
from signature_fixtures import sign
from signed_documents import install_agency_key
from signed_documents import install_root
from signed_documents import signature_widgets
from signed_documents import signed_outgoing

import re
import requests
import transaction

BOX = "form.widgets.agency_signature:list"
LEADER = (330, 140, 510, 220)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def issue_form(url):
    clerk = requests.Session()
    clerk.auth = ("vta", PASSWORD)
    page = clerk.get(f"{url}/@@step", params={"transition": "issue"}, timeout=60)
    assert page.status_code == 200, page.status_code
    return clerk, page


def post(clerk, url, values):
    return clerk.post(f"{url}/@@step?transition=issue", timeout=60,
                      data=values + [("form.buttons.save", "Lưu")])


def test_the_clerk_issues_with_and_without_the_agency_signature(
        server, server_url, test_ca, tmp_path, monkeypatch):
    portal = server["portal"]
    a, b = make_province(portal)
    install_root(test_ca)
    leader_signed = sign(plain_pdf(pages=2), test_ca.person, tmp_path, box=LEADER)
    ticked = signed_outgoing(portal, a, b, tmp_path, test_ca, leader_signed)
    unticked = signed_outgoing(portal, a, b, tmp_path, test_ca, leader_signed)
    transaction.commit()
    url, other_url = (f"{server_url}/sttt/di-2026/{d.getId()}" for d in (ticked, unticked))

    # no key installed: no checkbox to offer
    _clerk, page = issue_form(url)
    assert "agency_signature" not in page.text

    install_agency_key(a, test_ca, tmp_path, monkeypatch)  # the server reads the same env
    transaction.commit()
    clerk, page = issue_form(url)
    assert "Ký số của cơ quan" in page.text
    _form, values = form_of(page)
    assert (BOX, "selected") in values  # ticked by default
    forged = post(clerk, url, [(k, v) for k, v in values if k != "_authenticator"])
    assert forged.status_code == 403
    transaction.begin()
    assert ticked.code in ("", None)  # nothing issued by the forged post

    answer = post(clerk, url, values)
    shown = text_of(answer.text)
    assert answer.status_code == 200 and "Đã phát hành số 01/QĐ-STTTT." in shown
    # the document's page: two signatures, each valid
    assert "Nguyễn Văn Bình Sở Thông tin và Truyền thông" in shown
    assert shown.count("Chữ ký số hợp lệ") == 4  # the document, the file, each signature
    transaction.begin()
    data = ticked.file.data
    found = check_pdf(data, [load_root(test_ca.root.pem)])
    assert [(f["signer"], f["status"]) for f in found] == [
        ("Nguyễn Văn Bình", "valid"), ("Sở Thông tin và Truyền thông", "valid")]
    widgets = signature_widgets(data)
    [agency] = [w for name, w in widgets.items() if name.startswith("ChuKySoCoQuan")]
    page_number, (x1, _y1, x2, _y2) = agency
    assert page_number == 0 and x1 < LEADER[0] < x2 < LEADER[2]  # over the left of it

    clerk, page = issue_form(other_url)
    _form, values = form_of(page)
    answer = post(clerk, other_url, [(k, v) for k, v in values if k != BOX])  # unticked
    assert "Đã phát hành số 02/QĐ-STTTT." in text_of(answer.text)
    transaction.begin()
    assert unticked.file.data == leader_signed
    assert len(check_pdf(unticked.file.data, [])) == 1
