"""Registration time does not depend on the attachment (issue 14).

An incoming document registered without a file, with a 5 MB text PDF and
with the 3.7 KB .docx of 200,000 nested paragraphs that once held a
registration 492 s, by the two paths a clerk's document takes:

- ``form``: the Classic UI add form (``<register>/++add++IncomingDocument``,
  a multipart POST with the form's ``_authenticator``, as a browser sends
  it; the POST is timed, its redirect is not followed), the path clerks use;
- ``rest``: plone.restapi (a JSON body, the file in base64);
- ``rest_upload_first``: the file's bytes posted first (``<register>/@upload``,
  untimed, as a client does while the clerk types) and the registration
  naming the upload (``"file": {"upload": token}``), timed alone against
  ``rest.no_file``; the upload's own time is reported beside it.

After one untimed registration each (cold caches), the seven take turns
one registration at a time (common.interleaved, as many rounds as
registrations: on a shared machine a burst of another's load then falls on
all of them alike, where rounds of 10 had a 3.7 KB file measure 1.34×), and
those with a file carry their time ratio to the same path without a file
(goals 1.2 and 1.5), of the means and (``p50_ratio``) of the medians.
Then the reading worker on the hostile files: wall and CPU time, peak
memory, and the reason it gave up.

Both files are made here: the PDF with reportlab (a dependency of the
add-on), checked to be text that pdftotext reads; the .docx by hand.

Alone, on a fresh scratch instance (the rest of `make bench` is not run):

    .venv/bin/python bench/bench_attachments.py

  BENCH_ATTACHMENT_TOTAL   registrations per figure and path (60)
  BENCH_PORT               the instance's port (a free one when unset)
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import base64
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import interleaved  # noqa: E402
from common import report  # noqa: E402
from common import run_load  # noqa: E402
from common import summarize  # noqa: E402

PDF_BYTES = 5 * 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINE = "Ke hoach trien khai ung dung chu ky so trong cac co quan nha nuoc tinh Tien Giang"
# each title its own (the number's marker): the id Plone makes of a title
# is searched for from "-1" up, so a run of one title made each registration
# slower than the one before, and the figures later in a round paid for it
TITLE = "Công văn về việc triển khai nhiệm vụ @@N@@"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def text_pdf(size=PDF_BYTES):
    """A PDF of text pages (uncompressed streams) of at least ``size`` bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pages = 1 + size // 7500  # ~7.5 KB a page of 60 lines
    while True:
        out = io.BytesIO()
        pdf = canvas.Canvas(out, pagesize=A4, pageCompression=0)
        for page in range(pages):
            for i in range(60):
                pdf.drawString(40, 800 - i * 13, f"{page}.{i} {LINE}")
            pdf.showPage()
        pdf.save()
        if out.tell() >= size:
            return out.getvalue()
        pages = pages * size // out.tell() + 1


def nested_docx(depth=200_000):
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'
           + "<w:p>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:p>" * depth
           + "</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def bomb_docx(mb=49):
    """~150 KB unpacking to 49 MB of XML."""
    paragraph = "<w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p>"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'
           + paragraph * (mb * 1024 * 1024 // len(paragraph.encode()))
           + "</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def pdftotext_reads(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-q", f.name, "-"], capture_output=True,
                             check=True, timeout=120).stdout
    return LINE.encode() in out


def body_template(name, data, content_type):
    """The JSON body once, as bytes with a marker for the number: encoding
    7 MB of base64 per request would time the client, not the server."""
    body = {
        "@type": "IncomingDocument",
        "title": TITLE,
        "sender_name": "Sở Nội vụ",
        "code_number": "@@N@@",
        "code_notation": "SNV-VP",
        "doc_date": "2026-11-20",
        "doc_type": "cong_van",
    }
    if data is not None:
        body["file"] = {"data": base64.b64encode(data).decode(), "encoding": "base64",
                        "filename": name, "content-type": content_type}
    return json.dumps(body).encode()


def numbered(template):
    """``template`` with its number's markers as a function of the number:
    split once, so a request joins a few pieces instead of scanning 5-7 MB
    for the markers (``bytes.replace``, ~3 ms a request timed as the
    server's)."""
    parts = template.split(b"@@N@@")
    return lambda number: number.encode().join(parts)


def measure(register_url, auth, template, errors, name):
    """Sequential registrations with ``template``; the first refusal's
    answer is kept in ``errors`` (a figure of failures says why)."""
    import requests

    sessions = {}
    template = numbered(template)

    def one(prefix):
        def create(i):
            session = sessions.setdefault(threading.get_ident(), requests.Session())
            data = template(f"{name}-{prefix}-{i}")
            r = session.post(register_url, data=data,
                             headers={"Accept": "application/json",
                                      "Content-Type": "application/json"},
                             auth=auth, timeout=600)
            if r.status_code != 201 and not errors:
                errors.append(f"{r.status_code} {r.text[:300]}")
            return r.status_code == 201
        return create

    return lambda total, prefix: run_load(one(prefix), total, 1)


