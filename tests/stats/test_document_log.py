"""Each document's access log over HTTP (issue 18; NĐ 30/2020 Phụ lục VI
III.5.a, III.6.a, b, l): a view, a download, a phiếu print, a change and a
routing step each leave one entry with the user, host and address; only
the agency's leaders, admins and site managers read it (a handler and
oversight get 403, anonymous 401); a page view commits no ZODB
transaction; old entries are pruned."""

from clock import TEST_NOW
from nginx_proxy import BASE
from nginx_proxy import get as nginx_get
from nginx_proxy import nginx  # noqa: F401 (fixture)
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.stats import document_log
from qlvbdh_policy.stats import document_log_store as store
from rest_bodies import incoming_body
from rest_bodies import upload
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import pytest
import re
import requests
import transaction

JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}
DUE = (TEST_NOW.date() + datetime.timedelta(days=7)).isoformat()


def auth(user):
    if user is None:
        return None
    return (user, SITE_OWNER_PASSWORD if user == SITE_OWNER_NAME else PASSWORD)


def get(url, user, headers=JSON, **kw):
    return requests.get(url, headers=headers, auth=auth(user), timeout=120, **kw)


def call(method, url, user, body=None):
    return requests.request(method, url, json=body, headers=JSON, auth=auth(user), timeout=120)


@pytest.fixture
def logged(server, server_url, tmp_path, monkeypatch):
    """A registered incoming document of sttt with a file; the log in a
    file of this test."""
    path = str(tmp_path / "var" / "access-log.sqlite")
    monkeypatch.setenv(document_log.ENVIRON_KEY, path)
    if "sttt" not in server["portal"]:  # the nginx fixture makes it too
        make_province(server["portal"])
        transaction.commit()
    answer = call("POST", f"{server_url}/sttt/den-2026", "vta",
                  incoming_body(file=upload("công văn.pdf")))
    assert answer.status_code == 201, answer.text
    return server_url, answer.json()["@id"], path


def rows(path, url):
    """The document's entries, oldest first, as stored."""
    uid = requests.get(url, headers=JSON, auth=auth("vta"), timeout=60).json()["UID"]
    return list(reversed(store.entries(path, uid, 0, 1000)[1]))


def new_rows(path, url, before):
    found = rows(path, url)
    # reading the UID over REST is itself a view: leave it out
    return [r for r in found[len(before):] if r["detail"] != "REST"]


def test_each_access_leaves_one_entry_with_user_host_and_address(logged, monkeypatch):
    site, url, path = logged
    steps = [
        (lambda: get(url, "vta", HTML), ("view", "vta", "")),
        (lambda: get(f"{url}/@@download/file", "vta", HTML), ("download", "vta", "công văn.pdf")),
        (lambda: get(f"{url}/@@display-file/file", "vta", HTML),
         ("download", "vta", "công văn.pdf")),
        (lambda: get(f"{url}/@@phieu-giai-quyet", "vta", HTML), ("print", "vta", "phieu-giai-quyet")),
        (lambda: get(f"{url}/@@phieu-giai-quyet.pdf", "vta", HTML),
         ("print", "vta", "phieu-giai-quyet.pdf")),
        (lambda: get(f"{url}/@phieu-pdf", "vta"), ("print", "vta", "phieu-giai-quyet.pdf")),
        (lambda: call("PATCH", url, "vta", {"notes": "Bản chính lưu tại văn thư"}),
         ("change", "vta", "")),
        (lambda: call("POST", f"{url}/@workflow/submit", "vta"), ("route", "vta", "submit")),
        (lambda: call("POST", f"{url}/@assign", "lda", {"handler": "xla", "due_date": DUE}),
         ("route", "lda", "assign")),
        (lambda: get(url, "xla", HTML), ("view", "xla", "")),
    ]
    for act, (action, user, detail) in steps:
        before = rows(path, url)
        answer = act()
        assert answer.status_code in (200, 204), (action, answer.status_code, answer.text[:300])
        [entry] = new_rows(path, url, before)
        assert (entry["action"], entry["user"], entry["detail"]) == (action, user, detail)
        assert entry["host"] == site.split("/")[2] and entry["client"] == "127.0.0.1"
        assert entry["fullname"] == api.user.get(userid=user).getProperty("fullname")
    # a REST read of the document is a view too
    before = rows(path, url)
    get(url, "vta")
    assert [r["detail"] for r in rows(path, url)[len(before):]] == ["REST", "REST"]
    # the file framed in the document's page is the page's view, not a download
    before = rows(path, url)
    get(f"{url}/@@display-file/file", "vta", {"Sec-Fetch-Dest": "iframe"})
    assert new_rows(path, url, before) == []
    # a refused request keeps nothing
    before = rows(path, url)
    assert "triển khai ứng dụng" not in get(url, "cbb", HTML).text  # another agency's
    assert new_rows(path, url, before) == []


