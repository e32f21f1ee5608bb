"""The outbox's REST for the hub adapter (restapi/edxml_outbox_services.py)
and a document's messages for its clerk, over HTTP: paging with b_size and
after, the XML inline or downloaded, acknowledgement all or nothing, who
may (the HubAdapter account and site managers, not a clerk, not anyone)."""

from exchange_fixtures import HUB
from exchange_fixtures import HUB_PASSWORD
from exchange_fixtures import issue_outside
from exchange_fixtures import make_exchange
from exchange_fixtures import MINISTRY
from exchange_fixtures import PROVINCE
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.edxml.reader import read_edoc
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.routing import delivery
from rest_client import call
from rest_client import ok
from rest_client import refused

import base64
import requests
import transaction


def hub(method, url, **kw):
    return call(method, url, HUB, password=HUB_PASSWORD, **kw)


def test_outbox_for_the_hub_adapter(server, server_url):
    portal = server["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a)
    transaction.commit()
    outbox_url = f"{server_url}/@edxml-outbox"

    page = ok(hub("GET", outbox_url, params={"b_size": "1"}))
    assert page["items_total"] == 2 and len(page["items"]) == 1 and page["next"]
    first = page["items"][0]
    assert first["recipient_code"] == MINISTRY[0] and first["business_type"] == 0
    assert first["document"] == doc.absolute_url() and first["acknowledged"] is None
    rest = ok(hub("GET", page["next"]))
    assert [i["recipient_code"] for i in rest["items"]] == [PROVINCE[0]] and rest["next"] is None
    inline = ok(hub("GET", outbox_url, params={"inline": "true"}))["items"]
    xml = base64.b64decode(inline[0]["xml_base64"])
    download = hub("GET", first["download"])
    assert download.status_code == 200 and download.content == xml
    assert download.headers["Content-Type"].startswith("application/xml")
    edoc = read_edoc(download.content)
    assert edoc.recipients[0].organ_name == "Bộ Thông tin và Truyền thông"
    assert edoc.subject == doc.title
    refused(hub("GET", f"{outbox_url}/20260101000000000000-00000000"), 404)

    # the links work as given with a plain GET (no Accept header: wget, a browser)
    plain = requests.get(first["download"], auth=(HUB, HUB_PASSWORD), timeout=60)
    assert plain.status_code == 200 and plain.content == xml
    assert plain.headers["Content-Type"].startswith("application/xml")
    assert requests.get(page["next"], auth=(HUB, HUB_PASSWORD), timeout=60).json()[
        "items"][0]["recipient_code"] == PROVINCE[0]
    gone = requests.get(first["download"].rsplit("/", 1)[0] + "/20260101000000000000-0",
                        auth=(HUB, HUB_PASSWORD), timeout=60)
    assert gone.status_code == 404
    assert gone.json()["type"] == "NotFound" and "Không có" in gone.json()["message"]

    # a site manager may; a clerk and a visitor may not
    assert call("GET", outbox_url, SITE_OWNER_NAME).status_code == 200
    refused(call("GET", outbox_url, "vta"), 403)
    refused(call("GET", first["download"], "vta"), 403)
    assert call("GET", outbox_url, None).status_code == 401

    ack = f"{server_url}/@edxml-outbox-ack"
    refused(hub("POST", ack, body={"ids": [first["id"], "khong-co"]}), 400, "ids")
    refused(hub("POST", ack, body={"ids": []}), 400, "ids")
    numbers = refused(hub("POST", ack, body={"ids": [1, 2]}), 400, "ids")
    assert "phần tử thứ 1 không phải là chuỗi ký tự" in numbers["message"], numbers
    refused(call("POST", ack, "vta", body={"ids": [first["id"]]}), 403)
    assert ok(hub("GET", outbox_url))["items_total"] == 2  # nothing acknowledged
    done = ok(hub("POST", ack, body={"ids": [first["id"]]}))
    assert done == {"acknowledged": [first["id"]], "already_acknowledged": [], "items_total": 1}
    again = ok(hub("POST", ack, body={"ids": [first["id"]]}))
    assert again["acknowledged"] == [] and again["already_acknowledged"] == [first["id"]]
    transaction.begin()
    rows = sending.external_rows(doc)
    assert rows[MINISTRY[0]]["status"] == delivery.SENT
    assert rows[PROVINCE[0]]["status"] == delivery.QUEUED

    # the clerk's view of the document's messages
    messages = ok(call("GET", f"{doc.absolute_url()}/@edxml-messages", "vta"))["items"]
    assert [m["acknowledged"] is not None for m in messages] == [True, False]
    one = call("GET", messages[0]["download"], "vta")
    assert one.status_code == 200 and one.content == xml
    one = requests.get(messages[0]["download"], auth=("vta", "secret-2026-routing"), timeout=60)
    assert one.status_code == 200 and one.content == xml
    page = requests.get(f"{doc.absolute_url()}/@@edxml-message",
                        params={"id": messages[0]["id"]}, auth=("vta", "secret-2026-routing"),
                        timeout=60)
    assert page.status_code == 200 and page.content == xml
    html = requests.get(doc.absolute_url(), auth=("vta", "secret-2026-routing"), timeout=60)
    assert "Đã gửi ra ngoài tỉnh (edXML)" in html.text
    assert "Chờ gửi lên Trục liên thông văn bản quốc gia" in html.text

    update = f"{doc.absolute_url()}/@edxml-update"
    refused(call("POST", update, "vta", body={"reason": "", "title": "Mới"}), 400, "reason")
    refused(call("POST", update, "xla", body={"reason": "Sửa", "title": "Mới"}), 403)
    items = ok(call("POST", update, "vta", body={"reason": "Sửa trích yếu",
                                                 "title": "Quyết định đã sửa trích yếu"}))
    assert [m["business_type"] for m in items["items"]] == [0, 0, 2, 2]