def measure_upload_first(register_url, auth, file, errors, name):
    """Sequential registrations each naming a file uploaded just before:
    the upload is not timed, the registration is; the uploads' times are
    kept apart (``upload_latencies``)."""
    import requests

    filename, data, content_type = file
    session = requests.Session()
    session.auth = auth
    upload_headers = {"Accept": "application/json", "Content-Type": content_type,
                      "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    template = json.loads(body_template(None, None, None))
    upload_latencies = []

    def measure_chunk(total, prefix):
        latencies, failures = [], 0
        for i in range(total):
            start = time.perf_counter()
            up = session.post(f"{register_url}/@upload", data=data, headers=upload_headers,
                              timeout=600)
            upload_latencies.append(time.perf_counter() - start)
            if up.status_code != 201:
                failures += 1
                if not errors:
                    errors.append(f"upload {up.status_code} {up.text[:300]}")
                continue
            number = f"{name}-{prefix}-{i}"
            body = json.dumps(dict(template, code_number=number,
                                   title=TITLE.replace("@@N@@", number),
                                   file={"upload": up.json()["upload"]})).encode()
            start = time.perf_counter()
            r = session.post(register_url, data=body, timeout=600, headers={
                "Accept": "application/json", "Content-Type": "application/json"})
            latencies.append(time.perf_counter() - start)
            if r.status_code != 201:
                failures += 1
                if not errors:
                    errors.append(f"{r.status_code} {r.text[:300]}")
        return summarize(latencies, sum(latencies), failures)

    measure_chunk.upload_latencies = upload_latencies
    return measure_chunk


class FormFields(HTMLParser):
    """The values a browser would post from the add form (``id="form"``):
    hidden and text inputs, each select's selected (or first) option."""

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
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._first = a.get("name"), None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value") or ""
            if "selected" in a:
                self.fields.append((self._select, a.get("value") or ""))
                self._select = None
        elif tag == "textarea" and a.get("name"):
            self.fields.append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.fields.append((self._select, self._first or ""))
            self._select = None
        if tag == "form":
            self._in_form = False


FORM_VALUES = {
    "form.widgets.title": TITLE,
    "form.widgets.sender_name": "Sở Nội vụ",
    "form.widgets.code_number": "@@N@@",
    "form.widgets.code_notation": "SNV-VP",
    "form.widgets.doc_date": "2026-11-20",
    "form.widgets.doc_type:list": "cong_van",
    "form.buttons.save": "Lưu",
}


def form_template(page, name, data, content_type):
    """The multipart body once (bytes with the number's marker) and its
    Content-Type: building 5 MB of multipart per request would time the
    client, not the server."""
    parser = FormFields()
    parser.feed(page)
    values = dict(parser.fields)
    if not values.get("_authenticator"):
        raise RuntimeError("the add form carries no _authenticator")
    values.update(FORM_VALUES)
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for key, value in values.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                  .encode() + value.encode() + b"\r\n")
    if data is not None:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="form.widgets.file"; '
                  f'filename="{name}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                  + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def measure_form(register_url, auth, file, errors, name):
    """Sequential registrations through the add form, one HTTP session (and
    so one authenticator, fetched once from the form page) per figure; a
    registration is done when the POST answers a redirect away from the
    form (a refused form answers 200 with its messages)."""
    import requests

    add_url = f"{register_url}/++add++IncomingDocument"
    session = requests.Session()
    session.auth = auth
    page = session.get(add_url, timeout=120)
    page.raise_for_status()
    body, content_type = form_template(page.text, *file)
    body = numbered(body)

    def one(prefix):
        def create(i):
            data = body(f"{name}-{prefix}-{i}")
            r = session.post(add_url, data=data, headers={"Content-Type": content_type},
                             allow_redirects=False, timeout=600)
            ok = r.status_code in (302, 303) and "++add++" not in r.headers.get("Location", "")
            if not ok and not errors:
                errors.append(f"{r.status_code} {r.headers.get('Location', '')} {r.text[:300]}")
            return ok
        return create

    return lambda total, prefix: run_load(one(prefix), total, 1)


