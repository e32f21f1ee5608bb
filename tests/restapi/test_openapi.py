"""The OpenAPI description of the project's REST services (issue 17):
kept in the package (restapi/openapi.yaml), served at <site>/@openapi,
valid OpenAPI 3.1, naming every service the ZCML registers and only
those, and matching what the running services answer — every described
operation is called over HTTP and its answer, refusals included, checked
against the described schema (tests/openapi_contract.py)."""

from clock import TEST_TODAY
from domain_fixtures import make_agency
from openapi_contract import Contract
from openapi_contract import METHODS
from openapi_spec_validator import validate
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.restapi.openapi import document
from rest_bodies import incoming_body
from rest_bodies import PDF
from rest_bodies import upload
from routing_fixtures import make_archivist
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from support_fixtures import make_it_staff
from xml.etree import ElementTree
from zope.dottedname.resolve import resolve

import base64
import datetime
import pytest
import qlvbdh_policy
import requests
import signature_fixtures
import transaction

PACKAGE = Path(qlvbdh_policy.__file__).parent
JSON = {"Accept": "application/json"}
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
PLONE = "{http://namespaces.plone.org/plone}"
DUE = (TEST_TODAY + datetime.timedelta(days=7)).isoformat()

#: the object a path parameter names, as the ZCML's ``for`` says it
CONTEXTS = {
    None: "plone.base.interfaces.IPloneSiteRoot",
    "agency": "qlvbdh_policy.interfaces.IAgency",
    "register": "qlvbdh_policy.interfaces.IRegister",
    "document": "qlvbdh_policy.interfaces.IOfficialDocument",
    "incoming": "qlvbdh_policy.interfaces.IIncomingDocument",
    "outgoing": "qlvbdh_policy.interfaces.IOutgoingDocument",
    "casefile": "qlvbdh_policy.interfaces.ICaseFile",
    "supportrequest": "qlvbdh_policy.support.content.ISupportRequest",
}
#: the object a literal segment names (an agency's own folder of one kind)
LITERALS = {"lich-cong-tac": "qlvbdh_policy.interfaces.IWorkCalendar"}
STOCK = "plone.restapi"  # the tag of plone.restapi's own calls the description names


# --- the document ----------------------------------------------------------------


def test_the_description_is_valid_openapi():
    spec = document()
    validate(spec)  # raises with the first fault
    assert spec["openapi"].startswith("3.1")
    assert (PACKAGE / "restapi" / "openapi.yaml").is_file()


def zcml_services():
    """{(name, METHOD): {for}} of every plone:service of the package (one
    name may serve several kinds of content, as @history does)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.zcml")):
        for element in ElementTree.parse(path).getroot().iter(f"{PLONE}service"):
            key = (element.get("name", ""), element.get("method").upper())
            assert element.get("for") not in found.get(key, ()), f"{key} registered twice ({path})"
            found.setdefault(key, set()).add(element.get("for"))
    return found


def described_services(spec):
    """{(name, METHOD): {context interface}} of the project's described
    operations (plone.restapi's own, tagged, left out)."""
    found = {}
    for template, item in spec["paths"].items():
        segments = [s for s in template.strip("/").split("/") if s]
        named = [i for i, s in enumerate(segments) if s.startswith("@")]
        end = named[0] if named else len(segments)
        params = [s[1:-1] for s in segments[:end] if s.startswith("{")]
        context = CONTEXTS[params[-1] if params else None]
        if end and segments[end - 1] in LITERALS:
            context = LITERALS[segments[end - 1]]
        name = segments[end] if named else ""
        for method, operation in item.items():
            if method not in METHODS or STOCK in operation.get("tags", ()):
                continue
            found.setdefault((name, method.upper()), set()).add(context)
    return found


def test_every_registered_service_is_described_and_nothing_else():
    registered = zcml_services()
    described = described_services(document())
    assert set(registered) - set(described) == set(), "registered, not described"
    assert set(described) - set(registered) == set(), "described, not registered"
    for key, contexts in described.items():
        for context in contexts:  # the described place is one the service is for
            assert any(where == "*" or resolve(context).isOrExtends(resolve(where))
                       for where in registered[key]), (key, context)


def test_served_to_anyone_at_openapi(server_url):
    """GET <site>/@openapi, without login, as plone.rest serves JSON: the
    file of the repository, its server the site it is read from."""
    answer = requests.get(f"{server_url}/@openapi", headers=JSON, timeout=60)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    served = answer.json()
    assert served["servers"][0]["url"] == server_url
    assert {k: v for k, v in served.items() if k != "servers"} == {
        k: v for k, v in document().items() if k != "servers"}
    # a browser without the Accept header: plone.rest's ++api++ traverser
    assert requests.get(f"{server_url}/++api++/@openapi", timeout=60).json()["openapi"] \
        == served["openapi"]


# --- the running services --------------------------------------------------------


class Client:
    """Calls the site as a person, checking every request body and answer
    against the description; the problems are collected, not raised, so
    one run lists them all."""

    def __init__(self, site, contract):
        self.site, self.contract, self.problems = site, contract, []

    def call(self, method, path, who, body=None, status=200, params=None, headers=None,
             data=None):
        """``data``: a raw body (a file's bytes) instead of the JSON ``body``."""
        url = path if path.startswith("http") else f"{self.site}{path}"
        auth = OWNER if who == "owner" else None if who is None or isinstance(
            who, dict) else (who, PASSWORD)
        sent = {**JSON, **(who if isinstance(who, dict) else {}), **(headers or {})}
        answer = requests.request(method, url, json=body, data=data, params=params,
                                  headers=sent, auth=auth, timeout=120)
        assert answer.status_code == status, (method, url, answer.status_code, answer.text[:500])
        if body is not None and status < 400:  # a body the service took is a described one
            self.problems += self.contract.check_request(method, url, self.site, body)
        media = answer.headers.get("Content-Type", "")
        data = answer.json() if media.startswith("application/json") and answer.content \
            else answer.content
        self.problems += self.contract.check_response(method, url, self.site, answer.status_code,
                                                      media if answer.content else "", data)
        return data


@pytest.fixture
def client(server, server_url):
    portal = server["portal"]
    make_province(portal)
    make_archivist(portal)
    for abbr, notation, title in (("sxd", "SXD", "Sở Xây dựng"), ("snv", "SNV", "Sở Nội vụ"),
                                  ("syt", "SYT", "Sở Y tế")):
        make_agency(portal, abbr=abbr, notation=notation, title=title)
    make_it_staff(portal)
    portal["sttt"].agency_code = "000.00.00.H41"  # a sample message's recipient
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="hub@example.vn", username="hub", password=PASSWORD)
        api.user.grant_roles(username="hub", roles=["HubAdapter"])
    transaction.commit()
    return Client(server_url, Contract())


