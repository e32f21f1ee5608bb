"""The support pages on an agency's host (Quy chế Điều 6.1: each agency
on its subdomain; Điều 10.4: every official reaches the support form from
every page). Behind Debian's nginx with the project's configuration, the
site actions' ``${portal_url}`` is the agency's host: there the form, “Yêu
cầu của tôi”, the IT centre's queue and a request answer, though they
live at the site's root; another agency's objects stay refused."""

from lxml import html
from nginx_proxy import BASE
from nginx_proxy import get
from nginx_proxy import nginx  # noqa: F401 (fixture)
from plone.app.testing import login
from qlvbdh_policy.support import tracking
from routing_fixtures import PASSWORD
from support_fixtures import make_it_staff

import requests
import transaction

JSON = {"Accept": "application/json"}
ACTIONS = ("support_request", "my_support_requests", "support_queue")


def site_actions(page):
    """{action id: href} of the support actions the page shows."""
    tree = html.fromstring(page.text)
    return {name: tree.xpath(f"//*[contains(@class, 'action-item-{name}')]//a/@href")[0]
            for name in ACTIONS
            if tree.xpath(f"//*[contains(@class, 'action-item-{name}')]//a")}


def test_the_support_actions_work_on_an_agency_host(nginx, server):
    portal = server["portal"]
    make_it_staff(portal)
    login(portal, "xla")
    tracking.create_request({"kind": "incident", "details": "Máy quét không nhận."}, "xla")
    transaction.commit()
    port = nginx
    host = f"sttt.{BASE}:{port}"
    origin = f"http://{host}"
    official = ("xla", PASSWORD)
    actions = site_actions(get(port, host, "/", auth=official))
    assert actions == {"support_request": f"{origin}/ho-tro",
                       "my_support_requests": f"{origin}/@@yeu-cau-cua-toi"}
    form = get(port, host, "/ho-tro", auth=official)
    assert form.status_code == 200 and "Loại yêu cầu" in form.text
    assert f'action="{origin}/ho-tro' in form.text  # sent back to this host
    mine = get(port, host, "/@@yeu-cau-cua-toi", auth=official)
    assert mine.status_code == 200 and 'data-number="HT-2026-0001"' in mine.text
    assert f'href="{origin}/yeu-cau-ho-tro/ht-2026-0001"' in mine.text
    own = get(port, host, "/yeu-cau-ho-tro/ht-2026-0001", auth=official)
    assert own.status_code == 200 and "Máy quét không nhận." in own.text
    # the IT centre's officer on the same host: the queue too
    staff = ("ktv1", PASSWORD)
    assert site_actions(get(port, host, "/", auth=staff))["support_queue"] == (
        f"{origin}/yeu-cau-ho-tro")
    queue = get(port, host, "/yeu-cau-ho-tro", auth=staff)
    assert queue.status_code == 200 and 'data-number="HT-2026-0001"' in queue.text
    # REST on the agency's host: sent, its address on this host, read there
    sent = requests.post(f"http://127.0.0.1:{port}/@support-requests", auth=official,
                         headers={"Host": host, **JSON}, timeout=60,
                         json={"kind": "howto", "details": "Cách ký số văn bản đi?"})
    assert sent.status_code == 201, sent.text
    assert sent.json()["@id"] == f"{origin}/yeu-cau-ho-tro/ht-2026-0002"
    read = get(port, host, "/yeu-cau-ho-tro/ht-2026-0002/@support-request", auth=official,
               headers=JSON)
    assert read.status_code == 200 and read.json()["number"] == "HT-2026-0002"
    listed = get(port, host, "/@support-requests", auth=official, headers=JSON).json()
    assert [i["number"] for i in listed["items"]] == ["HT-2026-0002", "HT-2026-0001"]
    # a visitor is sent to log in; another agency is still not reached here
    for visitor_host in (host, f"{BASE}:{port}"):
        visitor = get(port, visitor_host, "/ho-tro")
        assert visitor.status_code in (302, 401) and "Loại yêu cầu" not in visitor.text
    assert get(port, host, "/ubndcb", auth=official).status_code == 404
