"""POST <agency>/@edxml-inbox over HTTP as the hub adapter's account (role
HubAdapter): 201 for a document landed, the project's envelope and nothing
stored for each refusal, 403 for accounts without the permission."""

from exchange_fixtures import HUB
from exchange_fixtures import HUB_PASSWORD
from inbox_fixtures import receiving
from inbox_fixtures import sample
from inbox_fixtures import store_counts
from inbox_fixtures import VPCP_ID
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import PASSWORD

import requests
import transaction

NEW = "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"
XML = {"Content-Type": "application/xml", "Accept": "application/json"}


def post(url, data, auth=(HUB, HUB_PASSWORD), headers=XML):
    return requests.post(url, data=data, headers=headers, auth=auth, timeout=60)


def test_the_hub_adapter_posts_and_each_refusal_stores_nothing(server, server_url):
    portal = server["portal"]
    a, _b = receiving(portal)
    transaction.commit()
    url = f"{server_url}/sttt/@edxml-inbox"

    def unchanged(response, status, field=None):
        transaction.begin()
        before = store_counts(portal, a)
        body = refused(response, status, field)
        transaction.begin()
        assert store_counts(portal, a) == before
        return body

    unchanged(post(url, sample(NEW), auth=("vta", PASSWORD)), 403)
    unchanged(post(url, sample(NEW), auth=None), 401)
    unchanged(post(url, sample(NEW), headers={**XML, "Content-Type": "text/plain"}), 415,
              "Content-Type")
    body = unchanged(post(url, sample(NEW), headers={**XML, "Content-Type": "application/json"}),
                     415, "Content-Type")
    assert "application/xml" in body["message"]
    body = unchanged(post(url, sample("edoc.edxml")), 400, "edXML")
    # where the parser stopped, in Vietnamese; not expat's English words
    assert "XML hợp lệ (lỗi ở dòng 74, cột " in body["message"]
    assert "mismatched" not in body["message"] and "line" not in body["message"]
    body = unchanged(post(url, b'<?xml version="1.0" encoding="utf-8"?>\n<edXML>'), 400, "edXML")
    assert "dòng 2, cột 8" in body["message"] and "no element" not in body["message"]
    body = unchanged(post(url, sample("edoc_new.edxml")), 400, "To/OrganId")
    assert "28.22.H17" in body["message"]
    body = unchanged(post(url, sample("edoc_revocation.edxml")), 404, "DocumentId")
    secret = sample(NEW).replace("Liên thông văn bản quốc gia".encode(), "Tối mật".encode())
    body = unchanged(post(url, secret), 400, "OtherInfo/SphereOfPromulgation")
    assert "Tối mật" in body["message"]

    landed = ok(post(url, sample(NEW)), 201)
    assert landed["result"] == "arrived" and landed["document_id"] == VPCP_ID
    assert landed["review_state"] == "pending" and "/sttt/cho-tiep-nhan/" in landed["@id"]
    document = ok(call("GET", landed["@id"], "vta"))
    assert document["code_number"] == "7816" and document["title"].startswith("V/v kết nối")
    body = unchanged(post(url, sample(NEW)), 409, "DocumentId")
    assert body["type"] == "Conflict" and VPCP_ID in body["message"]
    body = unchanged(post(url, sample("status_inbox_01.edxml")), 400)
    assert "ResponseFor" in body["errors"][0]["field"]

    recalled = ok(post(url, sample("edoc_revocation.edxml")))
    assert recalled["result"] == "agreed" and recalled["review_state"] == "recalled"