def incoming_steps(c):
    """An incoming document from its registration to its handling; the
    refusals of registration in the envelope."""
    book = "/sttt/den-2026"
    doc = c.call("POST", book, "vta", incoming_body(file=upload("cv.pdf")), 201)
    assert doc["arrival_number"] == 1 and doc["code_number"] == "45"
    url = doc["@id"]
    duplicate = c.call("POST", book, "vta", incoming_body(), 409)
    assert duplicate["type"] == "Conflict" and duplicate["duplicates"][0]["@id"] == url
    secret = c.call("POST", book, "vta", incoming_body(secrecy="mat", code_number="9"), 400)
    assert secret["errors"][0]["field"] == "secrecy"
    c.call("POST", book, "vta", incoming_body(doc_date="20/11/2026", code_number="8"), 400)
    c.call("POST", book, None, incoming_body(code_number="7"), 401)
    c.call("POST", book, "xla", incoming_body(code_number="6"), 403)
    c.call("GET", book, "vta")
    c.call("GET", "/sttt", "vta")
    c.call("GET", url, "vta")
    c.call("GET", url, "cbb", status=403)
    c.call("GET", f"{book}/khong-co", "vta", status=404)
    c.call("PATCH", url, "vta", {"notes": "Bản chính lưu tại văn thư"}, 204)
    changes = c.call("GET", f"{url}/@changes", "vta")
    assert changes["items"][0]["changes"][0]["field"] == "notes"
    c.call("GET", f"{url}/@changes", "cbb", status=403)
    shared = requests.post(f"{url}/@sharing", headers=JSON, auth=OWNER, timeout=60, json={
        "entries": [{"id": "cba", "type": "user", "roles": {"Reader": True}}]})
    assert shared.status_code == 204, shared.text
    flags = c.call("GET", "/sttt/@access-changes", "qta")
    assert flags["count"] == 1
    c.call("GET", "/sttt/@access-changes", "vta", status=403)
    c.call("POST", "/sttt/@access-changes", "vta", {"id": flags["items"][0]["id"]}, 403)
    c.call("POST", "/sttt/@access-changes", "qta", {"id": flags["items"][0]["id"]})
    c.call("POST", "/sttt/@access-changes", "qta", {"id": flags["items"][0]["id"]}, 404)
    c.call("GET", f"{url}/@text-status", "vta")
    # an unsigned PDF: no signature, never "valid" (signatures/)
    assert c.call("GET", f"{url}/@signatures", "vta")["status"] == "unsigned"
    assert c.call("POST", f"{url}/@signatures", "vta")["status"] == "unsigned"
    c.call("GET", f"{url}/@signatures", "cbb", status=403)
    c.call("GET", "/@trust-roots", "owner")
    c.call("GET", "/@trust-roots", "vta", status=403)
    root = {"filename": "root.pem", "data": base64.b64encode(signature_fixtures.TestCA().root.pem).decode()}
    added = c.call("POST", "/@trust-roots", "owner", root, 201)
    assert c.call("POST", "/@trust-roots", "owner", root)["root"] == added["root"]
    c.call("POST", "/@trust-roots", "owner", {"data": "bm90IGEgY2VydA=="}, 400)
    c.call("POST", "/@trust-roots", "vta", root, 403)
    fingerprint = added["root"]["fingerprint"]
    c.call("DELETE", f"/@trust-roots/{fingerprint}", "vta", status=403)
    c.call("DELETE", f"/@trust-roots/{fingerprint}", "owner")
    c.call("DELETE", f"/@trust-roots/{fingerprint}", "owner", status=404)
    c.call("POST", f"{url}/@workflow/file", "vta", status=409)
    c.call("GET", f"{url}/@workflow", "vta")
    c.call("GET", f"{url}/@history", "vta")
    c.call("GET", f"{book}/@workflow", "vta")
    c.call("GET", f"{book}/@history", "owner")
    c.call("GET", "/@types/IncomingDocument", "vta")
    c.call("GET", "/@types/Khong-co", "vta", status=404)
    c.call("POST", f"{url}/@workflow/submit", "vta")
    c.call("POST", f"{url}/@assign", "lda", {"handler": "xla", "due_date": "31/12/2026"}, 400)
    c.call("POST", f"{url}/@assign", "lda", {
        "handler": "xla", "co_handlers": ["pha"], "informed": ["dba"], "due_date": DUE,
        "instruction": "Tham mưu trả lời"})
    c.call("POST", f"{url}/@forward", "xla", {"to": "pha", "comment": "Phối hợp xử lý"})
    c.call("POST", f"{url}/@workflow/start", "pha")
    c.call("POST", f"{url}/@complete", "pha", {"result": "Đã báo cáo"})
    routing = c.call("GET", f"{url}/@routing", "lda")
    assert routing["review_state"] == "completed"
    c.call("GET", f"{url}/@phieu-pdf", "vta")
    log = c.call("GET", f"{url}/@access-log", "lda", params={"b_size": "3"})
    assert log["items_total"] > 3 and log["batching"]["next"]
    c.call("GET", f"{url}/@access-log", "xla", status=403)
    c.call("GET", f"{url}/@access-log", "lda", params={"b_start": "x"}, status=400)
    # a second one, sent back and passed between leaders
    other = c.call("POST", book, "vta", incoming_body(code_number="46"), 201)["@id"]
    c.call("POST", f"{other}/@workflow/submit", "vta")
    c.call("POST", f"{other}/@pass-leader", "lda", {"leader": "lda", "comment": ""}, 400)
    c.call("POST", f"{other}/@send-back", "lda", {"reason": "Thiếu trang 2"})
    return book


