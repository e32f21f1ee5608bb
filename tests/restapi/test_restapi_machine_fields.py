"""One REST contract (issue 17): machine fields stay machine fields, and
nothing is accepted silently.

- workflow steps as ids (``submit``, ``file``) with their Vietnamese title
  beside them, the title the pages show ("Lưu hồ sơ", not "Tập tin");
- ``code_number`` a string everywhere (incoming, outgoing, a delivered copy);
- ``@types/<type>`` lists every field, the read-only ones marked;
- points in time in ISO 8601 with Vietnam's offset (+07:00);
- ``@search?arrival_number=248`` finds document 248;
- a read-only field, a list field given a string, an empty file, a body
  that is not JSON: refused in the one envelope, naming the field.

Against the WSGI server layer, as a client would call it."""

from clock import TEST_TODAY
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.content.incoming import IIncomingDocumentSchema
from qlvbdh_policy.content.outgoing import IOutgoingDocumentSchema
from qlvbdh_policy.registers.numbering import counters
from qlvbdh_policy.registers.numbering import SeriesCounter
from qlvbdh_policy.restapi import dates
from qlvbdh_policy.rules import request_body
from qlvbdh_policy.rules.series import INCOMING
from rest_bodies import incoming_body
from rest_bodies import upload
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from test_restapi_contract import refused
from zope.schema import getFieldNames

import json
import pytest
import re
import requests
import transaction

JSON = {"Accept": "application/json"}
OWNER = "owner"
DUE = (TEST_TODAY + timedelta(days=7)).isoformat()
ISO_VIETNAM = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
READONLY = {"IncomingDocument": {"arrival_number"},
            "OutgoingDocument": {"code_number", "code_notation", "issued_date"}}


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def call(method, url, user, body=None, **kw):
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD) if user == OWNER else (user, PASSWORD)
    return requests.request(method, url, json=body, headers=JSON, auth=auth, timeout=60, **kw)


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def send(method, url, user, raw, content_type):
    """A body as raw bytes with the Content-Type given (None: no header)."""
    headers = dict(JSON, **({"Content-Type": content_type} if content_type else {}))
    return requests.request(method, url, data=raw, headers=headers,
                            auth=(user, PASSWORD), timeout=60)


def register(site, **fields):
    return ok(call("POST", f"{site}/sttt/den-2026", "vta", incoming_body(**fields)), 201)


def filed(site):
    """An incoming document taken through every step to "filed"."""
    url = register(site)["@id"]
    ok(call("POST", f"{url}/@workflow/submit", "vta"))
    ok(call("POST", f"{url}/@assign", "lda", {"handler": "xla", "due_date": DUE}))
    ok(call("POST", f"{url}/@workflow/start", "xla"))
    ok(call("POST", f"{url}/@complete", "xla", {"result": "Đã báo cáo"}))
    return url


def issued(site, **fields):
    """An outgoing document issued (numbered) by the clerk, sent to Cái Bè."""
    agencies = ok(call("GET", f"{site}/@search?portal_type=Agency&metadata_fields=UID", "vta"))
    uid = {i["@id"].rsplit("/", 1)[1]: i["UID"] for i in agencies["items"]}
    department = ok(call("GET", f"{site}/sttt/vp", "xla"))["UID"]
    draft = ok(call("POST", f"{site}/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Công văn về việc báo cáo chuyển đổi số",
        "doc_type": "cong_van", "file": upload("cv.pdf"), "drafting_department": department,
        "recipients_internal": [uid["ubndcb"]], **fields}), 201)
    url = draft["@id"]
    ok(call("POST", f"{url}/@workflow/submit_review", "xla"))
    ok(call("POST", f"{url}/@workflow/approve", "tpa"))
    ok(call("POST", f"{url}/@workflow/sign", "lda"))
    ok(call("POST", f"{url}/@issue", "vta"))
    return url


# --- 1. workflow steps: ids, with the title the pages give ------------------------

def state_menu_title(page, transition):
    """The text of a step in Plone's state menu on a document's page."""
    match = re.search(rf'id="workflow-transition-{transition}".*?</a>', page, re.S)
    assert match, f"no {transition} in the state menu"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0).split(">", 1)[1])).strip()


