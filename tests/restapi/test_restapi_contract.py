"""One REST contract (issue 17): every refusal, whichever layer raises it
(plone.restapi's content add and PATCH, ``@workflow``, ``@search``, the
project's own services, plone.rest's exception views), answers a 4xx with
one envelope: ``type`` and a Vietnamese ``message`` naming the rule or
the field, ``errors: [{field, message}]`` when fields are at fault, the
409 duplicate's documents under ``duplicates``; nothing else (no
``error`` wrapper, no ``context``, no traceback)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.restapi import envelope
from qlvbdh_policy.restapi import params
from rest_bodies import incoming_body
from rest_client import call
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import re
import requests
import transaction

JSON = {"Accept": "application/json"}
VIETNAMESE = re.compile("[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]",
                        re.IGNORECASE)
INTERNALS = ("time data", "invalid literal", "Traceback", "No workflow provides",
             "does not match format", "${", "object has no attribute", "Error(")


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url




def refused(response, status, fields=None, extra=()):
    """The envelope of a refusal: its exact keys, a Vietnamese message
    without Python's words, the fields at fault."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    keys = {"type", "message"} | ({"errors"} if fields else set()) | set(extra)
    assert set(body) == keys, body
    assert isinstance(body["type"], str) and body["type"]
    message = body["message"]
    assert VIETNAMESE.search(message), message
    assert not any(word in message for word in INTERNALS), message
    if fields:
        assert [e["field"] for e in body["errors"]] == fields, body
        for error in body["errors"]:
            assert set(error) == {"field", "message"}
            assert VIETNAMESE.search(error["message"]), error
            assert not any(word in error["message"] for word in INTERNALS), error
    return body


def registered(site):
    r = call("POST", f"{site}/sttt/den-2026", "vta", incoming_body(code_number="700"))
    assert r.status_code == 201, r.text
    return r.json()["@id"]


# --- content add (POST into a register, into another container) ------------

def check_add_bad_field(site, incoming):
    body = refused(call("POST", f"{site}/sttt/den-2026", "vta",
                        incoming_body(title="Đơn tố cáo cán bộ xã")), 400, ["title"])
    assert "tố cáo" in body["errors"][0]["message"]


def check_add_bad_date_string(site, incoming):
    body = refused(call("POST", f"{site}/sttt/den-2026", "vta",
                        incoming_body(doc_date="20/11/2026", code_number="701")),
                   400, ["doc_date"])
    assert "20/11/2026" in body["errors"][0]["message"]
    assert body["message"] == ("doc_date: “Ngày tháng văn bản” phải là ngày dạng YYYY-MM-DD "
                               "(ISO 8601), không nhận “20/11/2026”.")  # as in the README


def check_add_bad_json_type(site, incoming):
    refused(call("POST", f"{site}/sttt/den-2026", "vta",
                 incoming_body(received_on_paper="yes", code_number="702")),
            400, ["received_on_paper"])


def check_add_missing_required_field(site, incoming):
    data = incoming_body(code_number="703")
    del data["title"]
    refused(call("POST", f"{site}/sttt/den-2026", "vta", data), 400, ["title"])


def check_add_missing_type(site, incoming):
    data = incoming_body(code_number="704")
    del data["@type"]
    refused(call("POST", f"{site}/sttt/den-2026", "vta", data), 400, ["@type"])


def check_add_duplicate_409(site, incoming):
    body = refused(call("POST", f"{site}/sttt/den-2026", "vta",
                        incoming_body(code_number="700")), 409, extra=["duplicates"])
    assert body["type"] == "Conflict"
    assert [d["@id"] for d in body["duplicates"]] == [incoming]


def check_add_disallowed_type_elsewhere(site, incoming):
    """A content add outside a register (stock FolderPost): a type the
    container does not take, named (403, as plone.restapi answers it)."""
    body = refused(call("POST", f"{site}/sttt", SITE_OWNER_NAME,
                        {"@type": "Document", "title": "Trang"}, password=SITE_OWNER_PASSWORD),
                   403, ["@type"])
    assert "Document" in body["message"]
    # a clerk may not add there at all: 403, authenticated
    refused(call("POST", f"{site}/sttt", "vta", {"@type": "Document", "title": "Trang"}), 403)