def outgoing_steps(c):
    """Draft to issue, delivery, acceptance, return and recall."""
    uids = {a["@id"].rsplit("/", 1)[1]: a["UID"] for a in requests.get(
        f"{c.site}/@search", params={"portal_type": "Agency", "metadata_fields": "UID"},
        headers=JSON, auth=("vta", PASSWORD), timeout=60).json()["items"]}
    vp = requests.get(f"{c.site}/sttt/vp", headers=JSON, auth=("xla", PASSWORD),
                      timeout=60).json()["UID"]

    def issued(title):
        draft = c.call("POST", "/sttt/di-2026", "xla", {
            "@type": "OutgoingDocument", "title": title, "doc_type": "cong_van",
            "file": upload("cv.pdf"), "drafting_department": vp,
            "recipients_internal": [uids["ubndcb"]]}, 201)
        url = draft["@id"]
        assert draft["code_number"] is None
        for step, who in (("submit_review", "xla"), ("approve", "tpa"), ("sign", "lda")):
            c.call("POST", f"{url}/@workflow/{step}", who)
        c.call("POST", f"{url}/@issue", "xla", {}, 403)
        c.call("POST", f"{url}/@issue", "vta", {"comment": ""})
        return url

    first = issued("Công văn về việc báo cáo chuyển đổi số")
    out = c.call("GET", first, "vta")
    assert out["code_number"] in (1, "01")  # the printed text once issue 17's shapes land
    inbox = "/ubndcb/cho-tiep-nhan"
    copy = requests.get(f"{c.site}{inbox}/@search", params={"review_state": "pending"},
                        headers=JSON, auth=("vtb", PASSWORD), timeout=60).json()["items"][0]
    c.call("GET", copy["@id"], "vtb")
    accepted = c.call("POST", f"{copy['@id']}/@accept", "vtb", {"register": "den-2026"})
    assert accepted["arrival_number"] == 1
    c.call("POST", f"{first}/@recall", "lda", {"reason": ""}, 400)
    c.call("POST", f"{first}/@recall", "lda", {"reason": "Sai thể thức"})
    c.call("GET", f"{first}/@routing", "vta")
    issued("Giấy mời họp giao ban")
    copy = requests.get(f"{c.site}{inbox}/@search", params={"review_state": "pending"},
                        headers=JSON, auth=("vtb", PASSWORD), timeout=60).json()["items"][0]
    c.call("POST", f"{copy['@id']}/@return", "vtb", {"reason": "Gửi nhầm cơ quan"})
    c.call("GET", "/sttt/di-2026/@register-book", "vta")