def test_workflow_steps_are_ids_with_the_pages_title(site):
    url = filed(site)
    # the page's state menu offers the step under the title REST gives it
    page = requests.get(url, auth=("xla", PASSWORD), timeout=60).text
    assert state_menu_title(page, "file") == "Lưu hồ sơ"
    info = ok(call("GET", f"{url}/@workflow", "xla"))
    assert {"@id": f"{url}/@workflow/file", "id": "file", "title": "Lưu hồ sơ"} \
        in info["transitions"]
    step = ok(call("POST", f"{url}/@workflow/file", "xla"))
    assert (step["action"], step["transition_title"]) == ("file", "Lưu hồ sơ")
    assert (step["review_state"], step["state_title"]) == ("filed", "Đã lưu hồ sơ")

    history = ok(call("GET", f"{url}/@history", OWNER))
    steps = [(e["action"], e["transition_title"]) for e in history if e["type"] == "workflow"]
    assert steps == [
        ("file", "Lưu hồ sơ"), ("complete", "Hoàn thành xử lý"), ("start", "Bắt đầu xử lý"),
        ("assign", "Phân công"), ("submit", "Trình lãnh đạo"),
        ("register_on_arrival", "Vào sổ khi đến"), (None, "Tạo mới")]
    assert [(e["review_state"], e["state_title"]) for e in history][:2] == [
        ("filed", "Đã lưu hồ sơ"), ("completed", "Hoàn thành")]
    assert "gửi" not in json.dumps(history, ensure_ascii=False)

    workflow = ok(call("GET", f"{url}/@workflow", "xla"))
    assert [(e["action"], e["transition_title"]) for e in workflow["history"]] == steps[::-1]
    assert workflow["state"] == {"id": "filed", "title": "Đã lưu hồ sơ"}
    expanded = ok(call("GET", f"{url}?expand=workflow", "xla"))["@components"]["workflow"]
    assert expanded["history"] == workflow["history"]


def test_outgoing_history_names_steps_and_versions(site):
    url = issued(site)
    history = ok(call("GET", f"{url}/@history", "xla"))
    steps = [e["action"] for e in history if e["type"] == "workflow"]
    assert steps == ["issue", "sign", "approve", "submit_review", None]
    versions = [e for e in history if e["type"] == "versioning"]
    assert versions and all(e["action"] is None and e["transition_title"] for e in versions)
    assert all(ISO_VIETNAM.match(e["time"]) for e in history), history


# --- 2. code_number: one type --------------------------------------------------------

def test_code_number_is_a_string_everywhere(server, site):
    incoming = register(site, code_number="05")
    assert incoming["code_number"] == "05"
    url = issued(site)
    outgoing = ok(call("GET", url, "vta"))
    assert outgoing["code_number"] == "01" and outgoing["code_notation"] == "STTTT-VP"
    copy_url = ok(call("GET", f"{site}/ubndcb/cho-tiep-nhan/@search?review_state=pending",
                       "vtb"))["items"][0]["@id"]
    copy = ok(call("GET", copy_url, "vtb"))
    assert copy["code_number"] == "01" and copy["code_notation"] == "STTTT-VP"
    transaction.begin()  # the server's commits, seen from here
    stored = server["portal"].unrestrictedTraverse(url.split("/plone/", 1)[1])
    assert stored.code_number == "01" and stored.code == "01/STTTT-VP"
    for type_name in ("IncomingDocument", "OutgoingDocument"):
        field = ok(call("GET", f"{site}/@types/{type_name}", "vta"))["properties"]["code_number"]
        assert field["type"] == "string", (type_name, field)
    # the index holds it as printed, as for incoming documents
    found = ok(call("GET", f"{site}/sttt/@search?code_number=01", "vta"))
    assert [i["@id"] for i in found["items"]] == [url]


# --- 3. @types: every field, read-only ones marked ------------------------------------

@pytest.mark.parametrize("type_name, schema", [
    ("IncomingDocument", IIncomingDocumentSchema), ("OutgoingDocument", IOutgoingDocumentSchema)])
def test_types_list_every_field_and_mark_the_readonly(site, type_name, schema):
    info = ok(call("GET", f"{site}/@types/{type_name}", "vta"))
    properties = info["properties"]
    assert set(getFieldNames(schema)) <= set(properties)
    listed = [name for fieldset in info["fieldsets"] for name in fieldset["fields"]]
    assert sorted(listed) == sorted(properties)
    marked = {name for name, field in properties.items() if field.get("readonly")}
    assert marked == READONLY[type_name]
    for name in marked:
        assert properties[name]["readOnly"] is True and name not in info["required"]
    if type_name == "IncomingDocument":
        assert properties["arrival_number"]["type"] == "integer"
        assert listed[0] == "arrival_number"  # first, as the form shows it
    else:
        assert properties["issued_date"]["widget"] == "date"


# --- 4. one date format: ISO 8601, +07:00 --------------------------------------------------

