"""Support requests over REST: sent, listed (mine, the IT centre's queue),
read, walked through their steps; refusals in the project's envelope, in
Vietnamese, naming the field (400), the person (403) or the state (409)."""

from rest_bodies import upload
from rest_client import call
from support_fixtures import make_support_province

import pytest
import transaction


@pytest.fixture
def site(server, server_url):
    make_support_province(server["portal"])
    transaction.commit()
    return server_url


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def refused(response, status, field=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] and body["message"], body
    if field is not None:
        assert body["errors"][0]["field"] == field, body
    return body


SHOT = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def test_a_request_over_rest(site):
    for bad, what in (({"data": "", "encoding": "base64", "filename": "trong.png"}, "rỗng"),
                      (upload("cai-dat.exe", b"MZ\x90\0"), "chương trình"),
                      ({"data": "khong-phai-base64!", "encoding": "base64"}, "base64"),
                      ("loi.png", "base64")):
        body = refused(call("POST", f"{site}/@support-requests", "xla", {
            "kind": "incident", "details": "Lỗi", "attachment": bad}), 400, "attachment")
        assert what in body["message"], body
    sent = ok(call("POST", f"{site}/@support-requests", "xla", {
        "kind": "howto", "details": "Cách chuyển văn bản cho phòng khác?",
        "attachment": upload("C:\\Ảnh\\man-hinh.png", SHOT, "image/png")}), 201)
    assert sent["number"] == "HT-2026-0001" and sent["review_state"] == "new"
    assert sent["kind_title"] == "Hướng dẫn sử dụng"
    shot = call("GET", sent["attachment"], "xla")
    assert shot.status_code == 200 and shot.content == SHOT
    assert "man-hinh.png" in shot.headers["Content-Disposition"]
    assert call("GET", sent["attachment"], "cbb").status_code in (401, 403, 404)
    body = refused(call("POST", f"{site}/@support-requests", "xla", {"kind": "domain",
                                                                    "details": "Tên miền"}),
                   400, "agency_name")
    assert "Điều 6.1.c" in body["message"]
    mine = ok(call("GET", f"{site}/@support-requests", "xla"))
    assert [i["number"] for i in mine["items"]] == ["HT-2026-0001"]
    assert ok(call("GET", f"{site}/@support-requests", "cbb"))["items"] == []
    refused(call("GET", f"{site}/@support-requests", "xla", params={"scope": "queue"}), 403)
    refused(call("GET", f"{site}/@support-requests", "xla", params={"scope": "x"}), 400,
            "scope")
    queue = ok(call("GET", f"{site}/@support-requests", "ktv1", params={"scope": "queue"}))
    assert [(i["number"], i["age_days"]) for i in queue["items"]] == [("HT-2026-0001", 0)]
    url = sent["@id"]
    assert ok(call("GET", f"{url}/@support-request", "xla"))["history"][0]["state"] == "Mới"
    assert call("GET", f"{url}/@support-request", "cbb").status_code == 403
    refused(call("POST", f"{url}/@support-step", "xla", {"action": "start"}), 403)
    refused(call("POST", f"{url}/@support-step", "ktv1", {"action": "resolve"}), 409)
    refused(call("POST", f"{url}/@support-step", "ktv1", {"action": "start",
                                                          "assignee": "lda"}), 400, "assignee")
    started = ok(call("POST", f"{url}/@support-step", "ktv1", {"action": "start"}))
    assert started["review_state"] == "in_progress" and started["assignee"] == "ktv1"
    body = refused(call("POST", f"{url}/@support-step", "ktv1", {"action": "reject"}), 400,
                   "reason")
    assert "lý do" in body["message"]
    done = ok(call("POST", f"{url}/@support-step", "ktv1",
                   {"action": "resolve", "resolution": "Đã hướng dẫn qua điện thoại."}))
    assert done["review_state"] == "resolved" and done["resolve_days"] is not None
    assert [h["review_state"] for h in done["history"]] == ["new", "in_progress", "resolved"]
