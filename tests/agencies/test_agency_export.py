"""One agency's own export (Quy chế Điều 8.4) on the province and demo
data of `make run`: the ZIP of the site manager's action (@@export-agency,
REST @export) holds the agency's register books (XLSX that openpyxl opens),
one metadata.json per document, every file byte-identical, an index and a
README, and nothing of another agency; clerks, handlers and anonymous
visitors are refused."""

from clock import TEST_TODAY
from domain_fixtures import make_agency
from io import BytesIO
from openpyxl import load_workbook
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy.agencies.province import load_province
from qlvbdh_policy.demo import load_demo
from qlvbdh_policy.exports import agency_export
from qlvbdh_policy.routing import steps
from qlvbdh_policy.rules.agency_export import ascii_id
from routing_fixtures import make_province

import csv
import datetime
import hashlib
import io
import json
import os
import pytest
import re
import requests
import transaction
import zipfile

ROOT = Path(__file__).resolve().parents[2]
PROVINCE = ROOT / "profiles" / "province"
DEMO = ROOT / "profiles" / "demo"
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
CLERK = ("vanthu", "demo-vanthu-2026")
HANDLER = ("chuyenvien", "demo-chuyenvien-2026")
SITE_ADMIN = ("quantriweb", "Quan-tri-web-2026")
OTHER_TITLE = "Công văn riêng của huyện Cái Bè về việc kiểm kê tài sản"
ATTACHMENT_NAME = "..\\Phụ lục: danh sách?.docx"  # stored without the folder


def read_zip(data):
    archive = zipfile.ZipFile(BytesIO(data))
    assert archive.testzip() is None
    [root] = {name.split("/")[0] for name in archive.namelist()}
    return archive, root


@pytest.fixture
def demo(server):
    """The province and the demo data; a routed document, a file of its own
    bytes, an attachment with an awkward name; another agency's document."""
    portal = server["portal"]
    with api.env.adopt_roles(["Manager"]):
        load_province(portal, PROVINCE)
        load_demo(portal, DEMO)
        year = TEST_TODAY.year
        register = portal["sttt"][f"den-{year}"]
        docs = sorted((b._unrestrictedGetObject() for b in api.content.find(
            context=register, portal_type="IncomingDocument", unrestricted=True)),
            key=lambda d: d.arrival_number)
        own = os.urandom(300_000)
        docs[1].file = NamedBlobFile(data=own, filename="Công văn 1520.pdf",
                                     contentType="application/pdf")
        attachment = os.urandom(20_000)
        api.content.create(container=docs[1], type="File", id="phu-luc", title="Phụ lục",
                           file=NamedBlobFile(data=attachment, filename=ATTACHMENT_NAME,
                                              contentType="application/octet-stream"))
        api.content.transition(obj=docs[1], transition="submit")
        steps.assign(docs[1], "chuyenvien", instruction="Báo cáo trước ngày 05/12",
                       due_date=TEST_TODAY + datetime.timedelta(days=5))
        other = api.content.create(
            container=portal["ubndcb"][f"den-{year}"], type="IncomingDocument",
            title=OTHER_TITLE, sender_name="Sở Tài chính", code_number="999",
            code_notation="STC-QLCS", doc_date=datetime.date(2026, 11, 2), doc_type="cong_van",
            file=NamedBlobFile(data=b"%PDF-1.4 other agency " + os.urandom(500),
                               filename="kiem-ke.pdf", contentType="application/pdf"))
        api.user.create(email="qtw@vpdtg.vn", username=SITE_ADMIN[0], password=SITE_ADMIN[1])
        setRoles(portal, SITE_ADMIN[0], ["Site Administrator"])
    transaction.commit()
    return {"portal": portal, "docs": docs, "own": own, "attachment": attachment,
            "other": other, "year": year}