def test_points_in_time_in_vietnam_time(site):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    url = register(site)["@id"]
    ok(call("POST", f"{url}/@workflow/submit", "vta"))
    after = datetime.now(timezone.utc) + timedelta(seconds=1)
    doc = ok(call("GET", url, "vta"))
    times = [doc["created"], doc["modified"]]
    times += [e["time"] for e in ok(call("GET", f"{url}/@workflow", "vta"))["history"]]
    times += [e["time"] for e in ok(call("GET", f"{url}/@history", OWNER))]
    # the trail's steps are timed by the tests' clock (tests/clock.py)
    trail = [e["when"] for e in ok(call("GET", f"{url}/@routing", "vta"))["trail"]]
    assert trail and all(ISO_VIETNAM.match(text) for text in trail), trail
    found = ok(call("GET", f"{site}/sttt/@search?arrival_number={doc['arrival_number']}"
                           "&metadata_fields=created&metadata_fields=modified", "vta"))
    times += [found["items"][0]["created"], found["items"][0]["modified"]]
    for text in times:
        assert ISO_VIETNAM.match(text), (text, times)
        # the same instant, not UTC's hour labelled +07:00
        assert before <= datetime.fromisoformat(text) <= after, (text, before)
    # a date stays a date
    assert doc["doc_date"] == "2026-11-20" and re.match(r"^\d{4}-\d\d-\d\d$", doc["arrival_date"])


def test_dates_are_read_in_one_format(site):
    url = register(site)["@id"]
    for value in ("2026-11-19T23:30:00+00:00", "19/11/2026", "2026/11/19"):
        body = refused(call("PATCH", url, "vta", {"doc_date": value}), 400, ["doc_date"])
        assert "YYYY-MM-DD" in body["errors"][0]["message"]
    assert ok(call("PATCH", url, "vta", {"doc_date": "2026-11-19"}), 204) is None
    assert ok(call("GET", url, "vta"))["doc_date"] == "2026-11-19"


@pytest.mark.parametrize("value, expected", [
    (DateTime("2026/11/20 02:25:48 UTC"), "2026-11-20T09:25:48+07:00"),
    (DateTime("2026/11/20 09:25:48 GMT+7"), "2026-11-20T09:25:48+07:00"),
    (DateTime("2026-11-20 09:25:48"), "2026-11-20T09:25:48+07:00"),  # naive: Vietnam's
    (datetime(2026, 11, 19, 23, 30, tzinfo=timezone.utc), "2026-11-20T06:30:00+07:00"),
    (datetime(2026, 11, 20, 9, 25, 48, 123456), "2026-11-20T09:25:48+07:00"),
    (datetime(2026, 12, 31, 17, 0, tzinfo=timezone(timedelta(hours=-5))),
     "2027-01-01T05:00:00+07:00"),
])
def test_vietnam_iso(value, expected):
    assert dates.vietnam_iso(value) == expected


def test_other_sites_keep_plone_restapis_format():
    """Outside a request of the add-on's layer: plone.restapi's UTC."""
    value = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    assert dates.datetime_converter(value) == "2026-11-20T02:00:00+00:00"


# --- 5. @search by arrival number ------------------------------------------------------

def test_search_by_arrival_number_finds_the_document(server, site, caplog):
    portal = server["portal"]
    counters(portal["sttt"]["den-2026"])[INCOMING] = counter = SeriesCounter()
    counter.value = 246
    transaction.commit()
    register(site, code_number="246")
    wanted = register(site, code_number="247", title="Báo cáo tình hình chuyển đổi số")
    register(site, code_number="248")
    assert wanted["arrival_number"] == 248
    for query in ("arrival_number=248", "arrival_number:int=248",
                  "arrival_number.query=248&arrival_number.range=min"):
        found = ok(call("GET", f"{site}/@search?{query}&sort_on=arrival_number", "vta"))
        assert found["items"][0]["@id"] == wanted["@id"], (query, found)
    exact = ok(call("GET", f"{site}/@search?arrival_number=248", "vta"))
    assert [i["@id"] for i in exact["items"]] == [wanted["@id"]]
    refused(call("GET", f"{site}/@search?arrival_number=hai-bon-tam", "vta"), 400,
            ["arrival_number"])
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


# --- 6. nothing accepted silently ------------------------------------------------------------

def test_readonly_fields_refused_by_name(site):
    doc = register(site)
    url = doc["@id"]
    body = refused(call("PATCH", url, "vta", {"arrival_number": 9, "title": "Tên khác"}), 400,
                   ["arrival_number"])
    assert "Số đến" in body["message"]
    after = ok(call("GET", url, "vta"))
    assert (after["arrival_number"], after["title"]) == (1, doc["title"])  # nothing stored
    # on registration too, and the refused one takes no number
    refused(call("POST", f"{site}/sttt/den-2026", "vta",
                 incoming_body(arrival_number=7, code_number="46")), 400, ["arrival_number"])
    assert register(site, code_number="47")["arrival_number"] == 2

    draft = ok(call("POST", f"{site}/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Kế hoạch năm 2027", "doc_type": "ke_hoach"}), 201)
    for field, value in (("code_number", "07"), ("code_notation", "KH-STTTT"),
                         ("issued_date", "2026-11-20")):
        refused(call("PATCH", draft["@id"], "xla", {field: value}), 400, [field])
    refused(call("PATCH", draft["@id"], "xla", {"code_number": 7, "issued_date": None}), 400,
            ["code_number", "issued_date"])
    refused(call("POST", f"{site}/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Kế hoạch năm 2028", "doc_type": "ke_hoach",
        "code_number": "01"}), 400, ["code_number"])
    assert ok(call("GET", draft["@id"], "xla"))["code_number"] is None


