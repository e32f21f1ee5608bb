"""Registration time does not depend on the attachment (issue 14).

An incoming document registered through REST without a file, with a 5 MB
text PDF and with the 3.7 KB .docx of 200,000 nested paragraphs that once
held a registration 492 s: the three alternate in rounds (common.interleaved)
and the two with a file carry their time ratio to the one without (goals
1.2 and 1.5). Then the reading worker on the hostile files: wall and CPU
time, peak memory, and the reason it gave up.

Both files are made here: the PDF with reportlab (a dependency of the
add-on), checked to be text that pdftotext reads; the .docx by hand.

Alone, on a fresh scratch instance (the rest of `make bench` is not run):

    .venv/bin/python bench/bench_attachments.py

  BENCH_ATTACHMENT_TOTAL   registrations per figure (60), in 4 rounds
"""

from pathlib import Path

import base64
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import interleaved  # noqa: E402
from common import report  # noqa: E402
from common import run_load  # noqa: E402

ROUNDS = 4
PDF_BYTES = 5 * 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINE = "Ke hoach trien khai ung dung chu ky so trong cac co quan nha nuoc tinh Tien Giang"
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
        "title": "Công văn về việc triển khai nhiệm vụ",
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


def measure(register_url, auth, template, errors, name):
    """Sequential registrations with ``template``; the first refusal's
    answer is kept in ``errors`` (a figure of failures says why)."""
    import requests

    sessions = {}

    def one(prefix):
        def create(i):
            session = sessions.setdefault(threading.get_ident(), requests.Session())
            data = template.replace(b"@@N@@", f"{name}-{prefix}-{i}".encode())
            r = session.post(register_url, data=data,
                             headers={"Accept": "application/json",
                                      "Content-Type": "application/json"},
                             auth=auth, timeout=600)
            if r.status_code != 201 and not errors:
                errors.append(f"{r.status_code} {r.text[:300]}")
            return r.status_code == 201
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


def run(register_url, auth, total):
    pdf, nested = text_pdf(), nested_docx()
    assert pdftotext_reads(pdf), "the generated PDF has no text pdftotext reads"
    templates = {
        "no_file": body_template(None, None, None),
        "pdf_5mb": body_template("ke-hoach.pdf", pdf, "application/pdf"),
        "nested_docx": body_template("long-nhau.docx", nested, DOCX_TYPE),
    }
    errors = {name: [] for name in templates}
    results = interleaved(
        {name: measure(register_url, auth, t, errors[name], name)
         for name, t in templates.items()},
        total=total, rounds=ROUNDS)
    base = results["no_file"]
    base_ms = base["elapsed"] / base["total"] * 1000
    report("registration.attachment.no_file", base_ms, "ms (mean)", p50_ms=base["p50_ms"],
           p95_ms=base["p95_ms"], failed=base["failed"], total=base["total"],
           first_error=errors["no_file"][:1])
    for name, goal, size in (("pdf_5mb", 1.2, len(pdf)), ("nested_docx", 1.5, len(nested))):
        r = results[name]
        mean_ms = r["elapsed"] / r["total"] * 1000
        report(f"registration.attachment.{name}", mean_ms, "ms (mean)",
               ratio_to_baseline=mean_ms / base_ms, baseline_ms=base_ms, goal_ratio=goal,
               p50_ms=r["p50_ms"], p95_ms=r["p95_ms"], failed=r["failed"], total=r["total"],
               file_bytes=size, first_error=errors[name][:1])
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
