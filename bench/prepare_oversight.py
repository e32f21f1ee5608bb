# The province dashboard's data (issue 18): AGENCIES agencies (the province's
# own, topped up with bench agencies) share DOCS incoming and outgoing
# documents spread over this year up to yesterday, with known states:
#   zconsole run ZOPE_CONF bench/prepare_oversight.py DOCS AGENCIES ACCOUNTS [FIRST]
# Two thirds incoming (40 % received electronically; of them 50 % completed,
# one in five of those late, 10 % filed, 25 % with the handlers, some
# overdue, 15 % with the clerk), one third issued (70 % delivered to another
# agency, acknowledged the same working day or later), ACCOUNTS accounts per
# agency, a third of them with logins. Incoming documents carry their số đến
# (the register book lists them by it); in each agency the first account is a
# leader and the next two handlers, the documents with the handlers (and the
# completed ones, to be filed) alternately theirs, so that "Việc của tôi" has
# a leader's and a handler's list to show. Straight through the content API in
# one process (states, trail and deliveries written as the steps write
# them), not through HTTP: the figures measured are the reports', not this.
import datetime
import random
import sys
import time

import transaction
from BTrees.OOBTree import OOBTree
from DateTime import DateTime
from persistent.list import PersistentList
from plone import api
from plone.dexterity.utils import createContent
from qlvbdh_policy.accounts import login_days
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.agencies.province import ensure_registers
from qlvbdh_policy import roles as R
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import trail
from qlvbdh_policy.timeutil import VIETNAM_OFFSET
from qlvbdh_policy.timeutil import vietnam_today
from Testing.makerequest import makerequest
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

args = sys.argv[sys.argv.index(next(a for a in sys.argv if a.endswith("prepare_oversight.py"))) + 1:]
total, n_agencies, n_accounts = int(args[0]), int(args[1]), int(args[2])
first = int(args[3]) if len(args) > 3 else 0  # more documents on a filled site
app = makerequest(app)  # noqa: F821
site = app.qlvbdh
setSite(site)
today = vietnam_today()
year = today.year
days = (today - datetime.date(year, 1, 1)).days  # 1 January .. yesterday
rng = random.Random(18)
PASSWORD = "bench-oversight-2026"


def moment(day, hour=9):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=VIETNAM_OFFSET)


def add(container, portal_type, doc_id, **fields):
    """The document as the steps leave it, without the events of adding it
    (numbering, the first version, notifications): its catalog entry is
    written once, with its final state, at the next commit."""
    doc = createContent(portal_type, **fields)
    doc.id = doc_id
    container._setObject(doc_id, doc, suppress_events=True)
    return container._getOb(doc_id)


def set_state(doc, state):
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool.getWorkflowsFor(doc)[0]
    wftool.setStatusOf(workflow.getId(), doc, {
        "action": None, "actor": "admin", "comments": "", "review_state": state,
        "time": DateTime()})


def incoming(register, i, electronic, handlers):
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(days))
    due = day + datetime.timedelta(days=rng.choice((3, 7, 10, 15, 30)))
    doc = add(
        register, "IncomingDocument", f"ov-{i:06d}",
        title=f"Văn bản số {i} về việc báo cáo tình hình thực hiện nhiệm vụ năm {year}",
        sender_name="Ủy ban nhân dân tỉnh Tiền Giang", code_number=str(i), arrival_number=i + 1,
        code_notation="UBND-VP", doc_date=day, arrival_date=day, doc_type="cong_van",
        due_date=due, source_uid=f"bench-{i}" if electronic else None)
    roll = rng.random()
    if roll < 0.6:  # completed (a tenth of those filed), one in five late
        late = rng.random() < 0.2
        done = min(due + datetime.timedelta(days=rng.randint(1, 10)) if late
                   else day + datetime.timedelta(days=rng.randint(0, (due - day).days)),
                   today - datetime.timedelta(days=1))
        IAnnotations(doc)[trail.KEY] = PersistentList([{
            "when": moment(done, 15), "actor": "admin", "actor_name": "admin",
            "action": "complete", "comment": "Đã xong", "to": []}])
        set_state(doc, "filed" if roll < 0.1 else "completed")
        handle(doc, handlers, i)
    elif roll < 0.85:
        state = rng.choice(("assigned", "in_progress", "submitted"))
        set_state(doc, state)
        if state != "submitted":
            handle(doc, handlers, i)
    else:
        set_state(doc, "registered")
    doc.reindexObject()