def test_list_fields_take_lists_only(site):
    draft = ok(call("POST", f"{site}/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Kế hoạch năm 2027", "doc_type": "ke_hoach"}), 201)
    url = draft["@id"]
    for field, value in (("recipients_external", "Sở Nội vụ"), ("recipients_internal", "abc"),
                         ("responds_to", "x"), ("recipients_external", {"a": 1})):
        body = refused(call("PATCH", url, "xla", {field: value}), 400, [field])
        assert "danh sách" in body["errors"][0]["message"]
    refused(call("POST", f"{site}/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Kế hoạch năm 2028", "doc_type": "ke_hoach",
        "recipients_external": "Sở Nội vụ"}), 400, ["recipients_external"])
    assert ok(call("PATCH", url, "xla", {"recipients_external": ["Sở Nội vụ", "Sở Tài chính"]}),
              204) is None
    assert ok(call("GET", url, "xla"))["recipients_external"] == ["Sở Nội vụ", "Sở Tài chính"]
    # the routing services' lists too: "truongphong" is not read letter by letter
    incoming = register(site)["@id"]
    ok(call("POST", f"{incoming}/@workflow/submit", "vta"))
    for field in ("co_handlers", "informed"):
        refused(call("POST", f"{incoming}/@assign", "lda",
                     {"handler": "xla", field: "truongphong"}), 400, [field])
    assert ok(call("GET", f"{incoming}/@routing", "lda"))["assignments"] == []


def test_empty_file_refused(site):
    empty = upload("cong-van.pdf", data=b"")
    refused(call("POST", f"{site}/sttt/den-2026", "vta", incoming_body(file=empty)), 400,
            ["file"])
    url = register(site)["@id"]
    body = refused(call("PATCH", url, "vta", {"file": empty}), 400, ["file"])
    assert "cong-van.pdf" in body["message"]
    refused(call("POST", url, "vta", {"@type": "File", "title": "Phụ lục", "file": empty}), 400,
            ["file"])
    assert ok(call("GET", url, "vta"))["file"] is None and ok(call("GET", url, "vta"))["items"] == []


@pytest.mark.parametrize("content_type", [
    "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", None])
def test_bodies_that_are_not_json_answer_415(site, content_type):
    doc = register(site)
    url = doc["@id"]
    raw = json.dumps({"title": "Tên khác"}).encode()
    for method, target, user in (("PATCH", url, "vta"),
                                 ("POST", f"{url}/@workflow/submit", "vta"),
                                 ("POST", f"{site}/sttt/den-2026", "vta"),
                                 ("POST", f"{url}/@assign", "lda")):
        body = refused(send(method, target, user, raw, content_type), 415, ["Content-Type"])
        assert body["type"] == "UnsupportedMediaType"
        assert "không phải JSON" in body["message"]
        assert (content_type or "—").split(";")[0] in body["message"]
    after = ok(call("GET", url, "vta"))
    assert (after["title"], after["review_state"]) == (doc["title"], "registered")
    assert ok(call("GET", f"{site}/sttt/den-2026", "vta"))["items_total"] == 1


def test_json_bodies_and_steps_without_a_body_still_pass(site):
    url = register(site)["@id"]
    raw = json.dumps({"title": "Công văn về việc triển khai chữ ký số"}).encode()
    assert send("PATCH", url, "vta", raw, "application/json; charset=utf-8").status_code == 204
    assert send("POST", f"{url}/@workflow/submit", "vta", b"", None).status_code == 200
    assert ok(call("GET", url, "vta"))["title"] == "Công văn về việc triển khai chữ ký số"


@pytest.mark.parametrize("content_type, has_body, refused_as", [
    ("application/json", True, None),
    ("application/json; charset=utf-8", True, None),
    ("application/merge-patch+json", True, None),
    ("text/plain", True, "text/plain"),
    ("TEXT/PLAIN; charset=UTF-8", True, "text/plain"),
    ("multipart/form-data; boundary=x", True, "multipart/form-data"),
    ("application/x-www-form-urlencoded", True, "application/x-www-form-urlencoded"),
    (None, True, "—"),
    ("", True, "—"),
    ("text/plain", False, None),
    (None, False, None),
])
def test_media_rule(content_type, has_body, refused_as):
    refusal = request_body.media_refusal(content_type, has_body)
    assert (refusal.mapping["content_type"] if refusal else None) == refused_as
    assert refusal is None or refusal.field == "Content-Type"
