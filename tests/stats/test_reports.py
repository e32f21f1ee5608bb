"""The oversight reports as documents (issue 18): NĐ 30/2020 Phụ lục VI
V.2 / V.4 of an agency and the province's report of Quy chế Điều 13, as
the page, the PDF (read back with pdftotext) and the XLSX (read back with
openpyxl), their figures those of ``@processing-report`` /
``@usage-report`` (stats.processing / stats.usage) and of
``stats_fixtures.NOVEMBER``; the readers; the print mark (Phụ lục VI
III.6.k) on every PDF the system makes and, by the site setting, on a
document's own PDF."""

from io import BytesIO
from lxml import html
from openpyxl import load_workbook
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.rules.report_form import place_and_date
from qlvbdh_policy.rules.report_form import show_figure
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import processing
from reportlab.pdfgen.canvas import Canvas
from routing_fixtures import PASSWORD
from stats_fixtures import NOVEMBER
from stats_fixtures import TITLES
from test_stats_rest import get
from test_stats_rest import no_contents
from test_stats_rest import NOV
from test_stats_rest import ok
from test_stats_rest import refused

import datetime
import pytest
import re
import requests
import subprocess
import transaction

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def fetch(url, user, **params):
    """A page or file as a browser asks for it (no JSON Accept header)."""
    auth = (user, PASSWORD) if user and user != SITE_OWNER_NAME else None
    return requests.get(url, params=params, auth=auth, timeout=120)


def pdf_text(data):
    assert data.startswith(b"%PDF"), data[:200]
    found = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, check=True,
                           capture_output=True).stdout.decode("utf-8")
    return found


def one_line(text):
    return " ".join(text.split())


def mark_of(name, userid):
    """The print mark of ``userid`` at the suite's clock (09:00 27/11/2026,
    running on)."""
    return re.compile(rf"In bởi {re.escape(name)} \({userid}\) lúc 09:0\d 27/11/2026")


def has_row(text, number, figures):
    """A line of the PDF's table starting with the row's number and ending
    with its figures (a long title wraps around that line)."""
    lines = [one_line(line) for line in text.splitlines()]
    return any(line.startswith(f"{number} ") and line.endswith(figures) for line in lines)


def shown(row, keys):
    return " ".join(show_figure(row[k], k) for k in keys)


def sheet_rows(data):
    book = load_workbook(BytesIO(data))
    return [list(r) for r in book.active.iter_rows(values_only=True)]


def sheet_row(rows, title):
    found = [r for r in rows if len(r) > 1 and r[1] == title]
    assert found, title
    return found[0]


def in_sheet(row, keys):
    return [row[k] if row[k] is not None else "—" for k in keys]