def handle(doc, handlers, i):
    """The document's main handler, as the leader's assignment records it."""
    handler = handlers[i % len(handlers)]
    ra.grant(doc, [handler], R.HANDLER, "assign")
    ra.apply(doc, [handler])


def outgoing(register, i, recipients):
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(days))
    sent = rng.random() < 0.7
    deliveries = None
    if sent:
        deliveries = OOBTree()
        for uid in rng.sample(recipients, 2):
            ack = day + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 3)))
            deliveries[uid] = {"status": "accepted", "delivered": moment(day),
                               "acknowledged": moment(min(ack, today), 10),
                               "updated": moment(min(ack, today), 10)}
    doc = add(
        register, "OutgoingDocument", f"ov-{i:06d}",
        title=f"Công văn số {i} về việc triển khai kế hoạch chuyển đổi số", doc_type="cong_van",
        code_number=f"{i:02d}", issued_date=day,
        recipients_internal=list(deliveries.keys()) if sent else [],
        electronic_only=rng.random() < 0.3)
    if deliveries is not None:
        doc.deliveries = deliveries
    set_state(doc, "issued")
    doc.reindexObject()


def accounts(agency, count):
    abbr = agency.getId()
    made = []
    for n in range(count):
        userid = f"ov{abbr}{n:02d}"
        if api.user.get(userid=userid) is None:
            api.user.create(email=f"{userid}@bench.vn", username=userid, password=PASSWORD)
            api.group.add_user(groupname=f"{abbr}-staff", username=userid)
            if n == 0:  # the agency's leader (Việc của tôi: what was submitted)
                api.group.add_user(groupname=f"{abbr}-leaders", username=userid)
        made.append(userid)
    return made


started = time.time()
with api.env.adopt_roles(["Manager"]):
    agencies = list(children(site, "Agency"))
    for n in range(max(0, n_agencies - len(agencies))):
        abbr = f"ov{n:03d}"
        if abbr not in site.objectIds():
            api.content.create(container=site, type="Agency", id=abbr, title=f"Cơ quan thử {n}",
                               domain_abbr=abbr, notation_abbr=f"OV{n}", level="so_nganh")
    transaction.commit()
    agencies = sorted(children(site, "Agency"), key=lambda a: a.getId())[:n_agencies]
    uids = [a.UID() for a in agencies]
    site_guard = guard(site)
    handlers = {}
    for agency in agencies:
        ensure_registers(agency, year)
        people = accounts(agency, n_accounts)
        handlers[agency.getId()] = people[1:3] or people[:1]
        if site_guard is not None:  # a third of the accounts logged in, on some days
            for userid in people[: max(1, n_accounts // 3)]:
                for d in rng.sample(range(days), 5):
                    login_days.count(site_guard, userid,
                                     datetime.date(year, 1, 1) + datetime.timedelta(days=d))
    transaction.commit()
    for i in range(first, first + total):
        agency = agencies[i % len(agencies)]
        if i % 3 == 2:
            others = [u for u in uids if u != agency.UID()]
            outgoing(agency[f"di-{year}"], i, others)
        else:
            incoming(agency[f"den-{year}"], i, rng.random() < 0.4, handlers[agency.getId()])
        if i % 500 == 499:
            transaction.commit()
            app._p_jar.cacheMinimize()
    transaction.commit()
print(f"OVERSIGHT_PREPARED documents={total} agencies={len(agencies)} "
      f"seconds={time.time() - started:.0f}")
