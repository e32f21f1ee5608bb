"""Bad request bodies never answer 500 (issue 14, "No 500 for bad input
anywhere"): every REST write of the project and plone.restapi's own content
POST/PATCH and @workflow answer 400 with a JSON body in the project's
envelope ({type, message, errors}) and a Vietnamese message naming what is
wrong; nothing is stored; no traceback reaches the client, not even a
site manager (whom plone.rest shows one)."""

from domain_fixtures import incoming
from domain_fixtures import outgoing
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.rules import request_body as rb
from qlvbdh_policy.rules.feed_query import feed_query_refusal
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import pytest
import re
import requests
import transaction

OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = "application/json"

DEPTH = 50_000
BODIES = {
    # kind: (content type, raw body, words the Vietnamese message must carry)
    "malformed": (JSON, b'{"title": "Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh", ', "không phải JSON hợp lệ"),
    "array": (JSON, b"[1]", "đối tượng JSON"),
    "string": (JSON, b'"abc"', "đối tượng JSON"),
    "null": (JSON, b"null", "đối tượng JSON"),
    "number": (JSON, b"12", "đối tượng JSON"),
    "bad_utf8": (JSON, b'{"title": "Quy\xff\xfe \xc4"}', "UTF-8"),
    "deep_array": (JSON, b"[" * DEPTH + b"]" * DEPTH, "lồng nhau"),
    "deep_object": (JSON, b'{"title": ' + b'{"a": ' * DEPTH + b"1" + b"}" * (DEPTH + 1),
                    "lồng nhau"),
    "form": ("application/x-www-form-urlencoded",
             "@type=IncomingDocument&title=Công văn&handler=xla".encode(), "không phải JSON"),
    "multipart": ("multipart/form-data; boundary=XyZ",
                  b'--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc\r\n--XyZ--\r\n',
                  "không phải JSON"),
}
# a body that is not JSON at all answers 415 (issue 17), in the same envelope
NOT_JSON_KINDS = {"form", "multipart"}


@pytest.mark.parametrize("raw,msgid", [
    (b"", None),
    (b"  ", None),
    (b'{"title": "Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh"}', None),
    ("{\"a\": [[[1]]]}", None),
    (b"\xef\xbb\xbf{}", None),  # a UTF-8 byte order mark is tolerated
    (b'{"a": "[[[[' + b"[" * 500 + b'"}', None),  # brackets inside a string
    (b"[" * 100 + b"]" * 100, rb.MSG_ARRAY),  # 100 levels: deep but allowed
    (b"[" * 101 + b"]" * 101, rb.MSG_TOO_DEEP),
    (b'{"a": ' * 101 + b"1" + b"}" * 101, rb.MSG_TOO_DEEP),
    (b"[" * 100_000, rb.MSG_TOO_DEEP),
    (b"[1]", rb.MSG_ARRAY),
    (b'"x"', rb.MSG_STRING),
    (b"1.5", rb.MSG_NUMBER),
    (b"true", rb.MSG_BOOLEAN),
    (b"null", rb.MSG_NULL),
    (b'{"a": 1', rb.MSG_NOT_JSON),
    (b"{'a': 1}", rb.MSG_NOT_JSON),
    (b'{"a": "\xff"}', rb.MSG_NOT_UTF8),
    (b'{"a": "\xed\xa0\x80"}', rb.MSG_NOT_UTF8),  # an encoded lone surrogate
])
def test_body_rule(raw, msgid):
    refusal = rb.body_refusal(raw)
    assert (refusal.msgid if refusal else None) == msgid


def test_body_rule_names_the_place_and_the_form():
    assert rb.body_refusal(b'{\n"a": }').mapping == {"line": 2, "column": 6}
    assert rb.body_refusal(b'{"a": "\xff"}').mapping == {"position": 8}
    form = rb.body_refusal(b"a=1&b=2", "application/x-www-form-urlencoded")
    assert form.msgid == rb.MSG_FORM_NOT_JSON
    assert rb.parse_object(b'{"a": [1, {"b": null}]}') == {"a": [1, {"b": None}]}
    items = rb.fields_refusal({"ids": ["a", 2]}, {"ids": rb.TEXTS})
    assert (items.mapping["got"], items.mapping["position"]) == (rb.MSG_GOT_LIST_ITEM, 2)
    xml = rb.body_refusal(b' <?xml version="1.0"?><edXML/>', "application/json")
    assert (xml.field, xml.msgid) == ("Content-Type", rb.MSG_XML_SAID_JSON)