# -- V.2 / V.4 ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["incoming", "outgoing"])
def test_processing_report_as_page_pdf_and_sheet(november_site, kind):
    site, urls = november_site
    agency = f"{site}/sttt"
    report = ok(get(f"{agency}/@processing-report", "lda", kind=kind, **NOV))
    keys = [i.__name__ for i in processing.INDICATORS[kind]]
    expected = {k: NOVEMBER["sttt"][k] for k in keys}
    assert {k: report["totals"][k] for k in keys} == expected  # the fixture's figures
    rows = report["departments"] + report["people"]
    assert len(rows) >= 3

    # the PDF: the agency's heading, the title, each row's figures, ready to sign
    answer = fetch(f"{agency}/@@processing-report.pdf", "lda", kind=kind, **NOV)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["Content-Type"] == "application/pdf"
    assert "attachment" in answer.headers["Content-Disposition"]
    text = pdf_text(answer.content)
    flat = one_line(text)
    for words in MOTTO + ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: ……/BC-STTTT",
                          "Tiền Giang, ngày 27 tháng 11 năm 2026", "BÁO CÁO",
                          "Từ ngày 01/11/2026 đến ngày 30/11/2026", "Nơi nhận:", "Lưu: VT.",
                          "THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên, đóng dấu)",
                          "I. Theo đơn vị", "II. Theo cá nhân"):
        assert words in flat, words
    heading = {"incoming": "TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN",
               "outgoing": "TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐI"}[kind]
    assert heading in flat
    by_department, by_person = text.split("II. Theo cá nhân")
    for section, found in ((by_department, report["departments"]), (by_person,
                                                                   report["people"])):
        for number, row in enumerate(found, start=1):
            assert has_row(section, number, shown(row, keys)), row
    assert any(one_line(line).startswith("Tổng cộng")
               and one_line(line).endswith(shown(report["totals"], keys))
               for line in by_department.splitlines())
    assert mark_of("Trần Văn Lãnh Đạo", "lda").search(text)
    assert ("chữ ký số" in flat) == (kind == "outgoing")

    # the sheet (REST), its numbers numbers
    answer = get(f"{agency}/@processing-report-xlsx", "qta", kind=kind, **NOV)
    assert answer.status_code == 200, answer.text[:500]
    sheet = sheet_rows(answer.content)
    assert sheet[0][0] == "Sở Thông tin và Truyền thông"
    for row in rows:
        assert sheet_row(sheet, row["title"])[2:2 + len(keys)] == in_sheet(row, keys), row
    assert sheet_row(sheet, "Tổng cộng")[2:2 + len(keys)] == in_sheet(report["totals"], keys)

    # the page
    answer = fetch(f"{agency}/@@processing-report", "lda", kind=kind, **NOV)
    assert answer.status_code == 200
    page = html.fromstring(answer.text)
    cells = {tuple(td.text_content().strip() for td in tr.findall("td"))[1]:
             [td.text_content().strip() for td in tr.findall("td")][2:]
             for tr in page.cssselect("#report-departments tbody tr, #report-people tbody tr")}
    for row in rows:
        assert cells[row["title"]] == [show_figure(row[k], k) for k in keys], row
    assert cells["Tổng cộng"] == [show_figure(report["totals"][k], k) for k in keys]
    assert page.cssselect("#report-pdf")[0].get("href").endswith(
        f"@@processing-report.pdf?kind={kind}&from=2026-11-01&to=2026-11-30")


def test_processing_report_readers(november_site):
    site, urls = november_site
    agency = f"{site}/sttt"
    for name in ("@processing-report-pdf", "@processing-report-xlsx"):
        # the province's oversight, the clerk, a handler, another agency's leader
        for outsider in ("giamsat", "vta", "xla", "ldb"):
            message = refused(get(f"{agency}/{name}", outsider, kind="incoming", **NOV), 403)
            assert "lãnh đạo" in message
        refused(get(f"{agency}/{name}", kind="incoming", **NOV), 401)
        refused(get(f"{agency}/{name}", "lda", kind="all", **NOV), 400, "kind")
        message = refused(get(f"{agency}/{name}", "lda", kind="incoming", to="31/11/2026"),
                          400, "to")
        assert "Đến ngày" in message
    for page in ("@@processing-report", "@@processing-report.pdf", "@@processing-report.xlsx"):
        for outsider in ("giamsat", "xla"):
            answer = fetch(f"{agency}/{page}", outsider, kind="incoming", **NOV)
            assert answer.status_code == 403, (page, outsider, answer.status_code)
            assert not any(title in answer.text for title in TITLES)
    answer = fetch(f"{agency}/@@processing-report.pdf", "lda", kind="incoming",
                   **{"from": "2026-13-01"})
    assert answer.status_code == 400 and "Từ ngày" in answer.text
    # a site manager reads it; the page shows a bad period as a message
    assert fetch(f"{agency}/@@processing-report.xlsx", "qta", kind="outgoing",
                 **NOV).status_code == 200
    answer = fetch(f"{agency}/@@processing-report", "lda", **{"from": "2026-13-01"})
    assert answer.status_code == 200 and "2026-13-01" in answer.text


# -- Quy chế Điều 13 -----------------------------------------------------------------------