def comment_steps(c):
    """Comments on a draft (issue 20): asked, answered on the draft and on
    the other agency's copy, read by the drafter, exported, reminded."""
    ubndcb = requests.get(f"{c.site}/ubndcb", headers=JSON, auth=("vtb", PASSWORD),
                          timeout=60).json()["UID"]
    draft = c.call("POST", "/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Dự thảo Quy chế sử dụng phần mềm",
        "doc_type": "quyet_dinh", "file": upload("du-thao.pdf")}, 201)["@id"]
    ask = {"deadline": DUE, "people": ["pha"], "departments": ["vp"], "agencies": [ubndcb],
           "message": "Đề nghị góp ý"}
    c.call("POST", f"{draft}/@comment-requests", "pha", ask, 403)
    c.call("POST", f"{draft}/@comment-requests", "xla", {**ask, "deadline": "31/13/2026"}, 400)
    asked = c.call("POST", f"{draft}/@comment-requests", "xla", ask, 201)
    assert [p["kind"] for p in asked["parties"]] == ["person", "department", "agency"]
    c.call("POST", f"{draft}/@comment-requests", "xla", ask, 409)
    c.call("POST", f"{draft}/@comments", "pha", {"verdict": "comments", "text": ""}, 400)
    c.call("POST", f"{draft}/@comments", "pha", {"verdict": "comments", "text": "Sửa Điều 2",
                                                 "file": upload("gop-y.pdf")})
    c.call("POST", f"{draft}/@comments", "dba", {"verdict": "agree"}, 403)
    own = c.call("GET", f"{draft}/@comments", "pha")
    assert [p["key"] for p in own["parties"]] == ["user:pha"] and "summary" not in own
    copy = asked["parties"][2]["copy"]
    c.call("POST", f"{copy}/@comments", "ldb", {"verdict": "agree"})
    c.call("POST", f"{copy}/@comments", "cbb", {"verdict": "agree"}, 403)
    seen = c.call("GET", f"{draft}/@comments", "xla")
    assert seen["counts"] == {"asked": 3, "answered": 2, "late": 1}
    assert seen["late"] == ["group:sttt-vp-heads"]
    assert c.call("GET", f"{draft}/@comments", "xla", params={"format": "docx"})[:2] == b"PK"
    assert c.call("GET", f"{draft}/@comments", "xla", params={"format": "pdf"})[:4] == b"%PDF"
    c.call("GET", f"{draft}/@comments", "xla", params={"format": "odt"}, status=400)
    c.call("GET", f"{draft}/@comments", None, status=401)
    c.call("POST", f"{draft}/@comment-reminders", "pha", {}, 403)
    c.call("POST", f"{draft}/@comment-reminders", "xla", {}, 409)  # no mail sender here


def upload_steps(c, book):
    """A file uploaded first, then named by its registration."""
    pdf_type = {"Content-Type": "application/pdf",
                "Content-Disposition": "attachment; filename*=UTF-8''c%C3%B4ng-v%C4%83n.pdf"}
    token = c.call("POST", f"{book}/@upload", "vta", data=PDF, headers=pdf_type, status=201)
    by_token = c.call("POST", book, "vta", incoming_body(code_number="47", file={
        "upload": token["upload"]}), 201)
    assert by_token["file"]["size"] == len(PDF)
    c.call("POST", f"{book}/@upload", "xla", data=PDF, headers=pdf_type, status=403)
    c.call("POST", book, "vta", incoming_body(code_number="48", file={"upload": "khong-co"}),
           400)


def book_steps(c, book):
    data = c.call("GET", f"{book}/@register-book", "vta", params={"sort": "number"})
    assert data["items_total"] == 2
    c.call("GET", f"{book}/@register-book", "vta", params={"book": "follow-up", "b_size": "1"})
    c.call("GET", f"{book}/@register-book", "vta", params={"date_from": "x"}, status=400)
    c.call("GET", f"{book}/@register-book-pdf", "vta", params={"date_from": "2026-11-27"})
    c.call("GET", f"{book}/@register-book-xlsx", "vta", params={"book": "follow-up"})
    c.call("POST", "/sxd/den-2026/@workflow/close", "owner")
    c.call("POST", "/@new-year", "owner")
    c.call("POST", "/@new-year", "vta", status=403)