@pytest.mark.parametrize("data,field", [
    ({}, None),
    ({"reason": "Sai số ký hiệu", "informed": ["dba"], "limit": 5, "disabled": False,
      "birth_year": "1976", "other": [1]}, None),  # fields not listed are the service's
    ({"reason": None, "limit": None}, None),  # null: left out
    ({"birth_year": 1976}, None),
    ({"limit": 0}, None),
    ({"reason": ["a"]}, "reason"),
    ({"reason": 1}, "reason"),
    ({"informed": "dba"}, "informed"),
    ({"informed": ["dba", 2]}, "informed"),
    ({"limit": "abc"}, "limit"),
    ({"limit": True}, "limit"),
    ({"limit": -1}, "limit"),
    ({"limit": 2.5}, "limit"),
    ({"limit": rb.MAX_COUNT + 1}, "limit"),
    ({"disabled": "yes"}, "disabled"),
    ({"disabled": 0}, "disabled"),
    ({"birth_year": [1976]}, "birth_year"),
    ({"birth_year": False}, "birth_year"),
])
def test_fields_rule(data, field):
    kinds = {"reason": rb.TEXT, "informed": rb.TEXTS, "limit": rb.COUNT,
             "disabled": rb.BOOLEAN, "birth_year": rb.YEAR}
    refusal = rb.fields_refusal(data, kinds)
    assert (refusal.field if refusal else None) == field
    if refusal:
        out_of_range = isinstance(data[field], int) and not isinstance(data[field], bool) and (
            kinds[field] == rb.COUNT)  # a whole number below 0 or too big: not “not a number”
        assert refusal.msgid == (rb.MSG_COUNT_RANGE if out_of_range else rb.MSG_WRONG_TYPE)
        assert refusal.mapping["field"] == field


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    make_province(portal)
    sttt = portal["sttt"]
    doc = incoming(sttt["den-2026"])
    draft = outgoing(sttt["di-2026"])
    transaction.commit()
    return {"url": server_url, "doc": doc.absolute_url_path(),
            "draft": draft.absolute_url_path(), "root": server_url.rsplit("/", 1)[0]}


def endpoints(site):
    """(method, url, user) of every write the project serves, and
    plone.restapi's own on our types."""
    base, root = site["url"], site["root"]
    doc, draft = root + site["doc"], root + site["draft"]
    clerk, leader, admin = ("vta", PASSWORD), ("lda", PASSWORD), ("qta", PASSWORD)
    return [
        ("POST", f"{base}/sttt/den-2026", clerk),
        ("POST", f"{base}/sttt/den-2026", OWNER),
        ("POST", f"{base}/sttt/di-2026", clerk),
        ("PATCH", doc, clerk),
        ("PATCH", doc, OWNER),
        ("POST", f"{doc}/@workflow/submit", clerk),
        ("POST", f"{draft}/@workflow/submit_review", OWNER),
        ("POST", f"{doc}/@assign", leader),
        ("POST", f"{doc}/@assign", OWNER),
        ("POST", f"{doc}/@forward", leader),
        ("POST", f"{doc}/@complete", OWNER),
        ("POST", f"{doc}/@return", clerk),
        ("POST", f"{doc}/@accept", clerk),
        ("POST", f"{draft}/@issue", OWNER),
        ("POST", f"{draft}/@recall", OWNER),
        ("POST", f"{base}/sttt/@accounts", admin),
        ("PATCH", f"{base}/sttt/@accounts/xla", admin),
        ("POST", f"{base}/sttt/@accounts/xla/move", admin),
        ("POST", f"{base}/sttt/@accounts-import", admin),
        ("POST", f"{base}/@new-password", clerk),
        ("POST", f"{base}/sttt/@rename", OWNER),
        ("POST", f"{base}/sttt/@merge", OWNER),
        ("POST", f"{base}/@ocr-queue", OWNER),
        ("POST", f"{base}/@login", None),
        ("POST", f"{base}/sttt/@login", None),
        ("POST", f"{base}/sttt", OWNER),
    ]


