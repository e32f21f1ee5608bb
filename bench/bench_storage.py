"""Storage that grows with the documents, not with the work (issue 15).

On a fresh FileStorage site, through plone.restapi as clerks do it, in the
same run:

- ``registration``: N incoming documents registered in one agency's
  register (no file);
- ``document``: N plain Plone Documents (``Document`` in a Folder of the
  site, created by the admin), the baseline;
- ``after_long_text``: N registrations after one with a 150 KB .docx of
  real text whose text the reading job (@ocr-queue) has read — once, each
  of them rewrote that text with the catalog's neighbouring entries;
- ``edit_after_long_text``: N edits of that document's notes: each
  rewrites its word list (the size of its text, as editing a Plone
  Document rewrites its body), nothing else of that size; reported
  without a ratio (it is not a registration).

For each: Data.fs bytes and records per document (every transaction the
phase wrote: catalog buckets, container, counters, login records), and
the ratio to the plain Document (goal ≤ 1.5); then after ``make pack``
(DAYS=0, through the running instance) the bytes and records that stay.
Records by class go to stderr (BENCH_STORAGE_CLASSES=1).

Alone (a scratch instance, stopped at the end):

    .venv/bin/python bench/bench_storage.py

  BENCH_STORAGE_TOTAL   documents per phase (40)
"""

from pathlib import Path
from xml.sax.saxutils import escape

import base64
import collections
import datetime
import io
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

from common import report  # noqa: E402