def account_steps(c):
    c.call("GET", "/sttt/@username-suggestion", "qta",
           params={"full_name": "Nguyễn Thanh Phúc", "birth_year": "1976"})
    c.call("GET", "/sttt/@username-suggestion", "qta", params={"full_name": " "}, status=400)
    c.call("GET", "/@domain-abbr-suggestion", "owner", params={"name": "Sở Tài chính"})
    c.call("GET", "/sttt/@accounts", "qta")
    c.call("GET", "/sttt/@accounts", "vta", status=403)
    made = c.call("POST", "/sttt/@accounts", "qta", {
        "fullname": "Trần Văn Mới", "email": "moi@example.vn", "kind": "staff",
        "department": "vp", "birth_year": 1990}, 201)
    userid = made["account"]["userid"]
    c.call("GET", f"/sttt/@accounts/{userid}", "qta")
    c.call("PATCH", f"/sttt/@accounts/{userid}", "qta", {"kind": "clerk"})
    c.call("POST", f"/sttt/@accounts/{userid}/reset-password", "qta")
    c.call("POST", f"/sttt/@accounts/{userid}/unlock", "qta")
    c.call("POST", f"/sttt/@accounts/{userid}/move", "owner", {"agency": "ubndcb"})
    sheet = ("Họ và tên,Năm sinh,Thư điện tử,Phòng,Vai trò\n"
             "Lê Văn Nhập,1985,nhap@example.vn,vp,staff\n").encode()
    c.call("POST", "/sttt/@accounts-import", "qta",
           {"filename": "ds.csv", "data": base64.b64encode(sheet).decode()}, 201)
    c.call("GET", "/@usage-report", "owner", params={"period": "2026"})
    c.call("GET", "/@usage-report", "vta", params={"period": "2026"}, status=403)
    c.call("GET", "/@usage-report", "owner", params={"from": "2026-12-31", "to": "2026-01-01"},
           status=400)
    c.call("GET", "/sttt/@processing-report", "lda", params={"kind": "incoming", "period": "2026"})
    c.call("GET", "/sttt/@processing-report", "lda", params={"kind": "outgoing", "period": "2026"})
    c.call("GET", "/sttt/@processing-report", "lda", params={"kind": "x"}, status=400)
    for name in ("@usage-report-pdf", "@usage-report-xlsx"):
        c.call("GET", f"/{name}", "owner", params={"period": "2026"})
        c.call("GET", f"/{name}", "vta", params={"period": "2026"}, status=403)
        c.call("GET", f"/{name}", "owner", params={"period": "2026-Q9"}, status=400)
    for name in ("@processing-report-pdf", "@processing-report-xlsx"):
        c.call("GET", f"/sttt/{name}", "lda", params={"kind": "incoming", "period": "2026"})
        c.call("GET", f"/sttt/{name}", "giamsat", params={"kind": "outgoing"}, status=403)
        c.call("GET", f"/sttt/{name}", "lda", params={"kind": "x"}, status=400)
    c.call("POST", "/sttt/@overdue-reminders", "lda", {"period": "2026", "department": "vp"})
    c.call("POST", "/sttt/@overdue-reminders", "qta", {"period": "2026"}, 403)
    c.call("POST", "/sttt/@overdue-reminders", "lda", {"period": "2026-Q9"}, 400)
    scores = c.call("GET", "/@emulation", "owner", params={"year": "2026"})
    assert scores["year"] == 2026 and scores["agencies"]
    sheet = c.call("GET", "/@emulation", "owner", params={"year": "2026", "format": "xlsx"})
    assert sheet[:2] == b"PK"
    c.call("GET", "/@emulation", "vta", params={"year": "2026"}, status=403)
    c.call("GET", "/@emulation", "owner", params={"year": "26"}, status=400)
    log = c.call("GET", "/sttt/@access-log", "qta")
    assert log["items"]
    token = c.call("POST", "/sttt/@login", None, {"login": "vta", "password": PASSWORD})["token"]
    c.call("POST", "/sttt/@login", None, {"login": "vta", "password": "sai"}, 401)
    bearer = {"Authorization": f"Bearer {token}"}
    c.call("POST", "/sttt/@login-renew", bearer)
    c.call("POST", "/sttt/@logout", bearer, status=204)
    c.call("POST", "/@new-password", "xla",
           {"old_password": PASSWORD, "new_password": "Mat-khau-moi-2026"}, 204)
    c.call("POST", "/sttt/@new-password", "pha",
           {"old_password": PASSWORD, "new_password": "ngan"}, 400)
    c.call("POST", "/sttt/@new-password", "pha",
           {"old_password": PASSWORD, "new_password": "Mat-khau-moi-2026"}, 204)


def case_file_steps(c):
    """Hồ sơ (issue 19): the plan, a case file opened, filled, closed (by
    dba: xla and pha have changed their passwords in account_steps)."""
    plan = c.call("POST", "/sttt/@file-plan", "vta", {"year": 2026, "entries": [
        {"code": "01.VP", "title": "Hồ sơ chuyển đổi số", "retention": "10",
         "department": "vp", "responsible": "dba"}]})
    c.call("POST", "/sttt/@file-plan", "cba", {"year": 2026, "entries": []}, 403)
    c.call("POST", "/sttt/@file-plan", "vta", {"year": 2026, "entries": [
        {"code": "VP", "title": "X", "retention": "5"}]}, 400)
    c.call("GET", "/sttt/@file-plan", "dba", params={"year": "2026"})
    c.call("GET", "/sttt/@file-plan", "vta", params={"year": "2025"}, status=404)
    c.call("GET", "/sttt/@file-plan", "cbb", params={"year": "2026"}, status=403)
    case = c.call("POST", "/sttt", "dba", {"@type": "CaseFile",
                                           "plan_entry": plan["entries"][0]["UID"],
                                           "opened": "2026-01-05"}, 201)
    c.call("POST", "/sttt", "dba", {"@type": "CaseFile", "title": "Không có mục"}, 400)
    c.call("POST", "/sttt", "cba", {"@type": "CaseFile",
                                    "plan_entry": plan["entries"][0]["UID"]}, 403)
    doc = c.call("POST", "/sttt/den-2026", "vta", incoming_body(code_number="49"), 201)
    url = case["@id"]
    c.call("POST", f"{url}/@file-documents", "vta", {"documents": [doc["UID"]]})
    c.call("POST", f"{url}/@file-documents", "dba", {"documents": [doc["UID"]]}, 403)
    c.call("POST", f"{url}/@unfile-documents", "vta", {"documents": [doc["UID"]]})
    c.call("POST", f"{url}/@file-documents", "vta", {"documents": [doc["UID"]]})
    c.call("GET", f"{url}/@toc", "lda")
    c.call("POST", f"{url}/@close", "dba", {"closed": "2026-13-01"}, 400)
    c.call("POST", f"{url}/@close", "dba", {"closed": "2026-11-27", "page_count": 3})
    c.call("POST", f"{url}/@unfile-documents", "vta", {"documents": [doc["UID"]]}, 409)
    case_file_output_steps(c, url)
    hand_over_steps(c, url)


