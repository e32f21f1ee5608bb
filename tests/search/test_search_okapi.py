"""The full-text index whose long word lists are records of their own
(search/okapi.py, issue 15) answers exactly as ZCTextIndex's Okapi index:
the same documents indexed, changed and removed in both, the same queries
give the same results and scores; a long list is a WordCodes record, and
indexing a neighbour does not write it again."""

from BTrees.IOBTree import IOBTree
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from qlvbdh_policy.search.okapi import APART
from qlvbdh_policy.search.okapi import SeparateOkapiIndex
from qlvbdh_policy.search.okapi import WordCodes

import random
import transaction
import ZODB
import ZODB.MappingStorage

WORDS = ("ủy ban nhân dân tỉnh tiền giang kế hoạch chuyển đổi số báo cáo "
         "công văn quyết định sở nội vụ tài chính giấy mời họp").split()


def text(rnd, words):
    return " ".join(rnd.choice(WORDS) for _ in range(words))


def both():
    lexicon = Lexicon(Splitter(), CaseNormalizer())
    return OkapiIndex(lexicon), SeparateOkapiIndex(lexicon)


def results(index, query, how):
    found = getattr(index, how)(query)
    return sorted(found.items()) if found is not None else None


def test_same_answers_as_zctextindex_okapi():
    rnd = random.Random(15)
    stock, ours = both()
    docs = {docid: text(rnd, rnd.choice((3, 12, 400, 2000))) for docid in range(1, 80)}
    for docid, body in docs.items():
        assert stock.index_doc(docid, body) == ours.index_doc(docid, body)
    for docid in range(1, 80, 7):  # changed: short to long, long to short, same
        body = text(rnd, rnd.choice((5, 900))) if docid % 2 else docs[docid]
        assert stock.index_doc(docid, body) == ours.index_doc(docid, body)
    for docid in range(3, 80, 11):
        stock.unindex_doc(docid)
        ours.unindex_doc(docid)
    assert stock.document_count() == ours.document_count()
    assert stock.length() == ours.length()
    for docid in range(1, 80):
        assert stock.has_doc(docid) == ours.has_doc(docid)
        if stock.has_doc(docid):
            assert stock.get_words(docid) == ours.get_words(docid)
    for query in ("tỉnh", "chuyển", "kế", "nội"):
        assert results(stock, query, "search") == results(ours, query, "search")
        assert results(stock, query + "*", "search_glob") == results(ours, query + "*",
                                                                      "search_glob")
    for phrase in ("kế hoạch", "ủy ban nhân", "sở tài chính", "báo cáo công văn"):
        assert results(stock, phrase, "search_phrase") == results(ours, phrase, "search_phrase")
    kinds = {type(v) for v in ours._docwords._tree.values()}
    assert kinds == {str, WordCodes}  # short lists inline, long ones apart


def test_a_neighbour_does_not_rewrite_a_long_word_list():
    db = ZODB.DB(ZODB.MappingStorage.MappingStorage())
    connection = db.open()
    root = connection.root()
    _, ours = both()
    root["index"] = ours
    ours.index_doc(1, text(random.Random(1), 3000))
    transaction.commit()
    long_list = ours._docwords._tree[1]
    assert isinstance(long_list, WordCodes) and len(long_list.code) > APART
    serial = long_list._p_serial
    bucket_size = len(connection._storage.load(ours._docwords._tree._p_oid)[0])

    ours.index_doc(2, "công văn sở nội vụ")  # the neighbour
    ours.index_doc(1, text(random.Random(1), 3000))  # reindexed, the same text
    transaction.commit()

    assert long_list._p_serial == serial  # not written again
    assert len(connection._storage.load(ours._docwords._tree._p_oid)[0]) < bucket_size + 200
    assert isinstance(ours._docwords._tree, IOBTree)
    connection.close()
    db.close()
