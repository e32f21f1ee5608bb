"""The oversight reports over REST (issue 18): ``@usage-report`` for the
province's oversight and site managers, ``@processing-report`` for an
agency's leaders, its administrators and site managers; the figures of
``stats_fixtures.NOVEMBER``, counts only; refusals in the one envelope;
logins counted as they happen, none lost when they come together."""

from concurrent.futures import ThreadPoolExecutor
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from routing_fixtures import PASSWORD
from stats_fixtures import NOVEMBER
from stats_fixtures import TITLES

import json
import pytest
import re
import requests
import socket
import threading

JSON = {"Accept": "application/json"}
NOV = {"from": "2026-11-01", "to": "2026-11-30"}
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def get(url, user=None, password=PASSWORD, **params):
    auth = (user, SITE_OWNER_PASSWORD if user == SITE_OWNER_NAME else password) if user else None
    return requests.get(url, params=params, headers=JSON, auth=auth, timeout=120)


def ok(response):
    assert response.status_code == 200, response.text
    return response.json()


def refused(response, status, field=None):
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == ({"type", "message", "errors"} if field else {"type", "message"}), body
    assert VIETNAMESE.search(body["message"]), body
    if field:
        assert [e["field"] for e in body["errors"]] == [field]
    return body["message"]


def no_contents(text, urls):
    """Counts only: no document's title nor address."""
    assert not any(title in text for title in TITLES)
    assert not any(url in text for url in urls)
    assert "/den-2026/" not in text and "/di-2026/" not in text


def test_usage_report_for_oversight_and_site_managers(november_site):
    site, urls = november_site
    for reader in ("giamsat", SITE_OWNER_NAME):
        answer = get(f"{site}/@usage-report", reader, **NOV)
        report = ok(answer)
        assert report["@id"] == f"{site}/@usage-report?from=2026-11-01&to=2026-11-30"
        assert report["period"] == NOV and report["today"] == "2026-11-27"
        rows = {row["id"]: row for row in report["agencies"]}
        for abbr in ("sttt", "ubndcb"):
            assert {k: rows[abbr][k] for k in NOVEMBER[abbr]} == NOVEMBER[abbr], abbr
        assert rows["sttt"]["title"] == "Sở Thông tin và Truyền thông"
        assert {k: report["province"][k] for k in NOVEMBER["province"]} == NOVEMBER["province"]
        assert report["signatures_verified"] is True
        assert "chữ ký số" in report["notes"]["digitally_signed"]
        assert report["labels"]["overdue_now"] == "Quá hạn chưa giải quyết"
        assert set(report["labels"]) == set(report["province"])
        no_contents(answer.text, urls)
    # a shortcut: the fourth quarter
    quarter = ok(get(f"{site}/@usage-report", "giamsat", period="2026-Q4"))
    assert quarter["period"] == {"from": "2026-10-01", "to": "2026-12-31"}
    assert quarter["province"]["incoming_registered"] == 6


def test_usage_report_refused_to_everyone_else(november_site):
    site, _urls = november_site
    for outsider in ("lda", "vta", "qta", "xla"):
        message = refused(get(f"{site}/@usage-report", outsider, **NOV), 403)
        assert "giám sát" in message
    refused(get(f"{site}/@usage-report", **NOV), 401)
    refused(get(f"{site}/@usage-report", "lda", password="sai-mat-khau", **NOV), 401)


@pytest.mark.parametrize("params, field, words", [
    ({"from": "2026-13-01"}, "from", ["“from”", "Từ ngày", "2026-13-01"]),
    ({"from": "2026-11-01", "to": "31/11/2026"}, "to", ["“to”", "Đến ngày"]),
    ({"from": "2026-12-01", "to": "2026-11-01"}, "from", ["“from”", "“to”", "01/12/2026"]),
    ({"period": "2026-Q5"}, "period", ["“period”", "2026-Q5"]),
])
def test_bad_periods_answer_400_naming_the_parameter(site, params, field, words):
    message = refused(get(f"{site}/@usage-report", "giamsat", **params), 400, field)
    assert all(w in message for w in words), message
    message = refused(get(f"{site}/sttt/@processing-report", "lda", kind="incoming", **params),
                      400, field)
    assert all(w in message for w in words), message