BIN = Path(sys.executable).parent
ADMIN = ("admin", "bench-admin")
CLERK = ("vanthu", "demo-vanthu-2026")
JSON = {"Accept": "application/json"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
GOAL = 1.5


def text_docx(target=150_000, seed=15):
    """A .docx of ``target`` bytes of ordinary Vietnamese sentences (the
    search corpus's words in random order, so it does not compress away)."""
    words = (HERE / "search_corpus.txt").read_text(encoding="utf-8").split()
    rnd = random.Random(seed)
    paragraphs = []
    while True:
        paragraphs += [" ".join(rnd.choice(words) for _ in range(60)) for _ in range(200)]
        body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/><Override '
                'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.document.main+xml"/></Types>'))
            z.writestr("_rels/.rels", (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'officeDocument" Target="word/document.xml"/></Relationships>'))
            z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                       f'<w:document {W_NS}><w:body>{body}</w:body></w:document>')
        if out.tell() >= target:
            return out.getvalue()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A scratch FileStorage instance as `make run` makes it, served."""

    def __init__(self):
        import requests

        self.var = Path(tempfile.mkdtemp(prefix="qlvbdh-storage-"))
        self.port = free_port()
        self.env = {**os.environ, "ADMIN_PASSWORD": ADMIN[1], "TZ": "Asia/Ho_Chi_Minh",
                    "PYTHONPATH": os.pathsep.join(
                        [str(ROOT / "src")] + os.environ.get("PYTHONPATH", "").split(os.pathsep))}
        subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"), str(self.var),
                        "127.0.0.1", str(self.port)], check=True, env=self.env)
        subprocess.run([str(BIN / "zconsole"), "run", str(self.var / "etc" / "zope.conf"),
                        str(ROOT / "scripts" / "setup_site.py"),
                        "--province", str(ROOT / "profiles" / "province"),
                        "--demo", str(ROOT / "profiles" / "demo")],
                       check=True, env=self.env, capture_output=True)
        self.process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.var / "etc" / "zope.ini")], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}/qlvbdh"
        for _ in range(240):
            try:
                requests.get(self.url, timeout=60)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        self.data = self.var / "filestorage" / "Data.fs"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        shutil.rmtree(self.var, ignore_errors=True)

    def settled(self):
        """Data.fs size once nothing has been written for a second."""
        size = -1
        while size != self.data.stat().st_size:
            size = self.data.stat().st_size
            time.sleep(1)
        return size

    def pack(self):
        import pack

        os.environ["ADMIN_PASSWORD"] = ADMIN[1]
        pack.pack_through_instance(self.var, 0)
        return self.settled()


def records(data, after_size):
    """Data records written after file offset ``after_size``: count, by class."""
    from ZODB.FileStorage import FileIterator
    from ZODB.utils import get_pickle_metadata

    count, by_class = 0, collections.Counter()
    iterator = FileIterator(str(data), pos=after_size) if after_size else FileIterator(str(data))
    try:
        for txn in iterator:
            for record in txn:
                count += 1
                module, name = get_pickle_metadata(record.data) if record.data else ("", "-")
                by_class[f"{module}.{name}"] += len(record.data or b"")
    finally:
        iterator.close()
    return count, by_class


def live_records(data):
    """Records of a packed Data.fs (one per live object)."""
    return records(data, 0)[0]


def post(url, auth, body):
    import requests

    answer = requests.post(url, json=body, headers=JSON, auth=auth, timeout=120)
    assert answer.status_code == 201, answer.text[:500]
    return answer.json()


def registration(register_url, i, file=None):
    body = {"@type": "IncomingDocument", "title": f"Công văn số {i} về việc triển khai nhiệm vụ",
            "sender_name": "Sở Nội vụ", "code_number": f"s{i}", "code_notation": "SNV-VP",
            "doc_date": f"{datetime.date.today().year}-01-05", "doc_type": "cong_van"}
    if file is not None:
        body["file"] = file
    return post(register_url, CLERK, body)


def measure(site, name, total, work):
    """Bytes and records per document of ``work(i)`` for i in range(total),
    before and after a pack."""
    before = site.pack()
    live_before = live_records(site.data)
    for i in range(total):
        work(i)
    grown = site.settled()
    count, by_class = records(site.data, before)
    packed = site.pack()
    live_after = live_records(site.data)
    if os.environ.get("BENCH_STORAGE_CLASSES"):
        for cls, size in by_class.most_common(15):
            print(f"  {name}: {size / total:10.0f} B/document  {cls}", file=sys.stderr)
    return {"bytes": (grown - before) / total, "records": count / total,
            "packed_bytes": (packed - before) / total,
            "packed_records": (live_after - live_before) / total}


def run(total):
    import requests

    site = Site()
    try:
        year = datetime.date.today().year
        register = f"{site.url}/sttt/den-{year}"
        folder = post(site.url, ADMIN, {"@type": "Folder", "title": "Văn bản thử"})["@id"]
        registration(register, -1)  # first of each kind: counters, trees made once
        post(folder, ADMIN, {"@type": "Document", "title": "Văn bản thử -1"})
        results = {
            "registration": measure(site, "registration", total,
                                    lambda i: registration(register, i)),
            "document": measure(site, "document", total, lambda i: post(
                folder, ADMIN, {"@type": "Document", "title": f"Văn bản thử {i}"})),
        }
        docx = text_docx()
        long_doc = registration(register, 10_000, {
            "data": base64.b64encode(docx).decode(), "encoding": "base64",
            "filename": "ke-hoach.docx", "content-type": DOCX_TYPE})
        read = requests.post(f"{site.url}/@ocr-queue", headers=JSON, auth=ADMIN, timeout=600)
        assert read.status_code == 200, read.text[:300]
        found = requests.get(f"{site.url}/@search", params={"SearchableText": "kinh phí",
                             "UID": long_doc["UID"]}, headers=JSON, auth=ADMIN, timeout=60).json()
        assert found["items_total"] == 1, found  # its text was read and indexed
        results["after_long_text"] = measure(
            site, "after_long_text", total, lambda i: registration(register, 20_000 + i))
        results["edit_after_long_text"] = measure(
            site, "edit_after_long_text", total, lambda i: requests.patch(
                long_doc["@id"], json={"notes": f"Ghi chú {i}"}, headers=JSON, auth=CLERK,
                timeout=120).raise_for_status())
    finally:
        site.stop()
    base = results["document"]
    for name, r in results.items():
        extra = {}
        if name not in ("document", "edit_after_long_text"):
            extra = {"ratio_to_document": r["bytes"] / base["bytes"],
                     "packed_ratio_to_document": r["packed_bytes"] / base["packed_bytes"],
                     "goal_ratio": GOAL}
        report(f"storage.{name}.bytes_per_document", r["bytes"], "bytes",
               records=r["records"], packed_bytes=r["packed_bytes"],
               packed_records=r["packed_records"], documents=total,
               docx_bytes=len(docx) if "long" in name else None, **extra)


def main():
    run(int(os.environ.get("BENCH_STORAGE_TOTAL", "40")))


if __name__ == "__main__":
    main()