def case_file_output_steps(c, url):
    """The plan imported from a sheet (CSV here) and copied into the next
    year; the mục lục hồ sơ of the year; a case file's full export."""
    sheet = "Số và ký hiệu hồ sơ,Tên đề mục và tiêu đề hồ sơ,Thời hạn bảo quản\n" \
            "01.VP,Hồ sơ chuyển đổi số năm 2027,10 năm\n"
    c.call("POST", "/sttt/@file-plan-import", "vta", {
        "year": 2027, "filename": "danh-muc.csv",
        "data": base64.b64encode(sheet.encode()).decode()})
    c.call("POST", "/sttt/@file-plan-import", "dba", {
        "year": 2027, "filename": "danh-muc.csv", "data": ""}, 403)
    c.call("POST", "/sttt/@file-plan-copy", "vta", {"year": 2028}, 201)
    c.call("POST", "/sttt/@file-plan-copy", "vta", {"year": 2028}, 409)
    c.call("GET", "/sttt/@case-files", "vta", params={"year": "2026"})
    c.call("GET", "/sttt/@case-files", "cbb", params={"year": "2026"}, status=403)
    assert c.call("GET", f"{url}/@export", "dba")[:2] == b"PK"


def hand_over_steps(c, url):
    """Nộp lưu (issue 19): dba keeps the case file closed on 27/11/2026
    (due 27/11/2027), lta is the agency's archivist."""
    c.call("POST", f"{url}/@hand-over", "vta", status=403)
    c.call("POST", f"{url}/@hand-over", "dba")
    c.call("POST", f"{url}/@hand-over", "dba", status=409)
    c.call("POST", f"{url}/@accept-hand-over", "dba", status=403)
    c.call("POST", f"{url}/@return-hand-over", "lta", {"reason": ""}, 400)
    c.call("POST", f"{url}/@return-hand-over", "lta", {"reason": "Thiếu văn bản"})
    c.call("POST", f"{url}/@hand-over", "dba")
    c.call("POST", f"{url}/@accept-hand-over", "lta")
    c.call("POST", f"{url}/@return-hand-over", "lta", {"reason": "Muộn"}, 409)
    listing = c.call("GET", "/sttt/@hand-over", "lta", params={"year": "2027"})
    assert [i["review_state"] for i in listing["items"]] == ["accepted"]
    assert c.call("GET", "/sttt/@hand-over", "lda",
                  params={"year": "2027", "format": "pdf"})[:4] == b"%PDF"
    assert c.call("GET", "/sttt/@hand-over", "lta",
                  params={"year": "2027", "format": "xlsx"})[:2] == b"PK"
    c.call("GET", "/sttt/@hand-over", "cbb", params={"year": "2027"}, status=403)
    c.call("GET", "/sttt/@hand-over", "lta", params={"year": "x"}, status=400)


def work_calendar_steps(c):
    """Lịch công tác (issue 20): an entry added by the office, the week
    submitted and published, an invitation put on the calendars, the
    person's feed address."""
    calendar = "/sttt/lich-cong-tac"
    entry = {"@type": "WorkCalendarEntry", "title": "Họp giao ban",
             "start": "2026-12-01T08:00:00+07:00", "end": "2026-12-01T10:00:00+07:00",
             "host": "lda", "location": "Phòng họp"}
    c.call("POST", calendar, "vta", entry, 201)
    c.call("POST", calendar, "cba", entry, 403)
    c.call("POST", calendar, "vta", {**entry, "end": "2026-11-30T08:00:00+07:00"}, 400)
    c.call("GET", f"{calendar}/@work-week", "vta", params={"week": "2026-W49"})
    c.call("GET", f"{calendar}/@work-week", "vta", params={"week": "49"}, status=400)
    c.call("GET", f"{calendar}/@work-week", None, status=401)
    c.call("GET", f"{calendar}/@work-week", "cbb", status=403)
    c.call("POST", f"{calendar}/@work-week", "vta", {"week": "2026-W49", "action": "submit"})
    c.call("POST", f"{calendar}/@work-week", "dba", {"week": "2026-W49", "action": "publish"},
           403)
    c.call("POST", f"{calendar}/@work-week", "lda", {"week": "2026-W49", "action": "x"}, 400)
    c.call("POST", f"{calendar}/@work-week", None, {"week": "2026-W49", "action": "publish"},
           401)
    c.call("POST", f"{calendar}/@work-week", "lda", {"week": "2026-W49", "action": "publish"})
    invitation = c.call("POST", "/sttt/di-2026", "vta", {
        "@type": "OutgoingDocument", "title": "Giấy mời họp", "doc_type": "giay_moi"}, 201)
    url = f"{invitation['@id']}/@invitation-calendar"
    c.call("POST", url, "vta", {"start": "02/12/2026 14:00", "people": ["lda"]})
    c.call("POST", url, "vta", {"start": "mai"}, 400)
    c.call("POST", url, "dba", {"start": "02/12/2026 14:00"}, 403)
    c.call("POST", url, None, {"start": "02/12/2026 14:00"}, 401)
    c.call("GET", "/@my-work-calendar", "lda")
    c.call("GET", "/@my-work-calendar", None, status=401)
    c.call("POST", "/@my-work-calendar", "lda")
    c.call("POST", "/@my-work-calendar", None, status=401)


