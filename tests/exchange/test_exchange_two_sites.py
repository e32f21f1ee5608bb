"""Done when (issue 21): a document travels between TWO sites — this
province's (plone) and another province's (plone2), each a Plone site of
the same test Zope — through their REST outbox and inbox only, the test
acting as the national hub: issue → arrive → accept → statuses back →
recall, the sender's delivery table following each step (Quyết định
28/2018/QĐ-TTg Điều 9; QCVN 102:2016/BTTTT)."""

from exchange_fixtures import CODES
from exchange_fixtures import HUB
from exchange_fixtures import HUB_PASSWORD
from exchange_fixtures import issue_outside
from exchange_fixtures import make_exchange
from plone import api
from plone.app.testing import PLONE_SITE_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.testing import zope
from Products.CMFPlone.factory import addPloneSite
from qlvbdh_policy.edxml.message import Organization
from qlvbdh_policy.edxml.message import ResponseFor
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.edxml.writer import write_status
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import trail
from rest_client import call
from rest_client import ok
from rest_client import refused
from zope.component.hooks import setSite

import datetime
import requests
import transaction

OTHER = "plone2"
#: the other province's agency (its sttt folder) and its identification code
OTHER_CODE = "000.00.00.H41"


def second_site(app):
    """Another province's site, with the add-on, its agencies and people."""
    zope.login(app["acl_users"], SITE_OWNER_NAME)
    site = addPloneSite(app, OTHER, title="Tỉnh Long An", default_language="en",
                        extension_ids=("plonetheme.barceloneta:default",
                                       "qlvbdh_policy:default"))
    setSite(site)
    a, _b = make_exchange(site)
    with api.env.adopt_roles(["Manager"]):
        a.agency_code = OTHER_CODE
        # the sender of this province, in the other province's directory
        directory.save(CODES["sttt"], "Sở Thông tin và Truyền thông tỉnh Tiền Giang",
                       "Mỹ Tho, Tiền Giang")
    zope.logout()
    return site


class Hub:
    """Carries what one site's outbox holds to the other's inbox, as the
    national hub does, with the HubAdapter accounts."""

    def __init__(self, sites):
        self.sites = sites  # identification code → (site URL, agency folder)

    def call(self, method, url, **kw):
        return call(method, url, HUB, password=HUB_PASSWORD, **kw)

    def carry(self, from_url):
        """Every pending message of ``from_url``'s outbox to its recipient's
        inbox; acknowledged once the recipient took it. [(kind, answer)]"""
        pending = ok(self.call("GET", f"{from_url}/@edxml-outbox"))["items"]
        answers = []
        for item in pending:
            xml = self.call("GET", item["download"]).content
            site_url, agency = self.sites[item["recipient_code"]]
            answer = self.call("POST", f"{site_url}/{agency}/@edxml-inbox", data=xml,
                               headers={"Content-Type": "application/xml"})
            assert answer.status_code in (200, 201), answer.text
            answers.append((item["kind"], answer.json()))
            ok(self.call("POST", f"{from_url}/@edxml-outbox-ack", body={"ids": [item["id"]]}))
        return answers


def test_a_document_between_two_provinces(server, server_url):
    app, portal = server["app"], server["portal"]
    here = portal
    a, _b = make_exchange(here)
    transaction.commit()  # this site's indexing done before the other is made
    second_site(app)
    setSite(here)
    transaction.commit()
    there_url = server_url.rsplit("/", 1)[0] + f"/{OTHER}"
    assert server_url.endswith(f"/{PLONE_SITE_ID}")
    hub = Hub({OTHER_CODE: (there_url, "sttt"), CODES["sttt"]: (server_url, "sttt")})

    # issue: one message to the other province
    doc = issue_outside(here, a, codes=[OTHER_CODE], title="Công văn về việc phối hợp "
                        "kết nối liên thông văn bản giữa hai tỉnh")
    transaction.commit()
    [(kind, arrived)] = hub.carry(server_url)
    assert kind == "edoc" and arrived["result"] == "arrived"
    assert arrived["title"] == "Công văn về việc phối hợp kết nối liên thông văn bản giữa hai tỉnh"
    assert arrived["document_id"] == f"{CODES['sttt']},{doc.issued_date:%Y/%m/%d},{doc.code}"
    copy_url = arrived["@id"]
    assert copy_url.startswith(there_url + "/sttt/")

    # the other province: 01 went back as it landed; its clerk accepts: 03
    accepted = call("POST", f"{copy_url}/@accept", "vta", body={"register": "den-2026"})
    assert accepted.status_code == 200, accepted.text
    statuses = hub.carry(there_url)
    assert [k for k, _a in statuses] == ["status", "status"]
    assert all(answer["result"] == "status" for _k, answer in statuses)

    transaction.begin()
    row = sending.external_rows(doc)[OTHER_CODE]
    assert row["status"] == delivery.ACCEPTED
    assert row["agency_title"] == "Ủy ban nhân dân tỉnh Long An"
    assert row["delivered"] and row["acknowledged"]
    assert [e["status"] for e in trail.entries(doc) if e["action"] == "edxml_status"] == [
        "01", "03"]
    routing = ok(call("GET", f"{doc.absolute_url()}/@routing", "vta"))
    external = [d for d in routing["deliveries"] if d["agency"] == f"edxml:{OTHER_CODE}"]
    assert external[0]["status"] == "03"

    # a 02 crossing the 03 on the hub: refused (409, StatusCode), the row stays accepted
    late = write_status(Status(
        sender=Organization(organ_id=OTHER_CODE, organ_name="Ủy ban nhân dân tỉnh Long An"),
        response_for=ResponseFor(organ_id=CODES["sttt"], code=doc.code,
                                 promulgation_date=doc.issued_date,
                                 document_id=arrived["document_id"]),
        status_code="02", description="Không đúng thẩm quyền",
        timestamp=datetime.datetime(2026, 11, 21, 8, 0, 0)))
    answer = requests.post(f"{server_url}/sttt/@edxml-inbox", data=late,
                           auth=(HUB, HUB_PASSWORD), timeout=60,
                           headers={"Content-Type": "application/xml",
                                    "Accept": "application/json"})
    body = refused(answer, 409, "StatusCode")
    assert "02" in body["message"] and "03" in body["message"]
    transaction.begin()
    assert sending.external_rows(doc)[OTHER_CODE]["status"] == delivery.ACCEPTED

    # recall: the other province's clerk agrees (the document was accepted)
    ok(call("POST", f"{doc.absolute_url()}/@recall", "vta", body={"reason": "Ban hành nhầm"}))
    [(kind, waiting)] = hub.carry(server_url)
    assert kind == "edoc" and waiting["result"] == "waiting"
    agreed = call("POST", f"{waiting['@id']}/@edxml-change", "vta", body={"agree": True})
    assert agreed.status_code == 200, agreed.text
    [(kind, answer)] = hub.carry(there_url)
    assert kind == "status" and answer["result"] == "status"
    transaction.begin()
    row = sending.external_rows(doc)[OTHER_CODE]
    assert row["status"] == delivery.CHANGE_AGREED and row["previous_status"] == "03"
    assert api.content.get_state(doc) == "recalled"
    # both outboxes empty: every message carried and acknowledged
    for url in (server_url, there_url):
        assert ok(call("GET", f"{url}/@edxml-outbox", HUB, password=HUB_PASSWORD))[
            "items_total"] == 0