def test_processing_report_per_department_and_person(november_site):
    site, urls = november_site
    url = f"{site}/sttt/@processing-report"
    for reader in ("lda", "qta", SITE_OWNER_NAME):
        answer = get(url, reader, kind="incoming", **NOV)
        report = ok(answer)
        assert report["@id"] == f"{url}?kind=incoming&from=2026-11-01&to=2026-11-30"
        assert report["agency"] == {"id": "sttt", "title": "Sở Thông tin và Truyền thông"}
        assert report["kind"] == "incoming" and report["totals"]["incoming_registered"] == 5
        departments = {d["id"]: d for d in report["departments"]}
        assert departments["vp"]["completed_late"] == 1 and departments["vp"]["overdue_now"] == 1
        assert departments[None]["incoming_electronic"] == 2
        people = {p["id"]: p for p in report["people"]}
        assert people["xla"]["title"] == "Lê Minh Hiếu"
        assert people["xla"]["average_processing_days"] == 5.0
        assert report["labels"]["completed_late"] == "Giải quyết quá hạn"
        no_contents(answer.text, urls)
    outgoing = ok(get(url, "lda", kind="outgoing", **NOV))
    assert outgoing["totals"]["outgoing_issued"] == 4
    assert outgoing["totals"]["delivery_feedback"] == 0.5
    assert outgoing["signatures_verified"] is True and outgoing["notes"]["digitally_signed"]
    assert {p["id"]: p["outgoing_issued"] for p in outgoing["people"]} == {"xla": 3, "pha": 1}


def test_processing_report_refused_to_everyone_else(november_site):
    site, _urls = november_site
    url = f"{site}/sttt/@processing-report"
    # the province's oversight, the agency's clerk and staff, another agency's leader
    for outsider in ("giamsat", "vta", "xla", "ldb"):
        message = refused(get(url, outsider, kind="incoming", **NOV), 403)
        assert "Sở Thông tin và Truyền thông" in message and "lãnh đạo" in message
    refused(get(url, kind="incoming", **NOV), 401)
    message = refused(get(url, "lda", kind="all", **NOV), 400, "kind")
    assert "Loại báo cáo" in message and "incoming" in message
    refused(get(url, "lda", **NOV), 400, "kind")
    ok(get(f"{site}/ubndcb/@processing-report", "ldb", kind="outgoing", **NOV))


def test_oversight_cannot_reach_documents(november_site):
    site, urls = november_site
    for url in urls:
        answer = get(url, "giamsat")
        assert answer.status_code in (403, 404), (url, answer.status_code)
        assert not any(title in answer.text for title in TITLES)
        assert get(f"{url}/@routing", "giamsat").status_code in (403, 404)
    found = ok(get(f"{site}/@search", "giamsat", portal_type=["IncomingDocument",
                                                             "OutgoingDocument"]))
    assert found["items_total"] == 0
    for page in ("sttt/@@search-documents", "sttt/den-2026"):
        answer = requests.get(f"{site}/{page}", auth=("giamsat", PASSWORD), timeout=60)
        assert not any(title in answer.text for title in TITLES), page


def rest_login(site, login):
    answer = requests.post(f"{site}/@login", json={"login": login, "password": PASSWORD},
                           headers=JSON, timeout=120)
    assert answer.status_code == 200, answer.text


def logins_of_today(site):
    report = ok(get(f"{site}/@usage-report", "giamsat", **{"from": "2026-11-27"}))
    return {row["id"]: (row["accounts_logged_in"], row["logins"]) for row in report["agencies"]}


def test_logins_are_counted_per_day(site):
    for _ in range(3):
        rest_login(site, "lda")
    for _ in range(3):  # basic authentication: once a day
        ok(get(f"{site}/sttt/@accounts", "qta"))
    ok(get(f"{site}/ubndcb", "vtb"))
    assert logins_of_today(site) == {"sttt": (2, 4), "ubndcb": (1, 1)}
    report = ok(get(f"{site}/@usage-report", "giamsat", **NOV))
    assert (report["province"]["accounts_logged_in"], report["province"]["logins"]) == (3, 5)
    # the next day: a new count; October: none
    october = ok(get(f"{site}/@usage-report", "giamsat", period="2026-10"))
    assert october["province"]["logins"] == 0