def state(site):
    """What a write would have changed: the books' sizes, the documents'
    titles and states, the agency's title."""
    base, root = site["url"], site["root"]
    seen = {}
    for book in ("den-2026", "di-2026"):
        r = requests.get(f"{base}/sttt/{book}", headers={"Accept": JSON}, auth=OWNER,
                         timeout=60)
        seen[book] = r.json()["items_total"]
    for key in ("doc", "draft"):
        r = requests.get(root + site[key], headers={"Accept": JSON}, auth=OWNER, timeout=60)
        info = r.json()
        seen[key] = (info["title"], info["review_state"], info["modified"])
    r = requests.get(f"{base}/sttt", headers={"Accept": JSON}, auth=OWNER, timeout=60)
    seen["agency"] = (r.json()["title"], r.json()["items_total"])
    return seen


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_bad_body_refused_everywhere(site, kind):
    content_type, body, words = BODIES[kind]
    status, type_ = (415, "UnsupportedMediaType") if kind in NOT_JSON_KINDS else (400, "BadRequest")
    before = state(site)
    wrong = []
    for method, url, auth in endpoints(site):
        r = requests.request(method, url, data=body, auth=auth, timeout=120,
                             headers={"Accept": JSON, "Content-Type": content_type})
        where = f"{method} {url} as {auth[0] if auth else 'anonymous'}"
        if "Traceback" in r.text or "traceback" in r.text:
            wrong.append(f"{where}: traceback in the answer")
        if r.status_code != status:
            wrong.append(f"{where}: {r.status_code} {r.text[:300]}")
            continue
        try:
            answer = r.json()
        except ValueError:
            wrong.append(f"{where}: not JSON: {r.text[:200]}")
            continue
        if answer.get("type") != type_ or words not in answer.get("message", ""):
            wrong.append(f"{where}: {answer}")
    assert not wrong, "\n".join(wrong)
    assert state(site) == before


@pytest.mark.parametrize("params,field", [
    ({}, None),
    ({"sort_on": "effective", "b_start": "0", "b_end": "20"}, None),
    ({"sort_on": ""}, None),
    ({"b_start": 5}, None),
    ({"sort_on": "effectiveRange"}, "sort_on"),  # AttributeError in the catalog
    ({"sort_on": "SearchableText"}, "sort_on"),  # CatalogError: not sortable
    ({"sort_on": ["effective", "Title"]}, "sort_on"),
    ({"sort_on": {"query": "x"}}, "sort_on"),
    ({"b_start": "abc"}, "b_start"),
    ({"b_start": "-1"}, "b_start"),  # AssertionError in the batch
    ({"b_start": -1}, "b_start"),
    ({"b_end": "1e3"}, "b_end"),
    ({"b_end": "٣"}, "b_end"),  # a digit int() reads, but not ASCII
    ({"b_start": True}, "b_start"),
])
def test_feed_query_rule(params, field):
    refusal = feed_query_refusal(params)
    assert (refusal.field if refusal else None) == field


# Each answered 500 before: AttributeError, CatalogError, ValueError, AssertionError
BAD_FEED_QUERIES = ["sort_on=effectiveRange", "sort_on=SearchableText", "sort_on=Title",
                    "b_start=abc", "b_end=x", "b_start=-1", "b_start=1e3"]


@pytest.mark.parametrize("query", BAD_FEED_QUERIES)
def test_search_feed_query_answers_400(site, query):
    """``search_rss`` logged in (basic auth, a cookie from the login form):
    a query Plone's feed cannot run answers 400 naming the parameter in
    Vietnamese; good queries still answer the feed."""
    session = requests.Session()
    session.post(f"{site['url']}/login", timeout=60, data={
        "__ac_name": "vta", "__ac_password": PASSWORD, "buttons.login": "login"})
    assert session.cookies.get("__ac")
    field = query.split("=")[0]
    for answer in (requests.get(f"{site['url']}/search_rss?{query}", auth=OWNER, timeout=60),
                   session.get(f"{site['url']}/@@search_rss?{query}", timeout=60),
                   session.get(f"{site['url']}/search_rss?{query}", timeout=60,
                               headers={"Accept": JSON})):
        assert answer.status_code == 400, (answer.status_code, answer.text[:300])
        assert field in answer.text and "Traceback" not in answer.text
        assert "không phải là số nguyên" in answer.text or "không thể sắp xếp" in answer.text
    for path in ("search_rss", "search_rss?SearchableText=x&sort_on=modified&b_start=0",
                 "RSS", "rss.xml", "atom.xml"):
        answer = session.get(f"{site['url']}/{path}", timeout=60)
        assert answer.status_code == 200, (path, answer.status_code)
        assert "<rdf:RDF" in answer.text or "<feed" in answer.text or "<rss" in answer.text


