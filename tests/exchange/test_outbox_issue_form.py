"""The clerk's issue form and the drafter's edit form of a document going
outside the province from an agency without its identification code (mã
định danh): the issue is refused with the reason said once; the drafter
is warned as soon as the external recipients are saved."""

from domain_fixtures import outgoing
from domain_fixtures import pdf
from exchange_fixtures import make_exchange
from exchange_fixtures import MINISTRY
from html_forms import submit
from plone import api
from plone.app.testing import login
from qlvbdh_policy.exchange import outbox
from routing_fixtures import PASSWORD
from routing_fixtures import signed_for

import re
import requests
import transaction

REASON = "Cơ quan chưa có mã định danh"


def token(html):
    return re.search(r'data-token="([^"]+)"', html).group(1)


def test_issue_refused_once_without_the_agency_code(server, server_url):
    portal = server["portal"]
    a, _b = make_exchange(portal)
    doc = signed_for(portal, a, [], recipients_edxml=[MINISTRY[0]])
    a.agency_code = None
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url) + "/@@step"
    auth = ("vta", PASSWORD)
    form = requests.get(url, params={"transition": "issue"}, auth=auth, timeout=60)
    assert form.status_code == 200
    answer = requests.post(url, params={"transition": "issue"}, auth=auth, timeout=60, data={
        "_authenticator": token(form.text), "form.buttons.save": "Lưu"})
    assert answer.status_code == 200
    assert answer.text.count(REASON) == 1, answer.text
    transaction.begin()
    assert api.content.get_state(doc) == "signed" and outbox.pending_count(portal) == 0


def test_the_drafter_is_warned_on_save(server, server_url):
    """Saving the draft through its edit form: saved, with a warning."""
    portal = server["portal"]
    a, _b = make_exchange(portal)
    a.agency_code = None
    login(portal, "xla")
    doc = outgoing(a["di-2026"], file=pdf(), drafting_department=a["vp"].UID())
    doc.changeOwnership(api.user.get(userid="xla").getUser())
    doc.manage_setLocalRoles("xla", ["Owner"])
    doc.reindexObjectSecurity()
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url) + "/@@edit"
    session = requests.Session()
    session.auth = ("xla", PASSWORD)
    changes = {"form.widgets.recipients_edxml:list": MINISTRY[0]}
    answer = submit(session, url, changes)
    assert answer.status_code == 200
    transaction.begin()
    assert doc.recipients_edxml == [MINISTRY[0]], re.findall(
        r"invalid-feedback[^<]*", answer.text) or answer.url
    assert "cơ quan chưa có mã định danh" in answer.text  # saved, and warned
    # with the code, no warning
    a.agency_code = "000.00.32.H55"
    transaction.commit()
    answer = submit(session, url, changes)
    assert answer.status_code == 200 and "chưa có mã định danh" not in answer.text
