"""The giấy mời's page that puts its meeting on the calendars (issue 20):
linked from the invitation for its agency's office, dates typed as
officials write them, a wrong one refused naming it, nothing stored."""

from domain_fixtures import issue
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import re
import requests
import transaction


def test_the_office_puts_an_invitation_on_the_calendars(server, server_url):
    portal = server["portal"]
    a, b = make_province(portal)
    login(portal, "vta")
    doc = issue(outgoing(a["di-2026"], title="Giấy mời dự hội nghị chuyển đổi số",
                         doc_type="giay_moi", recipients_internal=[b.UID()], file=pdf()))
    other = issue(outgoing(a["di-2026"], title="Công văn đôn đốc", doc_type="cong_van",
                           file=pdf(), recipients_internal=[b.UID()]))
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    link = "Đưa cuộc họp vào lịch công tác"
    assert link in requests.get(url, auth=("vta", PASSWORD), timeout=60).text
    assert link not in requests.get(url, auth=("xla", PASSWORD), timeout=60).text  # staff
    assert link not in requests.get(
        other.absolute_url().replace(portal.absolute_url(), server_url),
        auth=("vta", PASSWORD), timeout=60).text

    session = requests.Session()
    session.auth = ("vta", PASSWORD)
    page = session.get(f"{url}/@@invitation-calendar", timeout=60)
    assert page.status_code == 200
    assert "Lãnh Đạo Cái Bè" in page.text and "Ủy ban nhân dân huyện Cái Bè" in page.text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    form = {"_authenticator": token, "start": "03/12/2026 14:00", "end": "03/12/2026 16:30",
            "location": "Hội trường Sở", "host": "lda", "people:list": ["ldb", "xla"]}
    wrong = session.post(f"{url}/@@invitation-calendar", data={**form, "start": "chiều mai"},
                         timeout=60)
    assert wrong.status_code == 400
    assert "“chiều mai” không phải ngày giờ" in wrong.text
    forged = session.post(f"{url}/@@invitation-calendar",
                          data={**form, "_authenticator": "x"}, timeout=60)
    assert forged.status_code == 403
    transaction.begin()
    assert not api.content.find(portal_type="WorkCalendarEntry", unrestricted=True)

    done = session.post(f"{url}/@@invitation-calendar", data=form, timeout=60)
    assert done.status_code == 200
    assert done.url.endswith("/sttt/lich-cong-tac/@@work-week?week=2026-W49")
    assert "Đã đưa cuộc họp vào 2 lịch công tác" in done.text
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    entries = {e.aq_parent.aq_parent.getId(): e for e in (
        b._unrestrictedGetObject()
        for b in catalog.unrestrictedSearchResults(portal_type="WorkCalendarEntry"))}
    assert set(entries) == {"sttt", "ubndcb"}
    assert entries["ubndcb"].participants == ["ldb"]
    assert entries["sttt"].host == "lda" and entries["sttt"].location == "Hội trường Sở"
    assert entries["sttt"].start.strftime("%d/%m/%Y %H:%M %Z") == "03/12/2026 14:00 +07"