def test_deep_json_on_a_page_is_no_error(site):
    """Not a REST request, but a JSON body all the same: the login machinery
    parses it (plone.restapi's JWT plugin) before any page runs."""
    body = b"[" * DEPTH + b"]" * DEPTH
    r = requests.post(f"{site['url']}/sttt/den-2026", data=body, auth=OWNER, timeout=60,
                      headers={"Content-Type": JSON, "Accept": "text/html"})
    assert r.status_code == 400, r.text[:2000]
    assert "Traceback" not in r.text


class Boom:
    """A view that fails as code fails: what a bug would answer."""

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self):
        raise AttributeError("secret internals of qlvbdh_policy")


@pytest.fixture
def boom(site):
    from zope.component import getGlobalSiteManager
    from zope.interface import Interface
    from zope.publisher.interfaces.browser import IBrowserRequest

    gsm = getGlobalSiteManager()
    gsm.registerAdapter(Boom, (Interface, IBrowserRequest), Interface, name="qlvbdh-boom")
    yield site
    gsm.unregisterAdapter(Boom, (Interface, IBrowserRequest), Interface, name="qlvbdh-boom")


@pytest.mark.parametrize("accept", ["text/html", JSON])
@pytest.mark.parametrize("who", ["owner", "clerk"])
def test_no_traceback_reaches_anyone(boom, accept, who):
    """Plone shows site managers the traceback on its error page, and
    plone.rest puts one into their JSON errors: neither goes out."""
    auth = OWNER if who == "owner" else ("vta", PASSWORD)
    r = requests.get(f"{boom['url']}/sttt/@@qlvbdh-boom", auth=auth, timeout=60,
                     headers={"Accept": accept})
    assert r.status_code == 500
    assert "Traceback" not in r.text and "traceback" not in r.text
    assert "error_views" not in r.text and "site-packages" not in r.text
    assert ".py" not in r.text


# --- values of the wrong type inside a valid JSON object ----------------------

WRONG = {
    rb.TEXT: [[1], {"a": 1}, 12, 1.5, True],
    rb.TEXTS: ["xla", [1], [["xla"]], {"a": 1}, 3, False],
    rb.COUNT: ["abc", "5", -1, 1.5, 10**12, [], {}, True],
    rb.YEAR: [[1976], {"y": 1976}, 1976.5, True],
    rb.BOOLEAN: ["yes", "false", 1, 0, [], {}],
}
T, TS = rb.TEXT, rb.TEXTS
# (method, path under the site or "{doc}"/"{draft}", user, {field: kind})
SERVICES = [
    ("POST", "{doc}/@assign", "lda", {"handler": T, "co_handlers": TS, "informed": TS,
                                       "due_date": T, "instruction": T}),
    ("POST", "{doc}/@forward", "lda", {"to": T, "comment": T}),
    ("POST", "{doc}/@complete", "owner", {"result": T, "reply": T}),
    ("POST", "{doc}/@return", "vta", {"reason": T}),
    ("POST", "{doc}/@accept", "vta", {"register": T}),
    ("POST", "{draft}/@issue", "owner", {"comment": T}),
    ("POST", "{draft}/@recall", "owner", {"reason": T}),
    ("POST", "sttt/@accounts", "qta", {"fullname": T, "full_name": T, "email": T, "kind": T,
                                       "department": T, "birth_year": rb.YEAR, "username": T}),
    ("PATCH", "sttt/@accounts/xla", "qta", {"kind": T, "department": T, "email": T,
                                            "fullname": T, "disabled": rb.BOOLEAN}),
    ("POST", "sttt/@accounts/xla/move", "qta", {"agency": T}),
    ("POST", "sttt/@accounts-import", "qta", {"filename": T, "data": T}),
    ("POST", "@new-password", "vta", {"old_password": T, "new_password": T}),
    ("POST", "sttt/@rename", "owner", {"domain_abbr": T, "title": T}),
    ("POST", "sttt/@merge", "owner", {"target": T}),
    ("POST", "@ocr-queue", "owner", {"limit": rb.COUNT}),
    ("POST", "sttt/@login", None, {"login": T, "password": T}),
]