def check_export(data, demo):
    archive, root = read_zip(data)
    year = demo["year"]
    assert re.fullmatch(r"sttt-\d{4}-\d\d-\d\d", root)
    names = set(archive.namelist())
    for name in ("README.txt", "index.html", "index.csv"):
        assert f"{root}/{name}" in names
    # the register books, as the book's own XLSX: the registered numbers
    book = load_workbook(BytesIO(archive.read(f"{root}/so-van-ban/den-{year}-incoming.xlsx")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][1] == "Số đến"
    assert [r[1] for r in rows[1:]] == ["01", "02", "03"]
    assert "1520/VPUBND-HCTC" in [r[3] for r in rows[1:]]
    outgoing = load_workbook(BytesIO(archive.read(f"{root}/so-van-ban/di-{year}-outgoing.xlsx")))
    [issued] = list(outgoing.active.iter_rows(values_only=True))[1:]
    assert issued[0] == "01/BC-STTTT"
    assert f"{root}/so-van-ban/den-{year}-follow-up.xlsx" in names
    # one metadata.json per document, with its number and notation
    metas = {n: json.loads(archive.read(n)) for n in names if n.endswith("/metadata.json")}
    assert len(metas) == 5  # 3 incoming, 1 issued, 1 draft of the demo
    by_code = {m["code"]: (n.rsplit("/", 1)[0], m) for n, m in metas.items()}
    # the draft: no number yet, its folder says so, its file is there
    draft_folder, draft = by_code[None]
    assert draft["kind"] == "outgoing" and draft["CodeNumber"] is None
    assert draft["state"]["id"] == "draft" and draft["IssuedDate"] is None
    assert draft_folder.startswith(f"{root}/van-ban/di-{year}/__ke-hoach-dao-tao")
    assert archive.read(f"{draft_folder}/{draft['files'][0]['name']}").startswith(b"%PDF")
    folder, meta = by_code["1520/VPUBND-HCTC"]
    assert meta["CodeNumber"] == "1520" and meta["CodeNotation"] == "VPUBND-HCTC"
    assert meta["ArrivalNumber"] == 2 and meta["IssuedDate"] == "2026-11-18"
    assert meta["OrganName"] == "Văn phòng Ủy ban nhân dân tỉnh"
    assert meta["TypeName"] == "Công văn" and meta["Priority"]["urgency"] == "khan"
    assert meta["state"] == {"id": "assigned", "title": "Đã phân công"}
    assert [e["action"] for e in meta["TraceHeaderList"]] == ["submit", "assign"]
    assert meta["TraceHeaderList"][1]["to"][0]["id"] == "chuyenvien"
    assert folder == f"{root}/van-ban/den-{year}/02_{ascii_id(demo['docs'][1].getId())}"
    # its files, byte-identical, under clean names
    main, extra = meta["files"]
    assert main["name"] == "Công văn 1520.pdf" and main["role"] == "main"
    assert archive.read(f"{folder}/{main['name']}") == demo["own"]
    assert main["sha256"] == hashlib.sha256(demo["own"]).hexdigest()
    assert extra["name"] == "Phụ lục_ danh sách_.docx" and extra["original_name"] == ATTACHMENT_NAME[3:]
    assert archive.read(f"{folder}/{extra['name']}") == demo["attachment"]
    # the outgoing document: number, notation, recipients and their delivery status
    incoming_folder = folder
    folder, meta = by_code["01/BC-STTTT"]
    assert meta["kind"] == "outgoing" and meta["CodeNumber"] == "01"
    assert meta["CodeNotation"] == "BC-STTTT" and meta["OrganName"] == "Sở Thông tin và Truyền thông"
    assert sorted(d["agency"] for d in meta["delivery"]) == [
        "Ủy ban nhân dân huyện Cái Bè", "Ủy ban nhân dân tỉnh Tiền Giang"]
    assert {d["status"] for d in meta["delivery"]} == {"01"}
    assert {r["OrganName"] for r in meta["To"]} == {
        "Ủy ban nhân dân huyện Cái Bè", "Ủy ban nhân dân tỉnh Tiền Giang"}
    from qlvbdh_policy.demo import DEMO_PDF
    assert archive.read(f"{folder}/{meta['files'][0]['name']}") == DEMO_PDF
    # nothing of another agency: its document, its copies of ours, its file
    everything = b"".join(archive.read(n) for n in names)
    assert OTHER_TITLE.encode() not in everything and b"other agency" not in everything
    assert "ubndcb" not in " ".join(names) and "cho-tiep-nhan" not in " ".join(names)
    assert all(m["path"].startswith("/plone/sttt/") for m in metas.values())
    # readable without the system: the index names each document's folder and files
    index = list(csv.reader(io.StringIO(archive.read(f"{root}/index.csv").decode("utf-8-sig"))))
    assert index[0][:4] == ["Đến/đi", "Sổ văn bản", "Số", "Số, ký hiệu"]
    row = next(r for r in index if r[3] == "1520/VPUBND-HCTC")
    assert row[2] == "02" and row[8] == incoming_folder[len(root) + 1:]
    assert row[9] == "Công văn 1520.pdf | Phụ lục_ danh sách_.docx"
    page = archive.read(f"{root}/index.html").decode()
    assert "Dữ liệu của Sở Thông tin và Truyền thông" in page
    assert 'href="van-ban/den-' in page and "C%C3%B4ng%20v%C4%83n%201520.pdf" in page
    readme = archive.read(f"{root}/README.txt").decode()
    assert "index.html" in readme and "yyyy-mm-dd" in readme and "5 văn bản" in readme
    return archive


def test_the_export_action(demo, server, server_url):
    session = requests.Session()
    session.auth = SITE_ADMIN
    page = session.get(f"{server_url}/sttt/@@export-agency", timeout=60)
    assert page.status_code == 200
    assert "Xuất dữ liệu của Sở Thông tin và Truyền thông" in page.text
    assert "5 văn bản trong 2 sổ" in page.text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    # the agency's menu leads there
    agency = session.get(f"{server_url}/sttt", timeout=60)
    assert f'{server_url}/sttt/@@export-agency' in agency.text and "Xuất dữ liệu" in agency.text
    answer = session.post(f"{server_url}/sttt/@@export-agency",
                          data={"_authenticator": token}, timeout=300)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["Content-Type"] == "application/zip"
    assert re.match(r'attachment; filename="sttt-\d{4}-\d\d-\d\d\.zip"',
                    answer.headers["Content-Disposition"])
    assert int(answer.headers["Content-Length"]) == len(answer.content)
    check_export(answer.content, demo)
    # no temporary file is left behind
    assert not [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("qlvbdh-export-*")
                if p.stat().st_uid == os.getuid() and p.stat().st_size == len(answer.content)]
    # a POST without the form authenticator (a link, another site): refused
    forged = session.post(f"{server_url}/sttt/@@export-agency", timeout=60)
    assert forged.status_code == 403 and "PK" not in forged.text[:2]
    # REST: the same ZIP for a site manager
    rest = requests.get(f"{server_url}/sttt/@export", auth=OWNER, timeout=300,
                        headers={"Accept": "application/json"})
    assert rest.status_code == 200 and rest.headers["Content-Type"] == "application/zip"
    check_export(rest.content, demo)


def test_clerks_handlers_and_anonymous_are_refused(demo, server_url):
    for who in (CLERK, HANDLER, None):
        page = requests.get(f"{server_url}/sttt/@@export-agency", auth=who,
                            allow_redirects=False, timeout=60)
        assert page.status_code in (302, 401, 403), who
        if page.status_code == 302:
            assert "require_login" in page.headers["Location"], who
        post = requests.post(f"{server_url}/sttt/@@export-agency", auth=who,
                             allow_redirects=False, timeout=60)
        assert post.status_code in (302, 401, 403), who
        assert not post.content.startswith(b"PK"), who
        rest = requests.get(f"{server_url}/sttt/@export", auth=who, timeout=60,
                            headers={"Accept": "application/json"})
        assert rest.status_code == (403 if who else 401), who
        assert not rest.content.startswith(b"PK"), who
        if who:  # the agency's menu does not offer it
            agency = requests.get(f"{server_url}/sttt", auth=who, timeout=60)
            assert agency.status_code == 200 and "@@export-agency" not in agency.text, who


def test_the_agency_is_named_by_abbreviation_folder_or_uid(portal):
    sttt, _other = make_province(portal)
    renamed = make_agency(portal, abbr="sgd", notation="SGDĐT", title="Sở Giáo dục")
    renamed.domain_abbr = "sgddt"  # served under a new abbreviation, folder id kept
    renamed.reindexObject()
    for token in ("sttt", sttt.UID(), " sttt "):
        assert agency_export.find_agency(portal, token).UID() == sttt.UID()
    for token in ("sgd", "sgddt"):
        assert agency_export.find_agency(portal, token).UID() == renamed.UID()
    for token in ("khongco", "", sttt["den-2026"].UID()):
        with pytest.raises(agency_export.AgencyNotFound) as refused:
            agency_export.find_agency(portal, token)
        assert "Không có cơ quan" in str(refused.value) and token.strip() in str(refused.value)
