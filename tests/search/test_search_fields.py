"""Search by every field of a document (NĐ 30/2020 Phụ lục VI §III.6.d),
in the order chosen (§III.6.g), with the columns chosen (§III.6.đ), through
the catalog as the search page queries it; the exports' writers."""

from domain_fixtures import incoming
from domain_fixtures import issue
from domain_fixtures import outgoing
from domain_fixtures import pdf
from io import BytesIO
from plone import api
from plone.app.testing import login
from qlvbdh_policy.exports import docx_table
from qlvbdh_policy.registers import pdf as pdf_writer
from qlvbdh_policy.routing import steps
from qlvbdh_policy.rules import search_criteria as S
from qlvbdh_policy.search import document_search
from routing_fixtures import make_province
from xml.etree import ElementTree
from zope.i18n import translate

import datetime
import pytest
import subprocess
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def fielded(portal):
    a, b = make_province(portal)
    register = a["den-2026"]
    login(portal, "vta")
    docs = {
        "khan": incoming(register, title="Kế hoạch chuyển đổi số năm 2027",
                         sender_name="Ủy ban nhân dân tỉnh Tiền Giang", code_number="123",
                         code_notation="UBND-VP", signer_name="Nguyễn Văn An",
                         urgency="khan", doc_type="cong_van", doc_date=datetime.date(2026, 11, 2),
                         due_date=datetime.date(2026, 12, 5)),
        "noivu": incoming(register, title="Báo cáo biên chế", sender_name="Sở Nội vụ",
                          code_number="3", code_notation="SNV-TCCB",
                          signer_name="Trần Thị Bình", doc_type="bao_cao",
                          arrival_date=datetime.date(2026, 10, 3),
                          doc_date=datetime.date(2026, 10, 1),
                          due_date=datetime.date(2026, 11, 10)),
    }
    steps.simple_step(docs["noivu"], "submit")
    login(portal, "lda")
    steps.assign(docs["noivu"], "xla")
    login(portal, "vta")
    docs["di"] = issue(outgoing(a["di-2026"], title="Công văn trả lời Sở Nội vụ",
                                doc_type="cong_van", signer_name="Lê Văn Cường", file=pdf()))
    docs["caibe"] = incoming(b["den-2026"], title="Kế hoạch của huyện",
                             sender_name="Ủy ban nhân dân tỉnh Tiền Giang",
                             signer_name="Nguyễn Văn An", urgency="khan")
    return a, docs


def found(context, form, **options):
    criteria = S.read(form)
    document_search.check_words(criteria)
    with api.env.adopt_roles(["Manager"]):
        return [b.getObject() for b in document_search.search(context, criteria,
                                                                **options)[1]]


def names(docs, objs):
    by_uid = {d.UID(): name for name, d in docs.items()}
    return [by_uid[o.UID()] for o in objs]


@pytest.mark.parametrize("form,expected", [
    ({"kind": "OutgoingDocument"}, {"di"}),
    ({"sender": "uy ban nhan dan"}, {"khan"}),
    ({"sender": "Sở Thông tin"}, {"di"}),  # an outgoing document's issuer: its agency
    ({"signer": "nguyen van an"}, {"khan"}),
    ({"signer": "Bình"}, {"noivu"}),
    ({"code": "123/UBND-VP"}, {"khan"}),
    ({"code": "snv-tccb"}, {"noivu"}),
    ({"code": "03"}, {"noivu"}),  # stored "3": a number matches as written either way
    ({"doc_type": "bao_cao"}, {"noivu"}),
    ({"urgency": "khan"}, {"khan"}),
    ({"state": "assigned"}, {"noivu"}),
    ({"state": "issued"}, {"di"}),
    ({"date_from": "01/11/2026", "date_to": "30/11/2026", "kind": "IncomingDocument"},
     {"khan"}),
    ({"arrival_from": "01/10/2026", "arrival_to": "31/10/2026"}, {"noivu"}),
    ({"due_from": "01/12/2026"}, {"khan"}),
    ({"due_to": "30/11/2026"}, {"noivu"}),
    ({"text": "ke hoach", "urgency": "khan"}, {"khan"}),
])
def test_each_field_finds_its_documents_in_the_agency(fielded, form, expected):
    agency, docs = fielded
    assert set(names(docs, found(agency, form))) == expected