def burst(server, login, times):
    """POST @login ``times`` at the same instant (test_security_lockout.py)."""
    body = json.dumps({"login": login, "password": PASSWORD}).encode()
    sockets = [socket.create_connection((server["host"], server["port"]), timeout=120)
               for _ in range(times)]
    ready = threading.Barrier(times)

    def send(i):
        request = (f"POST /plone/@login HTTP/1.1\r\nHost: {server['host']}\r\n"
                   f"Accept: application/json\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
        ready.wait()
        with sockets[i] as s:
            s.sendall(request)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        return int(answer.split()[1])

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(send, range(times)))


def test_logins_together_are_all_counted(site, server):
    assert burst(server, "xla", 16) == [200] * 16
    assert logins_of_today(site)["sttt"] == (1, 16)


def post(url, user, body, password=PASSWORD):
    auth = (user, password) if user else None
    return requests.post(url, json=body, headers=JSON, auth=auth, timeout=120)


def test_overdue_reminders_over_rest(november_site, tmp_path):
    from mail_fixtures import delivered
    from mail_fixtures import mailbox

    site, _urls = november_site
    url = f"{site}/sttt/@overdue-reminders"
    with mailbox(tmp_path) as inbox:
        answer = ok(post(url, "lda", {"from": "2026-11-01", "to": "2026-11-30"}))
        assert answer == {"period": NOV, "documents": 1, "people": [
            {"id": "tpa", "title": "Phạm Trưởng Phòng", "documents": 1}]}
        [(to, message)] = delivered(inbox, 1)
        assert to == ["tpa@example.vn"] and "quá hạn" in str(message["Subject"])
        # one person's, none overdue; the documents of no department: none either
        assert ok(post(url, "lda", {"period": "2026-11", "person": "xla"}))["people"] == []
        assert ok(post(url, "lda", {"period": "2026-11", "department": ""}))["documents"] == 0
        for outsider in ("giamsat", "qta", "xla", "ldb"):
            refused(post(url, outsider, {"period": "2026-11"}), 403)
        refused(post(url, None, {"period": "2026-11"}), 401)
        refused(post(url, "lda", {"period": "2026-13"}), 400, "period")
        refused(post(url, "lda", {"period": "2026-11", "person": 7}), 400, "person")
        message = refused(post(url, "lda", {"period": "2026-11", "department": "khong-co"}),
                          400, "department")
        assert "khong-co" in message and "Sở Thông tin và Truyền thông" in message
        assert requests.get(url, auth=("lda", PASSWORD), headers=JSON,
                            timeout=60).status_code in (404, 405)
        assert len(delivered(inbox)) == 1


