"""The file plan imported from the office's sheet and copied into a new
year; the outputs of the case files: mục lục văn bản trong hồ sơ (V.5)
and mục lục hồ sơ (V.6) as PDF and XLSX, a case file's full export
(III.4.g) as a ZIP of PDF and XML (issue 19). PDF text read with pypdf,
cells with openpyxl, the XML parsed."""

from domain_fixtures import incoming
from io import BytesIO
from openpyxl import load_workbook
from openpyxl import Workbook
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile
from pypdf import PdfReader
from qlvbdh_policy.casefiles import exports
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import full_export
from qlvbdh_policy.casefiles import plan_copy
from qlvbdh_policy.casefiles import plan_import
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.routing import steps
from reportlab.pdfgen.canvas import Canvas
from xml.etree import ElementTree as ET

import datetime
import pytest
import unicodedata
import zipfile

HEADER = ["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản",
          "Đơn vị/người lập hồ sơ", "Ghi chú"]


def sheet(rows, title_lines=("DANH MỤC HỒ SƠ CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                             "Năm 2027")):
    book = Workbook()
    ws = book.active
    for line in title_lines:
        ws.append([line])
    ws.append(HEADER)
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    for row in rows:
        ws.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [["I. VĂN PHÒNG"],
        ["1.vp", "Hồ sơ về chuyển đổi số năm 2027", "10 năm", "Văn phòng", ""],
        ["02.VP", "Hồ sơ hội nghị tổng kết", "Vĩnh viễn", "Lê Minh Hiếu", "Lãnh đạo chủ trì"],
        ["03.VP", "Hồ sơ thi đua", 20, "xla", None]]


def pdf_text(data):
    text = " ".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())  # cells wrap


def cells(data):
    return [[c for c in row] for row in load_workbook(BytesIO(data)).active.iter_rows(
        values_only=True)]


def test_the_plan_imported_from_the_offices_sheet(portal, province):
    a, _b = province
    login(portal, "vta")
    plan, added = plan_import.import_plan(a, 2027, "danh-muc-2027.xlsx", sheet(GOOD))
    assert plan.year == 2027 and len(added) == 3
    got = {e["code"]: e for e in plans.plan_info(plan)["entries"]}
    assert list(got) == ["01.VP", "02.VP", "03.VP"]
    assert got["01.VP"]["retention"] == "10" and got["01.VP"]["department"] == a["vp"].UID()
    assert got["02.VP"]["retention"] == "permanent" and got["02.VP"]["responsible"]
    assert got["03.VP"]["retention"] == "20" and got["03.VP"]["responsible"] == "xla"


def test_every_bad_row_named_and_nothing_stored(portal, province):
    a, _b = province
    login(portal, "vta")
    bad = GOOD + [["4.vp", "Hồ sơ", "15 năm", "", ""],          # row 9: retention
                  ["VP05", "Hồ sơ khác", "5", "", ""],           # row 10: notation
                  ["06.VP", "Hồ sơ X", "5", "Phòng không có", ""],  # row 11
                  ["3.vp", "Hồ sơ trùng", "5", "", ""]]           # row 12: twice
    with pytest.raises(plan_import.PlanImportRefused) as refused:
        plan_import.import_plan(a, 2027, "danh-muc.xlsx", sheet(bad))
    errors = refused.value.errors
    assert [(e["row"], e["field"]) for e in errors] == [
        (9, "retention"), (10, "code"), (11, "unit_or_person"), (12, "code")]
    assert errors[0]["message"].startswith("Dòng 9, cột “Thời hạn bảo quản”:")
    assert "dòng 8" in errors[3]["message"]
    assert plans.plan_of(a, 2027) is None  # nothing stored
    with pytest.raises(plan_import.PlanImportRefused) as refused:
        plan_import.import_plan(a, 2027, "danh-muc.xlsx", b"not a sheet")
    assert refused.value.field == "file"
    with pytest.raises(plan_import.PlanImportRefused):
        plan_import.import_plan(a, 2027, "x.xlsx", sheet([], title_lines=()))
    login(portal, "xla")
    with pytest.raises(plans.PlanForbidden):
        plan_import.import_plan(a, 2027, "danh-muc-2027.xlsx", sheet(GOOD))


def test_last_years_plan_copied_into_a_new_year_once(portal, plan):
    a = plan.aq_parent
    login(portal, "vta")
    new, added, cleared = plan_copy.copy_plan(a, 2027)
    assert new.year == 2027 and new.title == "Danh mục hồ sơ năm 2027"
    old = plans.plan_info(plan)["entries"]
    copied = plans.plan_info(new)["entries"]
    keys = ("code", "title", "retention", "department", "responsible", "notes")
    assert [{k: e[k] for k in keys} for e in copied] == [{k: e[k] for k in keys} for e in old]
    assert cleared == [] and len(added) == 2
    with pytest.raises(plan_copy.PlanCopyConflict) as refused:
        plan_copy.copy_plan(a, 2027)
    assert refused.value.status == 409
    with pytest.raises(plans.NoPlan):
        plan_copy.copy_plan(a, 2030)


def real_pdf(text, pages=1):
    out = BytesIO()
    canvas = Canvas(out)
    for n in range(pages):
        canvas.drawString(72, 720, f"{text} trang {n + 1}")
        canvas.showPage()
    canvas.save()
    return NamedBlobFile(data=out.getvalue(), filename=f"{text}.pdf",
                         contentType="application/pdf")


@pytest.fixture
def closed_case(portal, plan):
    a = plan.aq_parent
    login(portal, "vta")
    first = incoming(a["den-2026"], code_number="45", file=real_pdf("VANBAN45", 2))
    second = incoming(a["den-2026"], code_number="46", title="Công văn về việc báo cáo",
                      file=NamedBlobFile(data=b"PK word", filename="bao-cao.docx",
                                         contentType="application/msword"))
    for doc in (first, second):
        steps.simple_step(doc, "submit")
    login(portal, "lda")
    for doc in (first, second):
        steps.assign(doc, "xla")
    login(portal, "xla")
    entry = plans.entries(plan)[0]
    case = filing.open_case_file(a, plan_entry=entry.UID(), opened=datetime.date(2026, 2, 1))
    filing.add_documents(case, [second.UID(), first.UID()])
    filing.close(case, closed=datetime.date(2026, 11, 27), page_count=14, notes="Đủ")
    return case, first, second


def test_the_toc_as_pdf_and_xlsx(closed_case):
    case, first, second = closed_case
    text = pdf_text(exports.toc_pdf(case))
    assert "MỤC LỤC VĂN BẢN TRONG HỒ SƠ" in text and "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text
    assert "46/" in text and "Công văn về việc báo cáo" in text and "In bởi" in text
    rows = cells(exports.toc_xlsx(case))
    assert rows[0][0] == "Sở Thông tin và Truyền thông"
    assert rows[1][0] == "MỤC LỤC VĂN BẢN TRONG HỒ SƠ"
    header = 3
    assert [r[0] for r in rows[header + 1:]] == [1, 2]
    assert rows[header + 1][1] == second.code and rows[header + 2][2] == "20/11/2026"


def test_the_case_files_of_a_year(portal, plan, closed_case):
    case, _first, _second = closed_case
    a = plan.aq_parent
    login(portal, "xla")
    filing.open_case_file(a, outside_plan=True, code="9.vp", title="Hồ sơ đột xuất",
                          retention="5", opened=datetime.date(2026, 3, 1))
    filing.open_case_file(a, outside_plan=True, code="8.vp", title="Hồ sơ năm trước",
                          retention="5", opened=datetime.date(2025, 3, 1))
    login(portal, "vta")
    items = [exports.case_file_item(c) for c in exports.case_files_of_year(a, 2026)]
    assert [i["code"] for i in items] == ["01.VP", "09.VP"]
    assert items[0]["documents"] == 2 and items[0]["page_count"] == 14
    text = pdf_text(exports.list_pdf(a, 2026, items))
    assert "MỤC LỤC HỒ SƠ" in text and "Năm 2026" in text and "Ngoài Danh mục hồ sơ" in text
    rows = cells(exports.list_xlsx(a, 2026, items))
    first = next(r for r in rows if r[0] == 1)
    assert first[1:6] == ["2026.01.VP", "01.VP", case.title, "01/02/2026", "27/11/2026"]
    assert first[6:9] == [2, 14, "10 năm"]
    login(portal, "cbb")
    with pytest.raises(exports.ExportForbidden):
        exports.check_may_list(a)


def test_the_full_export_pdf_and_xml_in_order(closed_case):
    case, first, second = closed_case
    out = BytesIO()
    full_export.write_export(case, out)
    archive = zipfile.ZipFile(BytesIO(out.getvalue()))
    names = archive.namelist()
    assert names[:2] == ["01.VP.pdf", "01.VP.xml"]
    assert names[2].startswith("tai-lieu/001-") and names[2].endswith(".docx")
    reader = PdfReader(BytesIO(archive.read("01.VP.pdf")))
    text = pdf_text(archive.read("01.VP.pdf"))
    assert "HỒ SƠ" in text and "Hồ sơ về chuyển đổi số năm 2026" in text
    assert "VANBAN45 trang 1" in reader.pages[-2].extract_text()
    assert "VANBAN45 trang 2" in reader.pages[-1].extract_text()
    assert [o.title for o in reader.outline][-1].startswith("2. ")
    xml = ET.fromstring(archive.read("01.VP.xml"))
    assert xml.tag == "HoSo" and xml.findtext("FileNotation") == "01.VP"
    assert xml.findtext("FileCode") == "2026.01.VP" and xml.findtext("EndDate") == "2026-11-27"
    assert xml.findtext("DocTotal") == "2" and xml.findtext("PageTotal") == "14"
    docs = xml.findall("Documents/Document")
    assert [d.findtext("DocOrdinal") for d in docs] == ["1", "2"]
    assert docs[0].findtext("CodeNumber") == "46" and docs[1].findtext("CodeNumber") == "45"
    assert docs[0].findtext("files/File/in_pdf") == "false"
    assert docs[1].findtext("files/File/pdf_pages") == "2"

