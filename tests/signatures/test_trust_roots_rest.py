"""The trust roots through REST (site managers): ``POST <site>/@trust-roots``
with the certificate base64 in JSON, as the project's other uploads, and
``DELETE <site>/@trust-roots/<fingerprint>``; a bad file answers 400 in
Vietnamese naming the field ``data`` and stores nothing; the answer says
how many documents the change makes stale (issue 21)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import make_province
from signed_documents import signed_incoming

import base64
import pytest
import transaction


def owner(method, url, body=None):
    return call(method, url, SITE_OWNER_NAME, body, password=SITE_OWNER_PASSWORD)


def upload(data, filename="root.pem"):
    return {"filename": filename, "data": base64.b64encode(data).decode()}


def listing(url):
    return ok(owner("GET", f"{url}/@trust-roots"))["items"]


@pytest.mark.parametrize("body, says", [
    ({"filename": "x.pem", "data": "không phải base64"}, "“data” không phải là base64"),
    ({"filename": "x.pem", "data": ""}, "“data” (x.pem): Hãy chọn tệp chứng thư số gốc"),
    (upload(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "x.pem"),
     "“data” (x.pem): Tệp “x.pem” không phải chứng thư số"),
])
def test_a_bad_file_is_refused_naming_the_field(server, server_url, body, says):
    make_province(server["portal"])
    transaction.commit()
    answer = refused(owner("POST", f"{server_url}/@trust-roots", body), 400, field="data")
    assert answer["message"].startswith(says), answer["message"]
    assert listing(server_url) == []


def test_install_and_remove_through_rest(server, server_url, test_ca, tmp_path):
    agency, _other = make_province(server["portal"])
    doc = signed_incoming(agency["den-2026"], test_ca.person, tmp_path)
    transaction.commit()
    url = f"{server_url}/@trust-roots"

    # a leader's certificate is no root: refused, nothing stored
    answer = refused(owner("POST", url, upload(test_ca.person.pem, "ca-nhan.pem")), 400,
                     field="data")
    assert "không phải chứng thư số của tổ chức chứng thực" in answer["message"]
    assert listing(server_url) == []
    assert call("POST", url, "vta", upload(test_ca.root.pem)).status_code in (401, 403)

    added = ok(owner("POST", url, upload(test_ca.root.pem)), 201)
    root = added["root"]
    assert (root["subject"], root["filename"]) == ("Root CA thử nghiệm", "root.pem")
    assert added["@id"] == f"{url}/{root['fingerprint']}"
    assert added["recheck"]["documents"] == 1  # the untrusted signature of doc
    assert "make verify-signatures" in added["recheck"]["message"]
    # the same root as DER: installed already, nothing changes
    again = ok(owner("POST", url, upload(test_ca.root.der, "root.cer")), 200)
    assert again["root"]["fingerprint"] == root["fingerprint"]
    assert again["recheck"] == {"documents": 0, "message": ""}
    assert [r["fingerprint"] for r in listing(server_url)] == [root["fingerprint"]]

    # checked again, the document is valid against the installed root
    doc_url = f"{server_url}/sttt/den-2026/{doc.getId()}"
    assert ok(call("POST", f"{doc_url}/@signatures", "vta"))["status"] == "valid"

    assert call("DELETE", f"{url}/{root['fingerprint']}", "vta").status_code in (401, 403)
    removed = ok(owner("DELETE", f"{url}/{root['fingerprint']}"))
    assert removed["removed"] == root["fingerprint"] and removed["recheck"]["documents"] == 1
    assert listing(server_url) == []
    gone = refused(owner("DELETE", f"{url}/{root['fingerprint']}"), 404, field="fingerprint")
    assert gone["message"].startswith("Không có chứng thư số gốc")
    refused(owner("DELETE", url), 400, field="fingerprint")
