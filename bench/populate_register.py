# Fill one register with N incoming documents spread over days, through the
# registration code itself (numbers taken from the register's series).
#   zconsole run ZOPE_CONF bench/populate_register.py AGENCY N PER_DAY
import datetime
import sys
import time

import transaction
from plone.dexterity.utils import createContentInContainer
from qlvbdh_policy.registers.numbering import last_number
from qlvbdh_policy.timeutil import vietnam_today
from zope.component.hooks import setSite

args = sys.argv[sys.argv.index(next(a for a in sys.argv if a.endswith("populate_register.py"))) + 1:]
agency_id, total, per_day = args[0], int(args[1]), int(args[2])
site = app.qlvbdh  # noqa: F821
setSite(site)
year = vietnam_today().year
register = site[agency_id][f"den-{year}"]
start = datetime.date(year, 1, 2)
senders = ["Ủy ban nhân dân tỉnh Tiền Giang", "Sở Nội vụ", "Sở Tài chính", "Bộ Thông tin và Truyền thông"]
types = ["cong_van", "quyet_dinh", "thong_bao", "ke_hoach", "bao_cao", "giay_moi"]
started = time.time()
offset = last_number(register, "incoming")
for i in range(offset, offset + total):
    day = start + datetime.timedelta(days=((i - offset) // per_day) % 330)  # noqa
    createContentInContainer(
        register, "IncomingDocument", checkConstraints=False,
        id=f"vb-{i:06d}",
        title=f"Văn bản số {i} về việc triển khai nhiệm vụ công tác năm {year}",
        sender_name=senders[i % len(senders)], code_number=str(1000 + i),
        code_notation="UBND-VP", doc_date=day, arrival_date=day,
        doc_type=types[i % len(types)],
    )
    if i % 1000 == 999:
        transaction.commit()
        app._p_jar.cacheMinimize()  # noqa: F821
transaction.commit()
print(f"populated {total} documents in {time.time() - started:.0f}s")
print(f"FIRST vb-{offset:06d}")  # a demo register already holds documents

# one day's entries, straight from the catalog (brains, as a register page uses)
import random  # noqa: E402
import statistics  # noqa: E402

catalog = site.portal_catalog
path = "/".join(register.getPhysicalPath())

held = last_number(register, "incoming")
days = [start + datetime.timedelta(days=d) for d in range(min(330, total // per_day))]
latencies = []
for day in random.Random(7).choices(days, k=100):
    t = time.perf_counter()
    brains = catalog.unrestrictedSearchResults(
        path={"query": path, "depth": 1}, portal_type="IncomingDocument",
        arrival_date={"query": [day, day], "range": "min:max"},
        sort_on="arrival_number",
    )
    rows = [(b.arrival_number, b.Title, b.sender_name, b.document_code) for b in brains]
    latencies.append(time.perf_counter() - t)
    # a demo register's own documents arrived on some of these days too
    assert len(rows) == per_day or offset and len(rows) >= per_day, (day, len(rows))
latencies.sort()
print(f"HELD {held} CATALOG_DAY_P95_MS {latencies[94] * 1000:.2f} P50_MS {statistics.median(latencies) * 1000:.2f} ROWS {per_day}")