WORKER_PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, time.perf_counter() - start, used.ru_utime + used.ru_stime, used.ru_maxrss)
"""


def worker_figures(files):
    """The reading worker alone on each file, measured from a small parent
    (a child's peak memory counts its parent's pages until exec)."""
    from qlvbdh_policy.search import extract_worker
    from qlvbdh_policy.search import extraction

    for name, (kind, data) in files.items():
        with tempfile.NamedTemporaryFile(suffix="." + kind) as f:
            f.write(data)
            f.flush()
            args = [sys.executable, "-P", extract_worker.__file__, kind, f.name,
                    str(extraction.MEMORY), str(extraction.MAX_OUTPUT + 1),
                    str(extraction.TIMEOUT)]
            out = subprocess.run([sys.executable, "-c", WORKER_PROBE, *args],
                                 capture_output=True, text=True, check=True,
                                 timeout=extraction.TIMEOUT + 30).stdout.split()
        code, wall, cpu, maxrss = int(out[0]), float(out[1]), float(out[2]), int(out[3])
        report(f"extraction.worker.{name}", wall, "s (wall)", cpu_s=cpu,
               peak_memory_mb=maxrss / 1024, file_bytes=len(data),
               outcome="read" if code == 0 else extraction.EXIT_REASONS.get(code, f"exit {code}"),
               limit_s=extraction.TIMEOUT, limit_memory_mb=extraction.MEMORY // 1048576)


FILES = (("no_file", None, None), ("pdf_5mb", "ke-hoach.pdf", "application/pdf"),
         ("nested_docx", "long-nhau.docx", DOCX_TYPE))
GOALS = {"pdf_5mb": 1.2, "nested_docx": 1.5}


def report_path(path, results, errors, sizes):
    """One path's figures: the registration without a file, then each file's
    ratio to it (goal: ``GOALS``)."""
    base = results[f"{path}.no_file"]
    base_ms = base["elapsed"] / base["total"] * 1000
    report(f"registration.attachment.{path}.no_file", base_ms, "ms (mean)", path=path,
           p50_ms=base["p50_ms"], p95_ms=base["p95_ms"], failed=base["failed"],
           total=base["total"], first_error=errors[f"{path}.no_file"][:1])
    report_files(path, path, GOALS, results, errors, sizes, base_ms)


def report_upload_first(results, errors, sizes, upload_latencies):
    """The registration naming an uploaded PDF against REST without a file;
    the upload's mean time and the two together beside it."""
    base = results["rest.no_file"]
    base_ms = base["elapsed"] / base["total"] * 1000
    upload_ms = sum(upload_latencies) / max(1, len(upload_latencies)) * 1000
    report_files("rest_upload_first", "rest", {"pdf_5mb": GOALS["pdf_5mb"]}, results, errors,
                 sizes, base_ms, upload_mean_ms=upload_ms)


def report_files(path, base_path, goals, results, errors, sizes, base_ms, upload_mean_ms=None):
    base_p50_ms = results[f"{base_path}.no_file"]["p50_ms"]
    for name, goal in goals.items():
        r = results[f"{path}.{name}"]
        mean_ms = r["elapsed"] / r["total"] * 1000
        extra = {} if upload_mean_ms is None else {
            "upload_mean_ms": upload_mean_ms,
            "upload_and_registration_ratio": (upload_mean_ms + mean_ms) / base_ms}
        report(f"registration.attachment.{path}.{name}", mean_ms, "ms (mean)", path=path,
               ratio_to_baseline=mean_ms / base_ms, baseline=f"{base_path}.no_file",
               p50_ratio=r["p50_ms"] / base_p50_ms,
               baseline_ms=base_ms, goal_ratio=goal, goal_met=mean_ms / base_ms <= goal,
               p50_ms=r["p50_ms"], p95_ms=r["p95_ms"], failed=r["failed"], total=r["total"],
               file_bytes=sizes[name], first_error=errors[f"{path}.{name}"][:1], **extra)


def run(register_url, auth, total):
    pdf, nested = text_pdf(), nested_docx()
    assert pdftotext_reads(pdf), "the generated PDF has no text pdftotext reads"
    data = {"no_file": None, "pdf_5mb": pdf, "nested_docx": nested}
    sizes = {"pdf_5mb": len(pdf), "nested_docx": len(nested)}
    measures, errors = {}, {}
    for name, filename, content_type in FILES:
        for path in ("form", "rest"):
            key = f"{path}.{name}"
            errors[key] = []
            if path == "form":
                measures[key] = measure_form(register_url, auth,
                                             (filename, data[name], content_type),
                                             errors[key], f"f-{name}")
            else:
                measures[key] = measure(register_url, auth,
                                        body_template(filename, data[name], content_type),
                                        errors[key], name)
    key = "rest_upload_first.pdf_5mb"
    errors[key] = []
    measures[key] = measure_upload_first(register_url, auth,
                                         ("ke-hoach.pdf", pdf, "application/pdf"),
                                         errors[key], "u-pdf_5mb")
    for key, measure_one in measures.items():  # untimed: the first of each pays cold caches
        warm = measure_one(1, "warm")
        if warm["failed"]:
            raise RuntimeError(f"{key}: {errors[key][:1]}")
        errors[key].clear()
    results = interleaved(measures, total=total, rounds=total)
    for path in ("form", "rest"):
        report_path(path, results, errors, sizes)
    report_upload_first(results, errors, sizes,
                        measures["rest_upload_first.pdf_5mb"].upload_latencies)
    worker_figures({"nested_docx": ("docx", nested), "bomb_docx": ("docx", bomb_docx()),
                    "pdf_5mb": ("pdf", pdf)})


def main():
    from instance import ADMIN
    from instance import running_site
    from qlvbdh_policy.timeutil import vietnam_today

    total = int(os.environ.get("BENCH_ATTACHMENT_TOTAL", "60"))
    with running_site() as url:
        started = time.perf_counter()
        run(f"{url}/sttt/den-{vietnam_today().year}", ADMIN, total)
        print(f"# {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