def test_usage_report_as_pdf_and_sheet(november_site):
    site, urls = november_site
    report = ok(get(f"{site}/@usage-report", "giamsat", **NOV))
    rows = {row["id"]: row for row in report["agencies"]}
    province = report["province"]
    for abbr in ("sttt", "ubndcb"):
        assert {k: rows[abbr][k] for k in NOVEMBER[abbr]} == NOVEMBER[abbr]
    answer = fetch(f"{site}/@@usage-report.pdf", "giamsat", **NOV)
    assert answer.status_code == 200, answer.text[:500]
    text = pdf_text(answer.content)
    flat = one_line(text)
    cover, rest = text.split("\f", 1)
    assert "BÁO CÁO" in cover and "Kỳ báo cáo: 01/11/2026 – 30/11/2026" in one_line(cover)
    assert "Điều 13" in one_line(cover)
    for words in MOTTO + ("ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                          "Kính gửi: Ủy ban nhân dân tỉnh Tiền Giang.", "I. Tình hình chung",
                          "II. Số liệu của các cơ quan", "III. Ghi chú", "GIÁM ĐỐC",
                          "được hệ thống kiểm tra là hợp lệ"):
        assert words in flat, words
    # the summary, in sentences from the province's figures
    assert (f"Trong kỳ, 2 cơ quan có {province['accounts']} tài khoản, trong đó "
            f"{province['accounts_logged_in']} tài khoản đã đăng nhập, tổng cộng "
            f"{province['logins']} lượt đăng nhập.") in flat
    assert (f"Các cơ quan đã vào sổ {province['incoming_registered']} văn bản đến, trong đó "
            f"{province['incoming_electronic']} văn bản nhận điện tử (50,0 %) và "
            f"{province['incoming_paper']} văn bản giấy.") in flat
    assert (f"{province['completed_on_time']} văn bản đến được giải quyết đúng hạn và "
            f"{province['completed_late']} văn bản quá hạn (trung bình 5,0 ngày)") in flat
    assert (f"Trong {province['delivered_to_agencies']} văn bản gửi các cơ quan trong tỉnh "
            f"đã đến hạn phản hồi, {province['acknowledged_same_day']} văn bản được phản hồi "
            "trong ngày làm việc (50,0 %).") in flat
    # the three tables, each with the province's total
    for group in (I.INCOMING_INDICATORS, I.OUTGOING_INDICATORS, I.ACCOUNT_INDICATORS):
        keys = [i.__name__ for i in group]
        for number, row in enumerate(report["agencies"], start=1):
            assert has_row(rest, number, shown(row, keys)), (row["id"], keys)
        lines = [one_line(line) for line in rest.splitlines() if "Toàn tỉnh" in line]
        assert any(line.endswith(shown(province, keys)) for line in lines), keys
    assert mark_of("Giám Sát Tỉnh", "giamsat").search(text)
    no_contents(text, urls)

    answer = get(f"{site}/@usage-report-xlsx", "giamsat", **NOV)
    assert answer.status_code == 200, answer.text[:500]
    sheet = sheet_rows(answer.content)
    strings = " ".join(str(v) for r in sheet for v in r if v is not None)
    assert "Các cơ quan đã vào sổ 6 văn bản đến" in strings
    no_contents(strings, urls)
    tables = [i for i, r in enumerate(sheet) if r[0] == "STT"]
    assert len(tables) == 3
    for start, group in zip(tables, (I.INCOMING_INDICATORS, I.OUTGOING_INDICATORS,
                                     I.ACCOUNT_INDICATORS)):
        keys = [i.__name__ for i in group]
        body = sheet[start + 1:start + 2 + len(rows)]
        found = {r[1]: r[2:2 + len(keys)] for r in body}
        for row in rows.values():
            assert found[row["title"]] == in_sheet(row, keys)
        assert found["Toàn tỉnh"] == in_sheet(province, keys)