def check_add_anonymous_401(site, incoming):
    refused(call("POST", f"{site}/sttt/den-2026", None, incoming_body(code_number="705")), 401)


def check_add_wrong_password_401(site, incoming):
    refused(call("POST", f"{site}/sttt/den-2026", "vta", incoming_body(code_number="705"),
                 password="sai"), 401)


# --- PATCH of the project's types ---------------------------------------------

def check_patch_bad_date_string(site, incoming):
    body = refused(call("PATCH", incoming, "vta", {"doc_date": "20/11/2026"}), 400, ["doc_date"])
    assert "20/11/2026" in body["message"]


def check_patch_bad_integer(site, incoming):
    refused(call("PATCH", incoming, "vta", {"page_count": "abc"}), 400, ["page_count"])


def check_patch_bad_json_type(site, incoming):
    refused(call("PATCH", incoming, "vta", {"received_on_paper": "yes"}), 400,
            ["received_on_paper"])


def check_patch_required_emptied(site, incoming):
    refused(call("PATCH", incoming, "vta", {"title": None}), 400, ["title"])


def check_patch_forbidden_403(site, incoming):
    """Staff of another agency, authenticated: 403, not 401."""
    refused(call("PATCH", incoming, "vtb", {"description": "x"}), 403)


# --- reading: 401, 403, 404 ------------------------------------------------------

def check_read_anonymous_401(site, incoming):
    r = call("GET", incoming)
    refused(r, 401)


def check_read_forbidden_403(site, incoming):
    refused(call("GET", incoming, "cbb"), 403)


def check_classic_pages_keep_the_login_redirect(site, incoming):
    """Only REST answers change: an anonymous visitor of the page is still
    sent to the login form."""
    r = requests.get(incoming, allow_redirects=False, timeout=60)
    assert r.status_code == 302 and "require_login" in r.headers["Location"], r.status_code


def check_not_found_404(site, incoming):
    body = refused(call("GET", f"{site}/sttt/khong-co-van-ban-nay", "vta"), 404)
    assert body["type"] == "NotFound"
    refused(call("GET", f"{site}/++api++/sttt/khong-co-van-ban-nay", "vta"), 404)


# --- @workflow ------------------------------------------------------------------------

def check_workflow_step_in_wrong_state(site, incoming):
    body = refused(call("POST", f"{incoming}/@workflow/file", "vta"), 409)
    assert "file" in body["message"]


def check_workflow_unknown_step(site, incoming):
    body = refused(call("POST", f"{incoming}/@workflow/fly", "vta"), 400)
    assert "fly" in body["message"]


def check_workflow_step_of_someone_else_403(site, incoming):
    r = call("POST", f"{site}/sttt/den-2026", "vta", incoming_body(code_number="706"))
    url = r.json()["@id"]
    refused(call("POST", f"{url}/@workflow/submit", "cba"), 403)


def check_sign_a_draft_without_file(site, incoming):
    """No dead end: a draft without its file is not signed (it could never
    be issued), and a draft not yet signed is not issued."""
    r = call("POST", f"{site}/sttt/di-2026", "vta", {
        "@type": "OutgoingDocument", "title": "Giấy mời họp giao ban", "doc_type": "giay_moi"})
    assert r.status_code == 201, r.text
    url = r.json()["@id"]
    for step, user in (("submit_review", "vta"), ("approve", "lda")):
        assert call("POST", f"{url}/@workflow/{step}", user).status_code == 200
    body = refused(call("POST", f"{url}/@workflow/sign", "lda"), 400)
    assert "trước khi ký" in body["message"]
    assert call("POST", f"{url}/@issue", "vta").status_code in (403, 409)


# --- @search's batching ------------------------------------------------------------

def check_search_bad_batching(site, incoming):
    for param in ["b_size=abc", "b_start=abc", "sort_limit=x", "b_size=-1"]:
        name = param.split("=")[0]
        body = refused(call("GET", f"{site}/@search?{param}", "vta"), 400, [name])
        assert name in body["message"]


# --- the project's services ---------------------------------------------------------------

