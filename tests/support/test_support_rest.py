"""Support requests over REST: sent, listed (mine, the IT centre's queue),
read, walked through their steps; refusals in the project's envelope, in
Vietnamese, naming the field (400), the person (403) or the state (409)."""

from clock import TEST_NOW
from DateTime import DateTime
from lxml import html
from plone.app.testing import login
from qlvbdh_policy.support import tracking
from rest_bodies import upload
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import PASSWORD
from support_fixtures import make_support_province

import datetime
import pytest
import requests
import transaction


@pytest.fixture
def site(server, server_url):
    make_support_province(server["portal"])
    transaction.commit()
    return server_url


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


def test_the_it_centres_queue_page(site, server):
    """@@support-queue (the desk's view): the open requests, the longest
    waiting first, with the requester, his agency and the age in days;
    a closed one leaves it; an official who is not of the IT centre is
    refused in Vietnamese."""
    portal = server["portal"]
    login(portal, "xla")
    old = tracking.create_request({"kind": "account", "details": "Cấp tài khoản cho cán bộ mới."},
                                  "xla")
    old.creation_date = DateTime((TEST_NOW - datetime.timedelta(days=5)).isoformat())
    old.reindexObject()
    login(portal, "cbb")
    tracking.create_request({"kind": "incident", "details": "Mất kết nối.", "urgency": "urgent",
                             "urgency_title": "Khẩn"}, "cbb")
    transaction.commit()
    queue_url = f"{site}/yeu-cau-ho-tro/@@support-queue"

    def rows(user):
        page = requests.get(queue_url, auth=(user, PASSWORD), timeout=60)
        assert page.status_code == 200, page.status_code
        tree = html.fromstring(page.text)
        return [[" ".join(td.text_content().split()) for td in tr.xpath("td")]
                for tr in tree.xpath("//tr[@data-number]")]

    first, second = rows("ktv1")
    assert first[0] == "HT-2026-0001" and second[0] == "HT-2026-0002"  # oldest first
    assert first[5] == "5" and second[5] == "0"  # age in days
    assert first[3] == f"Lê Minh Hiếu ({portal['sttt'].title})" and second[2] == "Khẩn"
    assert first[6] == "Mới"
    login(portal, "ktv1")
    tracking.take_step(old, "reject", reason="Đã có tài khoản.")
    transaction.commit()
    assert [row[0] for row in rows("ktv1")] == ["HT-2026-0002"]
    refused = requests.get(queue_url, auth=("xla", PASSWORD), timeout=60)
    assert refused.status_code == 403, refused.status_code
    assert "hàng đợi" in refused.text.lower() and "HT-2026-0002" not in refused.text
