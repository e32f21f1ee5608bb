"""`make export-agency` (Quy chế Điều 8.4) on a real instance as `make run`
makes it (FileStorage and blobs, the demo data): a document registered
over HTTP with a file of its own bytes, then the command, through zconsole
like `make remind`, writes EXPORT_DIR/<abbr>-<date>.zip with the agency's
books, metadata and files, and nothing of another agency, beside the
running instance (FileStorage opened read-only), which goes on working."""

from demo_instance import demo_site
from demo_instance import free_port
from demo_instance import make
from demo_instance import Server
from demo_instance import YEAR
from io import BytesIO
from openpyxl import load_workbook

import base64
import json
import os
import pytest
import re
import requests
import zipfile

CLERK = ("vanthu", "demo-vanthu-2026")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("export")
    var, port = base / "var", free_port()
    demo_site(var, port)
    return {"base": base, "var": var, "port": port}


def test_make_export_agency(site):
    var, out = site["var"], site["base"] / "exports"
    server = Server(var, site["port"])
    try:
        data = b"%PDF-1.4\n%" + os.urandom(400_000) + b"\n%%EOF\n"
        answer = requests.post(f"{server.site}/sttt/den-{YEAR}", auth=CLERK, timeout=120,
                               headers={"Accept": "application/json"}, json={
            "@type": "IncomingDocument",
            "title": "Công văn về việc sao lưu dữ liệu định kỳ của cơ quan",
            "sender_name": "Sở Thông tin và Truyền thông tỉnh Long An",
            "code_number": "88", "code_notation": "STTTT-BCVT", "doc_date": f"{YEAR}-01-05",
            "doc_type": "cong_van",
            "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                     "filename": "C:\\fakepath\\Sao lưu: kỳ 1.pdf",
                     "content-type": "application/pdf"}})
        assert answer.status_code == 201, answer.text
        number = answer.json()["arrival_number"]
        # no agency named, an unknown one: one sentence each, no ZIP
        unnamed = make("export-agency", VAR=var, EXPORT_DIR=out)
        assert unnamed.returncode != 0 and "AGENCY=sttt" in unnamed.stderr
        unknown = make("export-agency", VAR=var, AGENCY="khongco", EXPORT_DIR=out)
        assert unknown.returncode != 0
        assert "Không có cơ quan “khongco”" in unknown.stderr
        assert "Traceback" not in unknown.stderr
        assert not list(out.glob("*")) if out.exists() else True
        # beside the running instance: FileStorage opened read-only
        done = make("export-agency", VAR=var, AGENCY="sttt", EXPORT_DIR=out)
        assert done.returncode == 0, done.stderr
        # the instance goes on: the next registration takes the next number
        after = requests.post(f"{server.site}/sttt/den-{YEAR}", auth=CLERK, timeout=120,
                              headers={"Accept": "application/json"}, json={
            "@type": "IncomingDocument", "title": "Giấy mời họp sau khi xuất dữ liệu",
            "sender_name": "Sở Nội vụ", "code_number": "12", "code_notation": "GM-SNV",
            "doc_date": f"{YEAR}-01-06", "doc_type": "giay_moi"})
        assert after.status_code == 201 and after.json()["arrival_number"] == number + 1
    finally:
        server.stop()

    [zip_path] = list(out.glob("*.zip"))
    assert re.fullmatch(r"sttt-\d{4}-\d\d-\d\d\.zip", zip_path.name)
    assert not list(out.glob("*.partial"))
    assert f"{zip_path}: 6 văn bản" in done.stdout and "sổ" in done.stdout
    archive = zipfile.ZipFile(zip_path)
    assert archive.testzip() is None
    root = zip_path.stem
    names = archive.namelist()
    # the book, as the register's own XLSX, lists the registered numbers
    book = load_workbook(BytesIO(archive.read(f"{root}/so-van-ban/den-{YEAR}-incoming.xlsx")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][1] == "Số đến"
    assert [r[1] for r in rows[1:]] == ["01", "02", "03", f"{number:02d}"]
    assert "88/STTTT-BCVT" in [r[3] for r in rows[1:]]
    # the new document's metadata and its file, byte-identical
    [meta_name] = [n for n in names if n.startswith(f"{root}/van-ban/den-{YEAR}/{number:02d}_")
                   and n.endswith("/metadata.json")]
    meta = json.loads(archive.read(meta_name))
    assert meta["CodeNumber"] == "88" and meta["CodeNotation"] == "STTTT-BCVT"
    assert meta["ArrivalNumber"] == number and meta["IssuedDate"] == f"{YEAR}-01-05"
    assert meta["TraceHeaderList"] == [] and meta["state"]["id"] == "registered"
    [stored] = meta["files"]
    assert stored["name"] == "Sao lưu_ kỳ 1.pdf" and stored["size"] == len(data)
    assert archive.read(meta_name.rsplit("/", 1)[0] + "/" + stored["name"]) == data
    # the issued report went to two agencies: their copies are theirs, not in this ZIP
    assert not [n for n in names if "cho-tiep-nhan" in n or "/ubnd" in n]
    issued = [json.loads(archive.read(n)) for n in names if n.startswith(f"{root}/van-ban/di-")
              and n.endswith("/metadata.json")]
    assert sorted(m["code"] or "" for m in issued) == ["", "01/BC-STTTT"]
    assert all(m["path"].startswith("/qlvbdh/sttt/") for m in issued)
    for name in ("README.txt", "index.html", "index.csv"):
        assert f"{root}/{name}" in names
    assert "Sao%20l%C6%B0u_%20k%E1%BB%B3%201.pdf" in archive.read(f"{root}/index.html").decode()
    # the instance's own configuration is untouched; the export's opens it read-only
    conf = (var / "etc" / "zope.conf").read_text()
    read_only = (var / "etc" / "zope-readonly.conf").read_text()
    assert "read-only" not in conf
    assert read_only == conf.replace("\n  </filestorage>", "\n    read-only true\n  </filestorage>")