def check_routing_service_bad_type_and_forbidden(site, incoming):
    refused(call("POST", f"{incoming}/@assign", "lda", {"handler": 5}), 400, ["handler"])
    refused(call("POST", f"{incoming}/@assign", "vta", {"handler": "xla"}), 403)


def check_routing_service_anonymous(site, incoming):
    refused(call("POST", f"{incoming}/@assign", None, {"handler": "xla"}), 401)


def check_account_services(site, incoming):
    refused(call("PATCH", f"{site}/sttt/@accounts", "qta", {"kind": "staff"}), 400)
    refused(call("POST", f"{site}/sttt/@accounts/vta/fly", "qta", {}), 404)
    refused(call("GET", f"{site}/sttt/@accounts", "xla"), 403)
    refused(call("GET", f"{site}/sttt/@accounts", None), 401)


def check_book_service(site, incoming):
    refused(call("GET", f"{site}/sttt/den-2026/@register-book?book=nothing", "vta"), 400,
            ["book"])


def check_manager_services_forbidden(site, incoming):
    refused(call("POST", f"{site}/sttt/@dissolve", "vta", {}), 403)
    refused(call("POST", f"{site}/@new-year", "vta", {}), 403)


def check_body_not_an_object(site, incoming):
    r = requests.patch(incoming, data=b"[1, 2]", auth=("vta", PASSWORD),
                       headers={**JSON, "Content-Type": "application/json"}, timeout=60)
    refused(r, 400)


def check_login_refused(site, incoming):
    r = requests.post(f"{site}/@login", json={"login": "vta", "password": "sai"},
                      headers=JSON, timeout=60)
    assert refused(r, 401)["type"] == "Unauthorized"


@pytest.mark.parametrize("status, old, new", [
    (400, {"error": {"type": "Bad Request", "message": "Vượt quá giới hạn"}},
     {"type": "BadRequest", "message": "Vượt quá giới hạn"}),
    (409, {"error": {"type": "Conflict", "message": "Đã có", "duplicates": [{"@id": "x"}]}},
     {"type": "Conflict", "message": "Đã có", "duplicates": [{"@id": "x"}]}),
    (404, {"type": "NotFound", "message": "Không thấy", "context": "http://x",
           "traceback": ["File …"]},
     {"type": "NotFound", "message": "Không thấy"}),
    (400, {"type": "ValidationError", "message": "a: Sai định dạng",
           "errors": [{"field": "a", "message": "Sai định dạng"}]},
     {"type": "ValidationError", "message": "a: Sai định dạng",
      "errors": [{"field": "a", "message": "Sai định dạng"}]}),
    (401, {"error": {"type": "Invalid credentials", "message": "Wrong login and/or password."}},
     {"type": "Unauthorized", "message": "Wrong login or password."}),
    (400, {"error": {"type": "Bad Request", "message": "Disallowed subobject type: Document"}},
     {"type": "BadRequest", "message": "Content of the type “Document” cannot be added here.",
      "errors": [{"field": "@type",
                  "message": "Content of the type “Document” cannot be added here."}]}),
])
def test_the_four_old_shapes_become_one(status, old, new):
    """The shapes the layers answered before (issue 17), in the envelope
    (without a request: the msgids untranslated)."""
    assert envelope.normalized(old, status, None) == (status, new)


def test_batching_parameters_refused_by_name():
    assert params.parameter_refusal({"b_size": "20", "b_start": "0", "sort_limit": "5"}) is None
    for form, name in (({"b_size": "abc"}, "b_size"), ({"b_start": "-3"}, "b_start"),
                       ({"sort_limit": "x"}, "sort_limit"), ({"b_size": ["1", "2"]}, "b_size")):
        assert params.parameter_refusal(form).field == name


CHECKS = [(name, check) for name, check in list(globals().items()) if name.startswith("check_")]


def test_every_refusal_has_the_one_envelope(site):
    """All the checks on one site (a site per check would cost minutes)."""
    incoming = registered(site)
    failed = []
    for name, check in CHECKS:
        try:
            check(site, incoming)
        except AssertionError as exc:
            failed.append(f"{name}: {exc}")
    assert not failed, "\n".join(failed)