def test_oversight_reaches_no_agency_dashboard_nor_its_documents(november_site):
    site, urls = november_site
    pages = [f"{site}/sttt/@@agency-statistics?period=2026-11",
             f"{site}/sttt/@@statistics-documents?indicator=overdue_now&period=2026-11",
             f"{site}/sttt/@@statistics-documents?indicator=incoming_registered&period=2026-11"]
    for url in pages:
        for outsider in ("giamsat", "xla", "ldb"):
            answer = requests.get(url, auth=(outsider, PASSWORD), timeout=60,
                                  allow_redirects=False)
            assert answer.status_code in (302, 401, 403), (url, outsider, answer.status_code)
            assert not any(title in answer.text for title in TITLES)
        answer = requests.get(url, auth=("lda", PASSWORD), timeout=60)
        assert answer.status_code == 200, url
    # the leader's listing names the documents; the dashboard of the province none
    listing = requests.get(pages[2], auth=("lda", PASSWORD), timeout=60).text
    assert sum(title in listing for title in TITLES) == 5
    province = requests.get(f"{site}/@@usage-statistics?period=2026-11",
                            auth=("giamsat", PASSWORD), timeout=60)
    assert province.status_code == 200 and "<svg" in province.text
    no_contents(province.text, urls)
    assert "statistics-documents" not in province.text


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_bad_parameters_of_the_documents_behind_a_count(november_site):
    """A visitor (a browser, or a program accepting anything) gets the
    Vietnamese page naming the parameter, HTTP 400; a script asking JSON,
    the envelope; an unknown department is refused, not counted as 0."""
    site, _urls = november_site
    url = f"{site}/sttt/@@statistics-documents"
    auth = ("lda", PASSWORD)
    for headers in (BROWSER, {}, {"Accept": "*/*"}):
        answer = requests.get(url, params={"indicator": "bogus", "period": "2026-11"},
                              auth=auth, headers=headers, timeout=60)
        assert answer.status_code == 400, headers
        assert answer.headers["Content-Type"].startswith("text/html"), headers
        assert "“indicator”: “bogus” không phải" in answer.text and "<html" in answer.text
    answer = requests.get(url, params={"indicator": "overdue_now", "period": "2026-11",
                                       "department": "khong-co"},
                          auth=auth, headers=BROWSER, timeout=60)
    assert answer.status_code == 400 and answer.headers["Content-Type"].startswith("text/html")
    assert "“department” (Phòng, ban): “khong-co” không phải là phòng, ban của" in answer.text
    script = get(url, "lda", indicator="overdue_now", period="2026-11", department="khong-co")
    assert script.status_code == 400
    assert [e["field"] for e in script.json()["errors"]] == ["department"]
    for department in ("vp", "-"):  # a department; the documents of none
        answer = requests.get(url, params={"indicator": "overdue_now", "period": "2026-11",
                                           "department": department},
                              auth=auth, headers=BROWSER, timeout=60)
        assert answer.status_code == 200, department


def test_the_dashboards_reminder_form_over_http(november_site, tmp_path):
    """The leader's one action: the form of the dashboard's overdue count,
    posted as the browser posts it; a link (GET) to it sends nothing."""
    from mail_fixtures import delivered
    from mail_fixtures import mailbox

    site, _urls = november_site
    auth = ("lda", PASSWORD)
    html = requests.get(f"{site}/sttt/@@agency-statistics?period=2026-11", auth=auth,
                        timeout=60).text
    row = html.split('id="incoming-department-vp"', 1)[1].split("</tr>", 1)[0]
    form = row.split('<form', 1)[1].split("</form>", 1)[0]
    action = re.search(r'action="([^"]+)"', form).group(1)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert set(fields) == {"_authenticator", "from", "to", "department"}
    with mailbox(tmp_path) as inbox:
        refused_get = requests.get(action, params=fields, auth=auth, timeout=60,
                                   headers={"Accept": "text/html"})
        assert refused_get.status_code == 403 and "Không có gì được lưu" in refused_get.text
        forged = requests.post(action, data=dict(fields, _authenticator="x"), auth=auth,
                               timeout=60, allow_redirects=False)
        assert forged.status_code == 403
        answer = requests.post(action, data=fields, auth=auth, timeout=60,
                               allow_redirects=False)
        assert answer.status_code == 302, answer.text
        assert "/sttt/@@agency-statistics?from=01%2F11%2F2026" in answer.headers["Location"]
        [(to, _message)] = delivered(inbox, 1)
        assert to == ["tpa@example.vn"]
        # the agency's admin, with his own authenticator: the refusal page, in Vietnamese
        own = requests.get(f"{site}/sttt/@@agency-statistics?period=2026-11",
                           auth=("qta", PASSWORD), timeout=60).text
        assert "send-overdue-reminders" not in own
        token = re.search(r'data-token="([0-9a-f]+)"', own).group(1)
        admin = requests.post(action, data=dict(fields, _authenticator=token),
                              auth=("qta", PASSWORD), timeout=60,
                              headers={"Accept": "text/html"}, allow_redirects=False)
        assert admin.status_code == 403 and "lãnh đạo" in admin.text
        assert len(delivered(inbox)) == 1