def test_usage_report_readers(november_site):
    site, _urls = november_site
    for name in ("@usage-report-pdf", "@usage-report-xlsx"):
        for outsider in ("lda", "vta", "xla", "qta"):
            refused(get(f"{site}/{name}", outsider, **NOV), 403)
        refused(get(f"{site}/{name}", **NOV), 401)
        message = refused(get(f"{site}/{name}", "giamsat", period="2026-Q5"), 400, "period")
        assert "2026-Q5" in message
        answer = get(f"{site}/{name}", SITE_OWNER_NAME, **NOV)
        assert answer.status_code == 200
    for page in ("@@usage-report.pdf", "@@usage-report.xlsx"):
        assert fetch(f"{site}/{page}", "xla", **NOV).status_code == 403
        assert fetch(f"{site}/{page}", "giamsat", **NOV).status_code == 200
    # linked from the usage statistics page, for its period
    answer = fetch(f"{site}/@@usage-statistics", "giamsat", **NOV)
    link = html.fromstring(answer.text).cssselect("#usage-report-pdf")[0].get("href")
    assert link == f"{site}/@@usage-report.pdf?from=2026-11-01&to=2026-11-30"


# -- print marks ------------------------------------------------------------------------------


def test_register_book_and_phieu_carry_the_print_mark(november_site):
    site, urls = november_site
    answer = requests.get(f"{site}/sttt/den-2026/@register-book-pdf",
                          params={"date_from": "2026-11-01", "date_to": "2026-11-30"},
                          auth=("vta", PASSWORD), headers={"Accept": "application/json"},
                          timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    text = pdf_text(answer.content)
    assert mark_of("Nguyễn Thị Văn Thư", "vta").search(text)
    pages = [page for page in text.split("\f") if page.strip()]
    assert all("In bởi" in page for page in pages), len(pages)  # each page
    answer = requests.get(f"{urls[0]}/@@phieu-giai-quyet.pdf",  # d1
                          auth=("lda", PASSWORD), timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    assert mark_of("Trần Văn Lãnh Đạo", "lda").search(pdf_text(answer.content))


def a_pdf(words):
    out = BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 700, words)
    canvas.showPage()
    canvas.drawString(100, 700, words + " 2")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_document_pdf_marked_only_when_the_site_asks(server, server_url, clock):
    from domain_fixtures import incoming
    from domain_fixtures import pdf
    from routing_fixtures import make_province

    a, _b = make_province(server["portal"])
    original = a_pdf("Noi dung cong van")
    doc = incoming(a["den-2026"], file=pdf("công văn.pdf", original))
    assert api.portal.get_registry_record("qlvbdh.stamp_document_pdfs") is False
    transaction.commit()
    url = f"{doc.absolute_url()}/@@download/file"
    answer = requests.get(url, auth=("vta", PASSWORD), timeout=120)
    assert answer.status_code == 200 and answer.content == original  # as filed

    api.portal.set_registry_record("qlvbdh.stamp_document_pdfs", True)
    transaction.commit()
    answer = requests.get(url, auth=("vta", PASSWORD), timeout=120)
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Noi dung cong van" in text and "Noi dung cong van 2" in text
    assert len(mark_of("Nguyễn Thị Văn Thư", "vta").findall(text)) == 2  # every page
    assert doc.file.data == original  # the stored file is left as filed
    # a damaged PDF is served as it is
    doc.file = pdf("hỏng.pdf", b"%PDF-1.4 not really")
    transaction.commit()
    assert requests.get(url, auth=("vta", PASSWORD), timeout=120).content == \
        b"%PDF-1.4 not really"


def test_place_and_date_as_phu_luc_i_writes_them():
    assert place_and_date("Tiền Giang", datetime.date(2026, 1, 5)) == \
        "Tiền Giang, ngày 05 tháng 01 năm 2026"
    assert place_and_date("Tiền Giang", datetime.date(2026, 11, 27)) == \
        "Tiền Giang, ngày 27 tháng 11 năm 2026"
    assert place_and_date("Cái Bè", datetime.date(2026, 3, 10)) == \
        "Cái Bè, ngày 10 tháng 3 năm 2026"
    assert show_figure(0.5, "delivery_feedback") == "50,0 %"
    assert show_figure(None) == "—" and show_figure(5.0) == "5,0" and show_figure(3) == "3"