def accounts_of(site):
    r = requests.get(f"{site['url']}/sttt/@accounts", headers={"Accept": JSON}, auth=OWNER,
                     timeout=60)
    return sorted((i["userid"], i["kind"], i.get("department"), i.get("disabled"), i["email"],
                   i["fullname"]) for i in r.json()["items"])


@pytest.mark.parametrize("method,path,user,fields", SERVICES,
                         ids=[s[1].split("/", 1)[-1] + "-" + s[0] for s in SERVICES])
def test_wrong_types_in_each_field_answer_400(site, method, path, user, fields):
    """Each field of each project service, given each JSON type it is not:
    400 naming the field in Vietnamese, nothing changed; null (the field left
    out) answers what the service answers without it, never 500."""
    url = f"{site['url']}/{path}".format(doc=site["doc"].removeprefix("/plone/"),
                                         draft=site["draft"].removeprefix("/plone/"))
    url = url.replace("/plone//", "/plone/")
    auth = OWNER if user == "owner" else ((user, PASSWORD) if user else None)
    before = (state(site), accounts_of(site))
    wrong = []
    for field, kind in fields.items():
        for value in WRONG[kind]:
            r = requests.request(method, url, json={field: value}, auth=auth, timeout=120,
                                 headers={"Accept": JSON})
            where = f"{method} {path} {field}={value!r}"
            try:
                answer = r.json()
            except ValueError:
                answer = {}
            errors = answer.get("errors") or [{}]
            if (r.status_code != 400 or errors[0].get("field") != field
                    or f"Trường “{field}” phải là" not in answer.get("message", "")
                    or any(english in answer["message"] for english in (  # all translated
                        rb.MSG_KIND_TEXT, rb.MSG_GOT_LIST, rb.MSG_GOT_NUMBER, "true or false",
                        rb.MSG_GOT_OBJECT, "whole number"))):
                wrong.append(f"{where}: {r.status_code} {r.text[:300]}")
    assert not wrong, "\n".join(wrong)
    assert (state(site), accounts_of(site)) == before
    for field in fields:
        r = requests.request(method, url, json={field: None}, auth=auth, timeout=120,
                             headers={"Accept": JSON})
        assert r.status_code < 500 and "Traceback" not in r.text, (field, r.status_code, r.text)


def authenticator(html):
    found = re.search(r'name="_authenticator"[^>]*value="([^"]+)"'
                      r'|value="([^"]+)"[^>]*name="_authenticator"', html)
    assert found, "no form authenticator on the page"
    return found.group(1) or found.group(2)


def test_folder_contents_actions_of_classic_pages_still_work(site):
    """Plone's folder contents post form data with ``Accept:
    application/json`` (plone.rest marks such a request as an API request):
    they are Classic views guarded by the form authenticator, not REST
    services, and keep working for a signed-in site manager."""
    base = site["url"]
    session = requests.Session()
    session.get(f"{base}/login", timeout=60)
    session.post(f"{base}/login", timeout=60, data={
        "__ac_name": SITE_OWNER_NAME, "__ac_password": SITE_OWNER_PASSWORD,
        "buttons.login": "Đăng nhập", "came_from": ""})
    assert "__ac" in session.cookies
    created = session.post(f"{base}/++api++", timeout=60, json={
        "@type": "Document", "id": "ghi-chu", "title": "Ghi chú"},
        headers={"Accept": JSON, "Origin": site["root"]})
    assert created.status_code == 201, created.text
    uid = created.json()["UID"]
    page = session.get(f"{base}/folder_contents", timeout=60)
    deleted = session.post(f"{base}/@@fc-delete", timeout=60, data={
        "selection": f'["{uid}"]', "_authenticator": authenticator(page.text)},
        headers={"Accept": JSON,
                 "X-Requested-With": "XMLHttpRequest"})
    assert deleted.status_code == 200, deleted.text
    assert requests.get(f"{base}/ghi-chu", auth=OWNER, timeout=60).status_code == 404