def test_the_agency_host_and_the_client_behind_nginx(nginx, logged, monkeypatch):
    """Behind nginx (the configuration ``make nginx-config`` writes): the
    host is the agency's, the address the client's from X-Forwarded-For
    when zope.conf trusts the proxy (``trusted-proxy``), else the proxy's."""
    import ZPublisher.HTTPRequest as zpublisher_request

    site, url, path = logged
    doc_path = "/" + url.split("/plone/sttt/", 1)[1]
    host = f"sttt.{BASE}:{nginx}"
    for trusted, client in (([], "127.0.0.1"), (["127.0.0.1"], "203.0.113.7")):
        monkeypatch.setattr(zpublisher_request, "trusted_proxies", trusted)
        before = rows(path, url)
        answer = nginx_get(nginx, host, doc_path, auth=auth("vta"),
                           headers={**HTML, "X-Forwarded-For": "203.0.113.7"})
        assert answer.status_code == 200, answer.text[:300]
        [entry] = new_rows(path, url, before)
        assert (entry["action"], entry["host"], entry["client"]) == ("view", host, client)


def refused(answer, status):
    assert answer.status_code == status, (answer.status_code, answer.text[:300])
    body = answer.json()
    assert set(body) == {"type", "message"} and body["type"] == "Forbidden", body
    return body["message"]


