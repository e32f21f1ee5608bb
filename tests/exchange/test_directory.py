"""The directory of external organisations (issue 21): the code's format
(Quyết định 28/2018/QĐ-TTg Điều 10.2.a), the entries site managers keep,
the CSV import that stores nothing when a row is wrong and names every
wrong row, the vocabulary, and the REST services."""

from plone import api
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.rules.organ_codes import refuse_code
from rest_client import call
from rest_client import ok
from rest_client import refused
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import base64
import pytest
import transaction

SHEET = ("Tên cơ quan,Mã định danh,Địa chỉ,Thư điện tử\n"
         "Văn phòng Chính phủ,000.00.00.G22,1 Hoàng Hoa Thám,vpcp@chinhphu.vn\n"
         "UBND tỉnh Nghệ An,000.00.00.h41,\"Số 03, đường Trường Thi\",\n").encode("utf-8")


@pytest.mark.parametrize("code, good", [
    ("000.00.32.H55", True), (" 000.00.00.g22 ", True), ("777.77.04.D77", True),
    ("28.22.H17", False), ("000.00.00.G2", False), ("000-00-00-G22", False),
    ("000.00.00.22G", False), ("", False), ("000.00.00.G22.1", False)])
def test_the_code_is_thirteen_characters_in_four_groups(code, good):
    assert (refuse_code(code) is None) is good


def test_site_managers_keep_the_directory(portal):
    entry = directory.save("000.00.32.h55", "Sở Thông tin và Truyền thông Phú Yên",
                           "Tuy Hòa", "stttt@phuyen.gov.vn")
    assert entry["code"] == "000.00.32.H55"
    assert directory.organisation("000.00.32.H55")["name"].startswith("Sở Thông tin")
    with pytest.raises(directory.DirectoryRefused) as refusal:
        directory.save("000.00.32.H55", "Trùng mã")
    assert refusal.value.field == "code"
    with pytest.raises(directory.DirectoryRefused) as refusal:
        directory.save("000.00.33.H55", "Sở Nội vụ", email="khong-phai-thu")
    assert refusal.value.field == "email" and directory.organisation("000.00.33.H55") is None
    directory.save("000.00.33.H55", "Sở TT&TT Phú Yên", replaces="000.00.32.H55")
    assert directory.organisation("000.00.32.H55") is None
    assert directory.organisation("000.00.33.H55")["address"] is None
    directory.remove("000.00.33.H55")
    assert directory.organisations() == []


def test_a_sheet_is_imported_whole_or_not_at_all(portal):
    assert directory.import_sheet("to-chuc.csv", SHEET) == {"added": 2, "updated": 0}
    assert directory.organisation("000.00.00.H41")["address"] == "Số 03, đường Trường Thi"
    bad = SHEET + ("Bộ Nội vụ,000.00.00.G10,,bnv@\n"
                   ",000.00.00.G11,,\n"
                   "Bộ Tài chính,28.22.H17,,\n"
                   "Bộ Y tế,000.00.00.G22,,\n").encode("utf-8")
    with pytest.raises(directory.DirectoryRefused) as refusal:
        directory.import_sheet("to-chuc.csv", bad)
    errors = refusal.value.errors
    assert [(e["row"], e["field"]) for e in errors] == [
        (4, "email"), (5, "name"), (6, "code"), (7, "code")]
    assert errors[0]["message"].startswith("Dòng 4, cột “Thư điện tử”:")
    assert "Mã định danh" in errors[2]["message"] and "28.22.H17" in errors[2]["message"]
    assert "dòng 2" in errors[3]["message"]
    assert directory.organisation("000.00.00.G10") is None  # nothing stored
    assert len(directory.organisations()) == 2


def test_formulas_are_refused_naming_row_and_column(portal):
    """A cell a spreadsheet would run as a formula (= + - @, after spaces)
    never reaches edXML To/OrganName or the exports."""
    bad = SHEET + ('"=HYPERLINK(""http://evil"")",000.00.00.G10,,\n'
                   "Bộ Tài chính,000.00.00.G11,  @SUM(A1),\n"
                   "Bộ Y tế,000.00.00.G12,- Số 1,\n").encode("utf-8")
    with pytest.raises(directory.DirectoryRefused) as refusal:
        directory.import_sheet("to-chuc.csv", bad)
    errors = refusal.value.errors
    assert [(e["row"], e["field"]) for e in errors] == [
        (4, "name"), (5, "address"), (6, "address")]
    assert errors[0]["message"].startswith("Dòng 4, cột “Tên cơ quan”:")
    assert "công thức" in errors[0]["message"] and "=HYPERLINK" in errors[0]["message"]
    assert errors[1]["message"].startswith("Dòng 5, cột “Địa chỉ”:")
    assert directory.organisations() == []
    with pytest.raises(directory.DirectoryRefused) as one:
        directory.save("000.00.00.G13", "+Bộ Xây dựng")
    assert one.value.field == "name"


def test_the_vocabulary_names_each_with_its_code(portal):
    directory.import_sheet("to-chuc.csv", SHEET)
    vocabulary = getUtility(IVocabularyFactory, "qlvbdh.ExternalOrganisations")(portal)
    assert [(t.value, t.title) for t in vocabulary] == [
        ("000.00.00.H41", "UBND tỉnh Nghệ An (000.00.00.H41)"),
        ("000.00.00.G22", "Văn phòng Chính phủ (000.00.00.G22)")]


def test_rest_lists_and_imports(server, server_url):
    from plone.app.testing import SITE_OWNER_NAME
    from routing_fixtures import make_province

    make_province(server["portal"])
    transaction.commit()
    url = f"{server_url}/@external-organisations"
    body = {"filename": "to-chuc.csv", "data": base64.b64encode(SHEET).decode()}
    refused(call("POST", url, "vta", body), 403)
    assert ok(call("POST", url, SITE_OWNER_NAME, body), 201) == {"added": 2, "updated": 0}
    listed = ok(call("GET", url, "vta"))
    assert listed["items_total"] == 2 and listed["items"][1]["code"] == "000.00.00.G22"
    wrong = base64.b64encode(SHEET + "Bộ Y tế,12345,,\n".encode()).decode()
    answer = refused(call("POST", url, SITE_OWNER_NAME, {"filename": "x.csv", "data": wrong}),
                     400)
    assert answer["errors"][0]["row"] == 4 and answer["errors"][0]["field"] == "code"
    answer = refused(call("POST", url, SITE_OWNER_NAME, {"filename": "x.csv", "data": "%%%"}),
                     400, "data")
    assert "base64" in answer["message"]
    answer = refused(call("POST", url, SITE_OWNER_NAME, {}), 400, "filename")
    assert "  " not in answer["message"] and "filename" in answer["message"]
    refused(call("POST", url, SITE_OWNER_NAME, {"filename": "x.csv"}), 400, "data")
    refused(call("GET", url, None), 401)


def test_the_page_imports_and_shows_the_wrong_rows(portal):
    """Through the page as a site manager (the form's authenticator)."""
    from plone.protect.authenticator import createToken

    import io

    class Upload(io.BytesIO):  # what the publisher hands a page for a file field
        filename = "a.csv"

    request = portal.REQUEST
    request.method = "POST"
    request.form.update({"action": "import", "_authenticator": createToken(),
                         "file": Upload(SHEET + b"X,1,,\n")})
    with api.env.adopt_roles(["Manager"]):
        html = portal.restrictedTraverse("@@external-organisations")()
    assert "Dòng 4, cột “Mã định danh”" in html and directory.organisations() == []
