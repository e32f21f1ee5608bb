"""A refused upload leaves no trace in the database (issue 14).

Measured on a real FileStorage with a blob directory: the WSGI server
layer's database is swapped, for this test, for one whose changes are
written to ``Data.fs`` and ``blobstorage`` in a temporary folder (a
DemoStorage over the fixture, so the site is there). With
``qlvbdh.max_upload_mb`` set to 1, a 5 MB PDF posted through the add form
is refused, and ``Data.fs`` grows by less than 100 KB and no blob is
written; an accepted upload of 900 KB, by contrast, lands in
blobstorage, which shows the measure sees a stored file."""

from html.parser import HTMLParser
from storage_fixtures import blob_files
from storage_fixtures import PASSWORD
from storage_fixtures import registered
from storage_fixtures import storage  # noqa: F401 (a fixture)

import base64
import os
import requests

REFUSED = 5 * 1048576
ACCEPTED = 900 * 1024
TRACE = 100 * 1024


def pdf_bytes(size):
    head = b"%PDF-1.4\n"
    return head + b"0" * (size - len(head))


class FormFields(HTMLParser):
    """The values a browser would post from the add form (its first form)."""

    def __init__(self):
        super().__init__()
        self.fields, self._select, self._first, self._in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "form":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file",
                                                                      "checkbox", "radio"):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._first = a.get("name"), None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
                self._select = None
        elif tag == "textarea" and a.get("name"):
            self.fields.append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.fields.append((self._select, self._first or ""))
            self._select = None
        if tag == "form":
            self._in_form = False






def form_post(server_url, size, title):
    """Log in and post the add form with a file of ``size`` bytes."""
    session = requests.Session()
    done = session.post(f"{server_url}/login", data={
        "__ac_name": "vanthu", "__ac_password": PASSWORD, "buttons.login": "login",
        "came_from": server_url}, allow_redirects=False, timeout=60)
    assert done.status_code == 302 and session.cookies.get("__ac")
    url = f"{server_url}/sttt/den-2026/++add++IncomingDocument"
    page = session.get(url, timeout=60)
    parser = FormFields()
    parser.feed(page.text)
    values = dict(parser.fields)
    assert values.get("_authenticator"), "the form carries its authenticator"
    values.update({
        "form.widgets.sender_name": "UBND tỉnh Tiền Giang", "form.widgets.code_number": "45",
        "form.widgets.code_notation": "UBND-VP", "form.widgets.doc_date": "2026-11-20",
        "form.widgets.doc_type:list": "cong_van", "form.widgets.title": title,
        "form.buttons.save": "Lưu"})
    return session.post(url, data=values, timeout=120, files={
        "form.widgets.file": ("cong-van.pdf", pdf_bytes(size), "application/pdf")})




def test_refused_form_upload_leaves_no_trace(server, server_url, storage):
    data_fs, blobs = storage["data_fs"], storage["blobs"]
    before, blobs_before = data_fs.stat().st_size, blob_files(blobs)

    refused = form_post(server_url, REFUSED, "Công văn kèm tệp quá lớn")
    assert refused.status_code == 200
    assert "1 MB" in refused.text  # the form says which limit (Vietnamese message)
    grown = data_fs.stat().st_size - before
    print(f"Data.fs grew by {grown} bytes after a refused {REFUSED} byte upload")
    assert grown < TRACE, f"a refused upload wrote {grown} bytes into Data.fs"
    assert blob_files(blobs) == blobs_before
    assert registered(storage["db"]) == []

    # the measure sees a stored file: an accepted upload lands in blobstorage
    accepted = form_post(server_url, ACCEPTED, "Công văn kèm tệp vừa")
    assert accepted.status_code == 200 and "Đã vào sổ, số đến 01" in accepted.text
    new_blobs = [b for b in blob_files(blobs) if b not in blobs_before]
    assert new_blobs and max(os.path.getsize(b) for b in new_blobs) >= ACCEPTED
    assert registered(storage["db"]) == [1]


def test_refused_rest_upload_leaves_no_trace(server, server_url, storage):
    data_fs, blobs = storage["data_fs"], storage["blobs"]
    before, blobs_before = data_fs.stat().st_size, blob_files(blobs)
    answer = requests.post(f"{server_url}/sttt/den-2026", auth=("vanthu", PASSWORD),
                           headers={"Accept": "application/json"}, timeout=120, json={
        "@type": "IncomingDocument", "title": "Công văn kèm tệp quá lớn",
        "sender_name": "Sở Nội vụ", "code_number": "7", "code_notation": "SNV-VP",
        "doc_date": "2026-11-20", "doc_type": "cong_van",
        "file": {"filename": "cong-van.pdf", "content-type": "application/pdf",
                 "encoding": "base64", "data": base64.b64encode(pdf_bytes(REFUSED)).decode()}})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "file"
    grown = data_fs.stat().st_size - before
    print(f"Data.fs grew by {grown} bytes after a refused REST upload")
    assert grown < TRACE
    assert blob_files(blobs) == blobs_before
    assert registered(storage["db"]) == []