def test_leaders_admins_and_site_managers_read_it_handlers_and_oversight_do_not(logged, server):
    site, url, path = logged
    call("POST", f"{url}/@workflow/submit", "vta")
    assert call("POST", f"{url}/@assign", "lda", {"handler": "xla", "due_date": DUE}
                ).status_code == 200
    get(url, "xla", HTML)
    for reader in ("lda", "qta", SITE_OWNER_NAME):
        answer = get(f"{url}/@access-log", reader)
        assert answer.status_code == 200, (reader, answer.text)
        log = answer.json()
        assert log["@id"] == f"{url}/@access-log"
        newest = log["items"][0]
        assert newest["action"] == "view" and newest["user"] == "xla"
        assert newest["fullname"] == "Lê Minh Hiếu" and newest["action_title"] == "Xem"
        assert re.fullmatch(r"2026-11-27T\d\d:\d\d:\d\d\+07:00", newest["when"]), newest
        assert re.fullmatch(r"\d\d:\d\d 27/11/2026", newest["when_text"])
        counts = log["counts"]["document"]
        assert counts["route"] == 2 and counts["view"] >= 1
        assert log["counts"]["agency"]["route"] >= 2 and log["counts"]["system"]["route"] >= 2
    message = refused(get(f"{url}/@access-log", "xla"), 403)  # the handler
    assert "lãnh đạo" in message
    refused(get(f"{url}/@access-log", "giamsat"), 403)  # oversight: no contents
    refused(get(f"{url}/@access-log", "tpa"), 403)  # the department's head
    # a leader's role given on the document alone (its Sharing tab) opens
    # the document, not its log: the log's readers are the agency's
    transaction.begin()  # see what the requests committed
    doc = server["portal"].unrestrictedTraverse(url.split("/plone/", 1)[1])
    doc.manage_setLocalRoles("cba", ["Leader"])
    doc.reindexObjectSecurity()
    transaction.commit()
    assert get(url, "cba").status_code == 200
    refused(get(f"{url}/@access-log", "cba"), 403)
    assert get(f"{url}/@access-log", None).status_code == 401
    # the agency's own log of access changes still answers on the agency
    agency_log = get(f"{site}/sttt/@access-log", "qta").json()
    assert agency_log["@id"] == f"{site}/sttt/@access-log" and "account" in agency_log["labels"]
    # the page, and the link to it on the document's page, for readers only
    page = get(f"{url}/@@nhat-ky-truy-cap", "lda", HTML)
    assert page.status_code == 200 and "Nhật ký truy cập" in page.text
    assert "Lê Minh Hiếu" in page.text and "Số lần truy cập" in page.text
    # the counts: a row per action, three numbers (document, agency, system)
    counts = page.text.split("qlvbdh-access-counts", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<th>[^<]+</th>(.*?)</tr>", counts, re.S)
    assert rows and all(re.fullmatch(r"(\s*<td>\d+</td>){3}\s*", row) for row in rows), counts
    assert "@@nhat-ky-truy-cap" in get(url, "lda", HTML).text
    assert "@@nhat-ky-truy-cap" not in get(url, "xla", HTML).text
    denied = get(f"{url}/@@nhat-ky-truy-cap", "xla", HTML)
    assert "qlvbdh-access-counts" not in denied.text and "qlvbdh-access-log" not in denied.text


def test_the_agency_admin_reads_the_log_of_all_its_documents(logged, server):
    """An agency admin opens no document, so its own page is out of his
    reach: the agency's page lists the log of all its documents, each named
    by its number and notation — the summary and link only for a reader
    who may open it (a leader)."""
    site, url, path = logged
    call("POST", f"{url}/@workflow/submit", "vta")
    assert call("POST", f"{url}/@assign", "lda", {"handler": "xla", "due_date": DUE}
                ).status_code == 200
    get(url, "xla", HTML)
    transaction.begin()
    doc = server["portal"].unrestrictedTraverse(url.split("/plone/", 1)[1])
    [brain] = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=doc.UID())
    code, title = brain.document_code, brain.Title
    assert code and title
    page = get(f"{site}/sttt/@@nhat-ky-truy-cap", "qta", HTML)
    assert page.status_code == 200 and "Nhật ký truy cập văn bản" in page.text
    entries = page.text.split('id="agency-access-log"', 1)[1].split("</table>", 1)[0]
    assert "Lê Minh Hiếu" in entries and "(<code>xla</code>)" in entries and code in entries
    assert "Xem" in entries and "Văn bản đến" in entries
    assert title not in page.text and url not in page.text  # no summary, no address
    counts = page.text.split('id="agency-access-counts"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<th>[^<]+</th>(.*?)</tr>", counts, re.S)
    assert len(rows) == 5 and all(re.fullmatch(r"(\s*<td>\d+</td>){2}\s*", r) for r in rows)
    top = page.text.split('id="agency-access-documents"', 1)[1].split("</table>", 1)[0]
    assert code in top
    # the leader may open it: its summary and link too
    page = get(f"{site}/sttt/@@nhat-ky-truy-cap", "lda", HTML)
    assert title in page.text and f'href="{url}"' in page.text
    # the handler, the province's oversight: refused; anonymous: log in
    for outsider in ("xla", "giamsat"):
        denied = get(f"{site}/sttt/@@nhat-ky-truy-cap", outsider, HTML)
        assert denied.status_code == 403 and "agency-access-log" not in denied.text
    assert get(f"{site}/sttt/@@nhat-ky-truy-cap", None, HTML,
               allow_redirects=False).status_code in (302, 401)
    # the agency's home leads its readers there
    assert "@@nhat-ky-truy-cap" in get(f"{site}/sttt", "qta", HTML).text
    assert "@@nhat-ky-truy-cap" not in get(f"{site}/sttt", "xla", HTML).text


def test_paging_with_b_start_and_b_size(logged):
    site, url, path = logged
    for _ in range(4):
        get(url, "vta", HTML)
    whole = get(f"{url}/@access-log", "lda").json()
    total = whole["items_total"]
    page = get(f"{url}/@access-log", "lda", params={"b_start": "1", "b_size": "2"}).json()
    assert page["items"] == whole["items"][1:3] and page["items_total"] == total
    assert page["batching"]["next"].endswith("b_start=3&b_size=2")
    assert page["batching"]["prev"].endswith("b_start=0&b_size=2")
    assert get(f"{url}/@access-log", "lda", params={"b_size": "x"}).status_code == 400


def test_a_page_view_commits_no_zodb_transaction(logged, server):
    """The storage's last transaction stays the same across page views,
    downloads and REST reads of a logged-in person (each logged), and
    moves with a change: the check would fail if a view wrote to the ZODB.
    Logged in as a browser is, with the token of its login (a request with
    a password checks it, and the login guard counts the attempt)."""
    site, url, path = logged
    db = server["portal"]._p_jar.db()
    token = requests.post(f"{site}/@login", json={"login": "vta", "password": PASSWORD},
                          headers=JSON, timeout=60).json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    # the first page of a fresh site stores its portlets' assignments once
    # (plone.app.portlets), whatever the log does
    requests.get(url, headers={**HTML, **bearer}, timeout=60)
    size = len(rows(path, url))  # with a password: before the count starts
    last = db.lastTransaction()
    for _ in range(3):
        assert requests.get(url, headers={**HTML, **bearer}, timeout=60).status_code == 200
        assert requests.get(f"{url}/@@download/file", headers={**HTML, **bearer},
                            timeout=60).status_code == 200
        assert requests.get(url, headers={**JSON, **bearer}, timeout=60).status_code == 200
    assert db.lastTransaction() == last
    assert len(rows(path, url)) == size + 9 + 1  # and rows()' own read of the UID
    requests.patch(url, json={"notes": "Đã sửa"}, headers={**JSON, **bearer}, timeout=60)
    assert db.lastTransaction() != last


def test_switched_off_it_keeps_nothing(logged):
    site, url, path = logged
    before = rows(path, url)
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record(document_log.ENABLED_RECORD, False)
    transaction.commit()
    get(url, "vta", HTML)
    get(f"{url}/@@download/file", "vta", HTML)
    assert len(rows(path, url)) == len(before)


def test_retention_prunes_by_the_days_first_write_and_the_nightly_job(
        functional, tmp_path, monkeypatch, clock):
    from domain_fixtures import incoming
    from plone.app.testing import login
    from qlvbdh_policy.console import prune_access_log

    portal = functional["portal"]
    path = str(tmp_path / "access-log.sqlite")
    monkeypatch.setenv(document_log.ENVIRON_KEY, path)
    a, b = make_province(portal)
    doc = incoming(a["den-2026"])
    transaction.commit()
    login(portal, "lda")
    for days in (400, 100, 0):  # the first write of each day prunes
        clock.set(TEST_NOW - datetime.timedelta(days=days))
        document_log.note(doc, document_log.VIEW)
        transaction.commit()
    assert [e["when"].date() for e in document_log.entries(doc)[1]] == [
        TEST_NOW.date(), TEST_NOW.date() - datetime.timedelta(days=100)]
    assert document_log.counts(doc=doc)["view"] == 2
    assert document_log.counts(agency=a, since=TEST_NOW - datetime.timedelta(days=1))[
        "view"] == 1
    assert document_log.counts(agency=b)["view"] == 0
    # the site's setting, applied by the cron job (make prune-access-log)
    api.portal.set_registry_record(document_log.RETENTION_RECORD, 30)
    transaction.commit()
    assert prune_access_log.main(portal.aq_parent, ["--site", portal.getId()]) == 1
    assert [e["when"].date() for e in document_log.entries(doc)[1]] == [TEST_NOW.date()]
    assert prune_access_log.main(portal.aq_parent, ["--site", portal.getId()]) == 0


def test_a_store_that_fails_never_fails_the_request(logged, tmp_path, monkeypatch, caplog):
    """A log that cannot be written (here: its path is a folder) is said
    in the instance's log; the page answers as ever."""
    site, url, path = logged
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setenv(document_log.ENVIRON_KEY, str(folder))
    answer = get(url, "vta", HTML)
    assert answer.status_code == 200 and "triển khai ứng dụng" in answer.text
    assert "Access log: entry not written" in caplog.text


def test_views_at_once_from_several_clients_lose_no_entry(logged):
    """The server's worker threads write at once (each its own connection
    to the file): every view is kept."""
    from concurrent.futures import ThreadPoolExecutor

    site, url, path = logged
    token = requests.post(f"{site}/@login", json={"login": "vta", "password": PASSWORD},
                          headers=JSON, timeout=60).json()["token"]
    headers = {**HTML, "Authorization": f"Bearer {token}"}
    before = len(rows(path, url))

    def view(_i):
        return requests.get(url, headers=headers, timeout=120).status_code

    with ThreadPoolExecutor(6) as pool:
        assert set(pool.map(view, range(36))) == {200}
    assert len(rows(path, url)) == before + 36 + 1  # and rows()' own read
