"""Dissolving an agency: its books closed, its accounts disabled, documents
issued to it refused naming it; its records stay. Through Python and
through REST (site managers only) with a login refused afterwards."""

from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.dissolution import AgencyDissolved
from qlvbdh_policy.agencies.dissolution import dissolve
from qlvbdh_policy.content.inbox import INBOX_ID
from qlvbdh_policy.content.validation import RefusedValue
from routing_fixtures import issue_to
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import requests
import transaction


@pytest.fixture
def province(portal):
    return make_province(portal)


def test_a_dissolved_agency_is_an_archive(portal, province):
    a, b = province
    login(portal, "vtb")
    kept = incoming(b["den-2026"], title="Công văn lưu trữ")
    login(portal, "lda")
    with api.env.adopt_roles(["Manager"]):
        done = dissolve(b)
    assert "den-2026" in done["closed_registers"]
    assert {"vtb", "ldb", "cbb"} <= set(done["disabled_accounts"])
    assert api.content.get_state(b["den-2026"]) == "closed"
    assert guard(portal).is_disabled("vtb") and not guard(portal).is_disabled("vta")
    assert b["den-2026"][kept.getId()].title == "Công văn lưu trữ"  # nothing deleted
    # and nothing in it changes
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent
    with pytest.raises(RefusedValue) as read_only:
        notify(ObjectModifiedEvent(b["den-2026"][kept.getId()]))
    assert "lưu trữ" in str(read_only.value)
    with pytest.raises(AgencyDissolved) as again:
        dissolve(b)
    assert "đã giải thể" in str(again.value)

    # a document issued to it afterwards: refused, naming it, no copy made
    with pytest.raises(RefusedValue) as refused:
        issue_to(portal, a, [b])
    assert refused.value.field == "recipients_internal"
    assert "Ủy ban nhân dân huyện Cái Bè" in str(refused.value)
    assert list(b[INBOX_ID].objectIds()) == []


def test_dissolve_through_rest(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    url = f"{server_url}/ubndcb/@dissolve"
    headers = {"Accept": "application/json"}
    assert requests.post(url, headers=headers, auth=("qta", PASSWORD),
                         timeout=60).status_code == 403
    assert requests.get(f"{server_url}/ubndcb/den-2026", headers=headers,
                        auth=("vtb", PASSWORD), timeout=60).status_code == 200
    done = requests.post(url, headers=headers, timeout=60,
                         auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert done.status_code == 200, done.text
    assert "vtb" in done.json()["disabled_accounts"]
    refused = requests.get(f"{server_url}/ubndcb/den-2026", headers=headers,
                           auth=("vtb", PASSWORD), timeout=60)
    assert refused.status_code == 401 and "vô hiệu hóa" in refused.json()["message"]
    again = requests.post(url, headers=headers, timeout=60,
                          auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert again.status_code == 400 and "đã giải thể" in again.json()["message"]
