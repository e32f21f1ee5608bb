"""Register book figures: the PDF of one day of 500 entries, the XLSX of
10,000 entries, the register page (the book, HTML) of a 50,000-entry
register. Each is paired with a baseline of the same run: the same
entries as JSON through @register-book (PDF, XLSX), a plain document page
of the same site (the book page)."""

from common import percentile
from common import report

import datetime
import random
import requests
import statistics
import subprocess
import tempfile
import time

JSON = {"Accept": "application/json"}  # plone.rest answers services only to this


def _timed_get(session, url, params=None, headers=None):
    started = time.perf_counter()
    r = session.get(url, params=params, headers=headers or {}, timeout=600)
    seconds = time.perf_counter() - started
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return r, seconds


def _dmy(day):
    return day.strftime("%d/%m/%Y")


def run_day_pdf(register_url, auth, day, entries, repeats=5):
    session = requests.Session()
    session.auth = auth
    params = {"date_from": _dmy(day), "date_to": _dmy(day)}
    pdf_seconds, json_seconds = [], []
    for _ in range(repeats):
        r, seconds = _timed_get(session, f"{register_url}/@register-book-pdf", params, JSON)
        pdf_seconds.append(seconds)
        listing, seconds = _timed_get(session, f"{register_url}/@register-book",
                                      dict(params, b_size=1000), JSON)
        json_seconds.append(seconds)
    assert listing.json()["items_total"] == entries, listing.json()["items_total"]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(r.content)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    last = listing.json()["items"][-1]["cells"]["arrival_number"]
    report("books.day_pdf_500", statistics.median(pdf_seconds), "s (median)",
           entries=entries, pages=pages, bytes=len(r.content), repeats=repeats,
           json_same_entries_s=statistics.median(json_seconds),
           ratio_to_json=statistics.median(pdf_seconds) / statistics.median(json_seconds),
           text_has_headers=int("Ký nhận" in text and "Số đến" in text))
    assert last  # the listing printed numbers


def run_xlsx(register_url, auth, start, days, per_day, repeats=3):
    session = requests.Session()
    session.auth = auth
    end = start + datetime.timedelta(days=days - 1)
    params = {"date_from": _dmy(start), "date_to": _dmy(end)}
    xlsx_seconds, json_seconds = [], []
    for _ in range(repeats):
        r, seconds = _timed_get(session, f"{register_url}/@register-book-xlsx", params, JSON)
        xlsx_seconds.append(seconds)
        total, started = 0, time.perf_counter()
        for b_start in range(0, days * per_day, 1000):  # the same entries as JSON
            listing, _ = _timed_get(session, f"{register_url}/@register-book",
                                    dict(params, b_start=b_start, b_size=1000), JSON)
            total = listing.json()["items_total"]
        json_seconds.append(time.perf_counter() - started)
    from io import BytesIO
    from openpyxl import load_workbook
    rows = sum(1 for _ in load_workbook(BytesIO(r.content), read_only=True).active.iter_rows()) - 1
    report("books.xlsx_10000", statistics.median(xlsx_seconds), "s (median)",
           entries=total, rows=rows, bytes=len(r.content), repeats=repeats,
           json_same_entries_s=statistics.median(json_seconds),
           ratio_to_json=statistics.median(xlsx_seconds) / statistics.median(json_seconds))


def run_book_page(site_url, register_url, auth, held, year, per_day, document_url,
                  queries=60):
    """The book page as a clerk uses it: first page, a day, words, a type,
    a later page; against a plain document page of the same site."""
    session = requests.Session()
    session.auth = auth
    start = datetime.date(year, 1, 2)
    days = [start + datetime.timedelta(days=d) for d in range(min(330, held // per_day))]
    rnd = random.Random(5)
    asks = [{}, {"sort": "number"}, {"doc_type": "quyet_dinh"}, {"text": "trien khai"},
            {"b_start": "2500"}, {"correspondent": "Sở Nội vụ"}]
    book, plain = [], []
    for i in range(queries):
        params = dict(asks[i % len(asks)])
        if i % 3 == 0:
            day = rnd.choice(days)
            params.update(date_from=_dmy(day), date_to=_dmy(day))
        r, seconds = _timed_get(session, register_url, params)
        assert "qlvbdh-book" in r.text
        book.append(seconds)
        _, seconds = _timed_get(session, document_url)
        plain.append(seconds)
    report("books.register_page", percentile(book, 95) * 1000, "ms (p95)",
           p50_ms=statistics.median(book) * 1000, documents_in_register=held,
           queries=queries, document_page_p95_ms=percentile(plain, 95) * 1000,
           ratio_to_document_page_p50=statistics.median(book) / statistics.median(plain))
