"""Vietnamese full-text search: queries with or without diacritics find
titles whatever their first letter (stock Plone folds only words starting
in U+0041–U+024F)."""

from domain_fixtures import incoming
from domain_fixtures import make_agency
from plone import api
from qlvbdh_policy.search.lexicon import VietnameseFoldingNormalizer

import pytest

CORPUS = [
    "Ủy ban nhân dân tỉnh Tiền Giang ban hành kế hoạch",
    "Về việc ứng dụng công nghệ thông tin trong cơ quan nhà nước",
    "Ấn định thời hạn nộp báo cáo thống kê",
    "Đơn vị sự nghiệp công lập tự chủ tài chính",
    "Ước tính kinh phí sửa chữa trụ sở",
    "Ơn nghĩa và công tác chính sách xã hội",
    "Ăn uống tập thể bảo đảm an toàn thực phẩm",
    "Âm thanh ánh sáng phục vụ lễ kỷ niệm",
    "Ê kíp trực phòng chống thiên tai",
    "Ổn định tổ chức bộ máy các phòng chuyên môn",
    "Ở nhà an toàn trong mùa mưa bão",
    "Quyết định phê duyệt dự toán ngân sách",
]
QUERIES = [
    ("uy ban", 0), ("ung dung", 1), ("an dinh", 2), ("don vi", 3), ("uoc tinh", 4),
    ("on nghia", 5), ("an uong", 6), ("am thanh", 7), ("e kip", 8), ("on dinh", 9),
    ("o nha", 10), ("quyet dinh phe duyet", 11),
    ("Ủy ban", 0), ("ỨNG DỤNG", 1), ("Ấn định", 2), ("đơn vị", 3),
]


def test_normalizer_folds_every_letter_and_keeps_globs():
    n = VietnameseFoldingNormalizer()
    assert n.process(["Ủy", "ỨNG", "Đơn", "ấn", "quyết"]) == ["uy", "ung", "don", "an", "quyet"]
    assert n.processGlob(["ứng*", "đ?n"]) == ["ung*", "d?n"]


@pytest.fixture
def corpus(portal):
    agency = make_agency(portal)
    return [incoming(agency["den-2026"], title=t, code_number=str(i))
            for i, t in enumerate(CORPUS)]


@pytest.mark.parametrize("query,expected", QUERIES)
def test_search_finds_with_and_without_diacritics(corpus, query, expected):
    for index in ("SearchableText", "Title"):
        found = {b.UID for b in api.content.find(unrestricted=True, **{index: query})}
        assert corpus[expected].UID() in found, (index, query)


def test_prefix_search_as_plone_sends_it(corpus):
    found = {b.UID for b in api.content.find(unrestricted=True, SearchableText="ung dun*")}
    assert found == {corpus[1].UID()}


def test_text_indexes_use_the_vietnamese_lexicon(portal):
    catalog = api.portal.get_tool("portal_catalog")
    for index in ("SearchableText", "Title", "Description"):
        assert catalog._catalog.getIndex(index).lexicon_id == "qlvbdh_lexicon"


@pytest.fixture
def numbered(portal):
    import datetime

    agency = make_agency(portal)
    register = agency["den-2026"]
    return {
        "cv": incoming(register, title="Công văn về việc triển khai phần mềm",
                       code_number="123", code_notation="UBND-VP", doc_type="cong_van",
                       doc_date=datetime.date(2026, 11, 2)),
        "qd": incoming(register, title="Quyết định ban hành quy chế",
                       code_number="03", code_notation="2014/QĐ-UBND",
                       doc_date=datetime.date(2014, 1, 24)),
        "other": incoming(register, title="Công văn về việc 123 cán bộ đi học",
                          code_number="45", code_notation="SNV-TCCB",
                          doc_date=datetime.date(2026, 10, 1)),
    }


@pytest.mark.parametrize("query,expected", [
    ("123/UBND-VP", {"cv"}),
    ("123/ubnd-vp", {"cv"}),
    ("UBND-VP", {"cv"}),
    ("123", {"cv", "other"}),
    ("03/2014/QĐ-UBND", {"qd"}),
    ("03/2014/QD-UBND", {"qd"}),
    ("qđ-ubnd", {"qd"}),
])
def test_search_by_number_and_notation(numbered, query, expected):
    found = {b.UID for b in api.content.find(unrestricted=True, SearchableText=query)}
    assert found == {numbered[k].UID() for k in expected}


def test_titles_sort_in_vietnamese_order(portal):
    agency = make_agency(portal)
    titles = ["Ủy ban nhân dân", "Đơn đề nghị", "Ấn định thời hạn", "An toàn thông tin",
              "Báo cáo", "Duyệt kế hoạch", "Ước tính kinh phí", "Ăn ca"]
    for i, title in enumerate(titles):
        incoming(agency["den-2026"], title=title, code_number=str(i))
    brains = api.content.find(unrestricted=True, portal_type="IncomingDocument",
                              sort_on="sortable_title")
    assert [b.Title for b in brains] == [
        "An toàn thông tin", "Ăn ca", "Ấn định thời hạn", "Báo cáo", "Duyệt kế hoạch",
        "Đơn đề nghị", "Ủy ban nhân dân", "Ước tính kinh phí"]


def test_every_title_of_the_bench_corpus_found_without_marks(portal):
    """bench/search_corpus.txt: titles beginning with each precomposed
    Vietnamese letter (U+1EA0–U+1EF9 and the others)."""
    from pathlib import Path
    from qlvbdh_policy.rules.folding import fold

    path = Path(__file__).resolve().parents[2] / "bench" / "search_corpus.txt"
    titles = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    initials = {t[0] for t in titles}
    assert {chr(c) for c in range(0x1EA0, 0x1EFA, 2)} <= initials  # every capital
    register = make_agency(portal)["den-2026"]
    docs = [incoming(register, title=t, code_number=str(i)) for i, t in enumerate(titles)]
    missed = []
    for doc, title in zip(docs, titles):
        query = fold(" ".join(title.split()[:3]))
        found = {b.UID for b in api.content.find(unrestricted=True, SearchableText=query)}
        if doc.UID() not in found:
            missed.append(query)
    assert missed == []