def test_arrival_number_register_and_handler(fielded):
    agency, docs = fielded
    numbers = {n: docs[n].arrival_number for n in ("khan", "noivu")}
    low, high = sorted(numbers.values())
    assert names(docs, found(agency, {"arrival_number": str(numbers["noivu"])})) == ["noivu"]
    assert set(names(docs, found(agency, {"arrival_number": f"{low}-{high}"}))) == {
        "khan", "noivu"}
    register = agency["di-2026"]
    assert names(docs, found(agency, {"register": register.UID()}, register_paths={
        register.UID(): "/".join(register.getPhysicalPath())})) == ["di"]
    assert names(docs, found(agency, {"handler": "xla"})) == ["noivu"]
    # a department stands for its heads and people
    from qlvbdh_policy.registers.listing import handler_principals

    dept = agency["vp"].UID()
    assert names(docs, found(agency, {"handler": dept}, handler_principals={
        dept: handler_principals(agency, dept)})) == ["noivu"]


def test_the_order_chosen_keeps_documents_without_the_sorted_date(fielded):
    agency, docs = fielded
    by_arrival = names(docs, found(agency, {"sort": "arrival_date", "order": "asc"}))
    assert len(by_arrival) == 3 and by_arrival.index("noivu") < by_arrival.index("khan")
    by_title = names(docs, found(agency, {"sort": "title", "order": "asc"}))
    assert by_title == ["noivu", "di", "khan"]  # Báo cáo, Công văn, Kế hoạch
    assert names(docs, found(agency, {"sort": "title", "order": "desc"})) == by_title[::-1]
    by_due = names(docs, found(agency, {"sort": "due_date", "kind": "IncomingDocument"}))
    assert by_due == ["khan", "noivu"]  # latest deadline first


def test_words_the_parser_cannot_read_are_refused(fielded):
    agency, _docs = fielded
    for form in ({"text": '"'}, {"signer": "AND"}, {"sender": "("}, {"code": "NOT"}):
        with pytest.raises(S.CriteriaRefused) as refused:
            found(agency, form)
        assert refused.value.field == next(iter(form))


def test_rows_print_the_chosen_columns(fielded):
    agency, docs = fielded
    criteria = S.read({"cols": ["kind", "arrival_number", "signer", "urgency", "state",
                                "register", "issuer", "due_date"], "sort": "title",
                       "order": "asc"})
    with api.env.adopt_roles(["Manager"]):
        brains = document_search.search(agency, criteria)[1]
        rows = document_search.Rows(criteria["cols"],
                                    lambda m: translate(m, target_language="vi"))
        cells = [rows.cells(b) for b in brains]
    assert rows.headers() == [
        "Đến/đi", "Số đến", "Tác giả (cơ quan ban hành)", "Người ký", "Độ khẩn", "Hạn giải quyết",
        "Trạng thái", "Sổ văn bản"]
    noivu, di, khan = cells
    assert noivu == ["Văn bản đến", f"{docs['noivu'].arrival_number:02d}", "Sở Nội vụ",
                     "Trần Thị Bình", "Thường", "10/11/2026", "Đã phân công",
                     "Sổ văn bản đến 2026"]
    assert di[0] == "Văn bản đi" and di[1] == "" and di[2] == "Sở Thông tin và Truyền thông"
    assert di[6] == "Đã phát hành" and di[7] == "Sổ văn bản đi 2026"
    assert khan[4] == "Khẩn" and khan[5] == "05/12/2026"


def test_docx_holds_the_title_headers_and_rows():
    data = docx_table.table_docx(
        [("KẾT QUẢ TÌM KIẾM", True), ("Ngày 27/11/2026", False)], ["Số, ký hiệu", "Trích yếu"],
        [["123/UBND-VP", "=HYPERLINK(\"x\")"], ["03/SNV", "Quyết\x01 định\nhai dòng"]])
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert package.testzip() is None
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(
            package.namelist())
        root = ElementTree.fromstring(package.read("word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t"))
                  for p in root.find(f"{W}body").findall(f"{W}p")]
    assert paragraphs[:2] == ["KẾT QUẢ TÌM KIẾM", "Ngày 27/11/2026"]
    table = [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.findall(f"{W}tc")]
             for tr in root.iter(f"{W}tr")]
    assert table == [["Số, ký hiệu", "Trích yếu"], ["123/UBND-VP", '=HYPERLINK("x")'],
                     ["03/SNV", "Quyết định" + "hai dòng"]]
    assert root.find(f".//{W}tblHeader") is not None  # the header row repeats


def test_pdf_listing_holds_the_title_headers_and_rows(tmp_path):
    data = pdf_writer.listing_pdf([("KẾT QUẢ TÌM KIẾM VĂN BẢN", "heading")],
                                  ["Số, ký hiệu", "Trích yếu"], [1, 3],
                                  [["123/UBND-VP", "Kế hoạch\x00 chuyển đổi số"]])
    (tmp_path / "k.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "k.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "KẾT QUẢ TÌM KIẾM VĂN BẢN" in text and "Trích yếu" in text
    assert "Kế hoạch chuyển đổi số" in text and "123/UBND-VP" in text