def support_steps(c):
    """Support requests (issue 20): one sent with a file by dba, listed,
    read, taken in hand and resolved by the IT centre; the refusals."""
    sent = c.call("POST", "/@support-requests", "dba", {
        "kind": "incident", "details": "Không ký số được", "urgency": "urgent",
        "attachment": upload("loi.pdf")}, 201)
    c.call("POST", "/@support-requests", "dba", {"kind": "domain", "details": "Tên miền"}, 400)
    c.call("POST", "/@support-requests", None, {"kind": "incident", "details": "Lỗi"}, 401)
    c.call("GET", "/@support-requests", "dba")
    c.call("GET", "/@support-requests", None, status=401)
    c.call("GET", "/@support-requests", "dba", params={"scope": "x"}, status=400)
    c.call("GET", "/@support-requests", "dba", params={"scope": "queue"}, status=403)
    c.call("GET", "/@support-requests", "ktv1", params={"scope": "queue"})
    url = sent["@id"]
    c.call("GET", f"{url}/@support-request", "dba")
    c.call("GET", f"{url}/@support-request", "cbb", status=403)
    c.call("POST", f"{url}/@support-step", "dba", {"action": "start"}, 403)
    c.call("POST", f"{url}/@support-step", "ktv1", {"action": "resolve"}, 409)
    c.call("POST", f"{url}/@support-step", "ktv1", {"action": "assign", "assignee": "dba"}, 400)
    c.call("POST", f"{url}/@support-step", "ktv1", {"action": "start"})
    c.call("POST", f"{url}/@support-step", "ktv1", {"action": "resolve",
                                                    "resolution": "Đã cài lại chứng thư số."})


def exchange_steps(c):
    """edXML exchange (issue 21): the directory of external organisations, the
    inbox of received messages."""
    sheet = "Tên cơ quan,Mã định danh\nVăn phòng Chính phủ,000.00.00.G22\n".encode()
    c.call("POST", "/@external-organisations", "owner",
           {"filename": "to-chuc.csv", "data": base64.b64encode(sheet).decode()}, 201)
    c.call("POST", "/@external-organisations", "owner",
           {"filename": "to-chuc.csv", "data": base64.b64encode(sheet + b"X,1\n").decode()}, 400)
    c.call("POST", "/@external-organisations", "vta",
           {"filename": "to-chuc.csv", "data": base64.b64encode(sheet).decode()}, 403)
    c.call("GET", "/@external-organisations", "vta")
    c.call("GET", "/@external-organisations", None, status=401)
    # the receiving side: the hub adapter posts messages as they are
    xml = {"Content-Type": "application/xml"}
    samples = Path("/work/shared/reference/edxml-samples")
    new = (samples / "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml").read_bytes()
    recall = (samples / "edoc_revocation.edxml").read_bytes()
    inbox = "/sttt/@edxml-inbox"
    c.call("POST", inbox, "hub", data=recall, headers=xml, status=404)
    landed = c.call("POST", inbox, "hub", data=new, headers=xml, status=201)
    c.call("POST", inbox, "hub", data=new, headers=xml, status=409)
    c.call("POST", inbox, "hub", data=(samples / "edoc.edxml").read_bytes(), headers=xml,
           status=400)
    c.call("POST", inbox, "hub", data=new, headers={"Content-Type": "text/plain"}, status=415)
    c.call("POST", inbox, "vta", data=new, headers=xml, status=403)
    c.call("POST", inbox, None, data=new, headers=xml, status=401)
    change = f"{landed['@id']}/@edxml-change"
    c.call("POST", change, "vta", {"agree": True}, 409)
    c.call("POST", change, "vtb", {"agree": True}, 403)  # may not open it either
    c.call("POST", change, None, {"agree": True}, 401)
    assert c.call("GET", landed["@id"], "vta")["edxml"]["place"] == "Hà Nội"
    c.call("POST", inbox, "hub", data=recall, headers=xml)


