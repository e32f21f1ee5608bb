# Routing bench data, after the registers are filled:
#   zconsole run ZOPE_CONF bench/prepare_routing.py LARGE SMALL SMALL_SIZE N_ASSIGN N_ISSUE
# - SMALL's incoming register gets SMALL_SIZE documents (LARGE has its own);
# - in both registers N_ASSIGN documents are submitted to the leader;
# - agencies are added until the province has 101, and sttt gets N_ISSUE
#   signed outgoing documents (1 MB PDF) addressed to the 100 others;
# - bench accounts: leaders of LARGE and SMALL, a handler in each, sttt's clerk.
import sys
import time

import transaction
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy.routing import steps
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.agencies.lookups import children
from zope.component.hooks import setSite
from Testing.makerequest import makerequest

PASSWORD = "bench-routing-2026"
args = sys.argv[sys.argv.index(next(a for a in sys.argv if a.endswith("prepare_routing.py"))) + 1:]
large, small, small_size, n_assign, n_issue = args[0], args[1], int(args[2]), int(args[3]), int(args[4])
app = makerequest(app)  # noqa: F821
site = app.qlvbdh
setSite(site)
year = vietnam_today().year


def user(userid, group):
    if api.user.get(userid=userid) is None:
        api.user.create(email=f"{userid}@bench.vn", username=userid, password=PASSWORD)
    api.group.add_user(groupname=group, username=userid)


started = time.time()
with api.env.adopt_roles(["Manager"]):
    for abbr in (large, small):
        user(f"bl{abbr}", f"{abbr}-leaders")
        user(f"bh{abbr}", f"{abbr}-staff")
    user("bvsttt", "sttt-clerks")
    register = site[small][f"den-{year}"]
    for i in range(small_size):
        createContentInContainer(
            register, "IncomingDocument", checkConstraints=False, id=f"vb-{i:06d}",
            title=f"Văn bản số {i} về việc triển khai nhiệm vụ", sender_name="Sở Nội vụ",
            code_number=str(5000 + i), code_notation="SNV-VP", doc_date=vietnam_today(),
            doc_type="cong_van",
        )
        if i % 500 == 499:
            transaction.commit()
    transaction.commit()
    for abbr in (large, small):
        register = site[abbr][f"den-{year}"]
        for i in range(n_assign):
            doc = createContentInContainer(
                register, "IncomingDocument", checkConstraints=False, id=f"pc-{i:04d}",
                title=f"Văn bản chờ phân công số {i}", sender_name="UBND tỉnh",
                code_number=str(9000 + i), code_notation="UBND-VP", doc_date=vietnam_today(),
                doc_type="cong_van",
            )
            steps.simple_step(doc, "submit")
        transaction.commit()
    for i in range(200):
        if len(children(site, "Agency")) >= 101:
            break
        abbr = f"bench{i:03d}"
        if abbr not in site.objectIds():
            api.content.create(container=site, type="Agency", id=abbr, title=f"Cơ quan thử {i}",
                               domain_abbr=abbr, notation_abbr=f"BENCH{i}", level="so_nganh")
        if i % 10 == 9:
            transaction.commit()
    transaction.commit()
    recipients = [a.UID() for a in children(site, "Agency") if a.getId() != "sttt"]
    data = b"%PDF-1.4\n" + bytes(range(256)) * 4096 + b"\n%%EOF\n"  # 1 MB
    for i in range(n_issue):
        doc = createContentInContainer(
            site["sttt"][f"di-{year}"], "OutgoingDocument", checkConstraints=False,
            id=f"ph-{i:03d}", title=f"Công văn gửi các cơ quan số {i}", doc_type="cong_van",
            recipients_internal=recipients,
            file=NamedBlobFile(data=data, filename=f"cv-{i}.pdf", contentType="application/pdf"),
        )
        for step in ("submit_review", "approve", "sign"):
            steps.simple_step(doc, step)
        transaction.commit()
print(f"ROUTING_PREPARED recipients={len(recipients)} seconds={time.time() - started:.0f}")
