# Search figures, run inside Zope on the bench site:
#   zconsole run ZOPE_CONF bench/search_bench.py
# 1. recall of accent-stripped queries over bench/search_corpus.txt (titles
#    with every initial letter): stock Plone's lexicon pipeline beside ours;
# 2. p95 of full-text queries against the site catalog (all its documents).
import json
import random
import statistics
import sys
import time
from pathlib import Path

from Products.CMFPlone.UnicodeSplitter.splitter import I18NNormalizer
from Products.CMFPlone.UnicodeSplitter.splitter import Splitter
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from qlvbdh_policy.rules.folding import fold
from qlvbdh_policy.search.lexicon import VietnameseFoldingNormalizer
from zope.component.hooks import setSite

HERE = Path(next(a for a in sys.argv if a.endswith("search_bench.py"))).resolve().parent
titles = [t.strip() for t in (HERE / "search_corpus.txt").read_text(encoding="utf-8").splitlines()
          if t.strip()]
queries = [(i, fold(" ".join(t.split()[:3]))) for i, t in enumerate(titles)]


def recall(normalizer):
    lexicon = Lexicon(Splitter(), normalizer)
    index = OkapiIndex(lexicon)
    for i, title in enumerate(titles):
        index.index_doc(i, title)
    hits = 0
    for i, query in queries:
        words = lexicon.parseTerms(query)
        found = None
        for word in words:
            ids = set(index.search(word).keys()) if index.search(word) else set()
            found = ids if found is None else found & ids
        hits += i in (found or set())
    return hits / len(queries)


print("RESULT " + json.dumps({"recall_ours": recall(VietnameseFoldingNormalizer()),
                              "recall_stock": recall(I18NNormalizer()),
                              "queries": len(queries)}))

site = app.qlvbdh  # noqa: F821
setSite(site)
catalog = site.portal_catalog
total = len(catalog.unrestrictedSearchResults(portal_type=["IncomingDocument",
                                                            "OutgoingDocument"]))
words = ["trien khai", "nhiem vu", "cong tac", "van ban so 12", "ubnd-vp", "bao cao",
         "quyet dinh", "ke hoach", "uy ban", "so noi vu"]
latencies = []
for query in random.Random(3).choices(words, k=100):
    started = time.perf_counter()
    brains = catalog.unrestrictedSearchResults(SearchableText=query, sort_on="doc_date",
                                               sort_order="descending", sort_limit=50)
    [b.Title for b in brains[:50]]
    latencies.append(time.perf_counter() - started)
latencies.sort()
print("RESULT " + json.dumps({"query_p95_ms": latencies[94] * 1000,
                              "query_p50_ms": statistics.median(latencies) * 1000,
                              "documents": total}))