def outbox_steps(c):
    """edXML exchange (issue 21): a document issued outside the province,
    its messages taken by the hub adapter, an update (dba drafts: xla has
    changed his password in account_steps)."""
    # the hub adapter's account "hub" and sttt's identification code: the client fixture's
    answer = requests.get(f"{c.site}/sttt/vp", headers=JSON, auth=("dba", PASSWORD), timeout=60)
    assert answer.status_code == 200, answer.text[:300]
    vp = answer.json()["UID"]
    url = c.call("POST", "/sttt/di-2026", "dba", {
        "@type": "OutgoingDocument", "title": "Công văn gửi Văn phòng Chính phủ",
        "doc_type": "cong_van", "file": upload("cv.pdf"), "drafting_department": vp,
        "recipients_edxml": ["000.00.00.G22"]}, 201)["@id"]
    for step, who in (("submit_review", "dba"), ("approve", "tpa"), ("sign", "lda")):
        c.call("POST", f"{url}/@workflow/{step}", who)
    c.call("POST", f"{url}/@issue", "vta", {"comment": ""})
    pending = c.call("GET", "/@edxml-outbox", "hub", params={"b_size": "10", "inline": "true"})
    [item] = [i for i in pending["items"] if i["kind"] == "edoc"]
    c.call("GET", "/@edxml-outbox", "vta", status=403)
    c.call("GET", "/@edxml-outbox", None, status=401)
    c.call("GET", "/@edxml-outbox", "hub", params={"b_size": "x"}, status=400)
    assert c.call("GET", item["download"], "hub").startswith(b"<?xml")
    c.call("GET", "/@edxml-outbox/khong-co", "hub", status=404)
    c.call("GET", item["download"], "vta", status=403)
    c.call("GET", item["download"], None, status=401)
    c.call("POST", "/@edxml-outbox-ack", "hub", {"ids": ["khong-co"]}, 400)
    c.call("POST", "/@edxml-outbox-ack", "vta", {"ids": [item["id"]]}, 403)
    c.call("POST", "/@edxml-outbox-ack", None, {"ids": [item["id"]]}, 401)
    c.call("POST", "/@edxml-outbox-ack", "hub", {"ids": [item["id"]]})
    messages = c.call("GET", f"{url}/@edxml-messages", "vta")["items"]
    c.call("GET", f"{url}/@edxml-messages", "cbb", status=403)
    c.call("GET", f"{url}/@edxml-messages", None, status=401)
    c.call("GET", f"{c.site}/sttt/di-2026/khong-co/@edxml-messages", "vta", status=404)
    c.call("GET", messages[0]["download"], "vta")
    c.call("GET", f"{url}/@edxml-messages/khong-co", "vta", status=404)
    c.call("GET", messages[0]["download"], "cbb", status=403)
    c.call("GET", messages[0]["download"], None, status=401)
    c.call("POST", f"{url}/@edxml-update", "vta", {"reason": ""}, 400)
    c.call("POST", f"{url}/@edxml-update", "dba", {"reason": "Sửa", "title": "Khác"}, 403)
    c.call("POST", f"{url}/@edxml-update", None, {"reason": "Sửa", "title": "Khác"}, 401)
    c.call("POST", f"{url}/@edxml-update", "vta", {
        "reason": "Sửa trích yếu", "title": "Công văn gửi Văn phòng Chính phủ (đã sửa)",
        "due_date": "31/12/2026"})


def agency_and_job_steps(c):
    c.call("POST", "/@deadline-reminders", "owner")
    c.call("POST", "/@ocr-queue", "owner", {"limit": 5})
    c.call("GET", "/sttt/@export", "owner")
    c.call("GET", "/sttt/@export", "vta", status=403)
    c.call("POST", "/sxd/@rename", "owner", {"domain_abbr": "sxdtg",
                                             "title": "Sở Xây dựng tỉnh Tiền Giang"})
    c.call("GET", "/sttt/@workflow-policy", "owner")
    c.call("GET", "/sttt/@workflow-policy", "vta", status=403)
    c.call("POST", "/sttt/@workflow-policy", "owner", {"policy": "intranet"}, 400)
    c.call("POST", "/sttt/@workflow-policy", "owner",
           {"policy": "qlvbdh_simple", "mapping": {"submitted": "registered"}})
    c.call("POST", "/sttt/@workflow-policy", "owner", {"policy": "qlvbdh_standard"})
    c.call("GET", "/@workflow-check", "owner")
    c.call("GET", "/sttt/@workflow-check", "owner")
    c.call("GET", "/sttt/@workflow-check", "vta", status=403)
    c.call("POST", "/snv/@merge", "owner", {"target": "syt"})
    c.call("POST", "/syt/@dissolve", "owner")
    c.call("GET", "/@openapi", None)


def test_the_services_answer_as_described(client):
    """Every described operation, called as the people who use it, answers
    with a described status and the described shape; refusals included."""
    book = incoming_steps(client)
    outgoing_steps(client)
    comment_steps(client)
    book_steps(client, book)
    upload_steps(client, book)
    account_steps(client)
    case_file_steps(client)
    work_calendar_steps(client)
    support_steps(client)
    exchange_steps(client)
    outbox_steps(client)
    agency_and_job_steps(client)
    assert client.problems == [], "\n".join(client.problems)
    missing = client.contract.operations() - client.contract.exercised
    assert missing == set(), "described, never called"


def test_the_contract_catches_a_wrong_answer():
    """The check is not a rubber stamp: an answer missing a field, a
    refusal outside the envelope, a status not described are faults."""
    contract = Contract()
    site = "http://localhost/plone"
    url = f"{site}/sttt/den-2026/x/@routing"
    assert contract.check_response("GET", url, site, 200, "application/json", {"@id": url})
    assert contract.check_response("POST", f"{site}/sttt/den-2026", site, 400,
                                   "application/json", {"error": {"type": "BadRequest"}})
    assert contract.check_response("POST", f"{site}/sttt/den-2026", site, 400,
                                   "application/json",
                                   {"type": "BadRequest", "message": "x", "context": "y"})
    assert contract.check_response("GET", url, site, 418, "application/json", {})
    assert contract.check_response("GET", f"{site}/sttt/@nothing", site, 200, "", None)
    envelope = {"type": "Conflict", "message": "Văn bản đã vào sổ", "duplicates": [
        {"@id": f"{site}/sttt/den-2026/a", "title": "A", "arrival_number": 1,
         "arrival_date": "2026-11-27"}]}
    assert contract.check_response("POST", f"{site}/sttt/den-2026", site, 409,
                                   "application/json", envelope) == []
